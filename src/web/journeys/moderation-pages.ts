// The IQA's moderation: the queue (each sample linked to its decision, the batches to sign
// off), and one sampled assessment with the assessor's judgements and notes beside the
// criteria, the session's facts, and the decision: agree, or change the grade with a reason.
// An adapter: moderationQueue, moderationCase, moderate and signOffBatch decide; nobody
// moderates their own assessment (the domain's moderationConflict), and the page says so.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AssessmentView } from '../../app/assessments.ts';
import type { AppContext } from '../../app/context.ts';
import { methodName } from '../../app/dashboard.ts';
import { AppError } from '../../app/errors.ts';
import { isUuid } from '../../app/ids.ts';
import { ModerationInput } from '../../app/inputs-assessment.ts';
import { moderate, moderationCase, moderationQueue, signOffBatch } from '../../app/moderation.ts';
import type { Role } from '../../domain/access/access.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import { groupCriteria } from './assessment-workspace.ts';
import { actorOf, asPage, type ErrorItem, errorsOf, type FormBody, type JourneyOptions, one } from './kit.ts';

const ROLES: readonly Role[] = ['iqa', 'epao-admin'];
const GRADES = ['fail', 'pass', 'distinction'] as const;
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The workspace's grouping, each criterion with the assessor's judgement and note beside it. */
export function judgedGroups(criteria: AssessmentView['criteria'], judgements: AssessmentView['judgements']) {
  return groupCriteria(criteria).map((g) => ({
    ...g,
    criteria: g.criteria.map((c) => ({ ...c, judgement: judgements[c.id]?.judgement ?? null, note: judgements[c.id]?.note ?? '' })),
  }));
}

/** Minutes between two instants, to one decimal place; null when either is missing. */
const minutesBetween = (from: string | null, to: string | null) =>
  from && to ? Math.round((new Date(to).getTime() - new Date(from).getTime()) / 6000) / 10 : null;

export function moderationPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    const config = { roles: ROLES };

    // The queue, with a confirmation after a decision or a sign-off. /iqa (pages.ts) shows the
    // same template; this route is where the decisions come back to, with their banner.
    async function queuePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const queue = await moderationQueue(ctx, actorOf(request));
      return view(
        request,
        reply,
        'iqa.njk',
        {
          title: `${terms.term('moderation')} queue`,
          queue: { ...queue, sampled: queue.sampled.map((s) => ({ ...s, methodName: methodName(ctx, s.standard, s.method) })) },
          errors: [],
          ...extra,
        },
        status,
      );
    }

    async function decidedBanner(request: FastifyRequest): Promise<string | null> {
      const query = request.query as Record<string, unknown>;
      const decided = typeof query.decided === 'string' ? query.decided : '';
      if (isUuid(decided)) {
        // A decision the banner cannot find (a stale link) just shows no banner.
        const c = await moderationCase(ctx, actorOf(request), decided).catch((error: unknown) => {
          if (error instanceof AppError && error.status === 404) return null;
          throw error;
        });
        if (c?.decision) {
          const who = `${c.assessment.apprentice.givenNames} ${c.assessment.apprentice.familyName}’s ${c.assessment.method.name}`;
          return c.decision.status === 'changed'
            ? `You changed the grade of ${who} from ${capital(c.assessment.provisionalGrade ?? '')} to ${capital(c.decision.grade ?? '')}`
            : `You agreed the grade of ${who}: ${capital(c.decision.grade ?? c.assessment.provisionalGrade ?? '')}`;
        }
      }
      const signedOff = typeof query['signed-off'] === 'string' ? Number(query['signed-off']) : Number.NaN;
      if (Number.isInteger(signedOff) && signedOff >= 0)
        return signedOff === 0
          ? 'The batch is signed off'
          : `The batch is signed off: ${signedOff} ${signedOff === 1 ? 'result that was not sampled is' : 'results that were not sampled are'} now moderated`;
      return null;
    }

    // The queue is the IQA's home page; a decision or sign-off comes back to it with its banner.
    app.get('/iqa', { config }, async (request, reply) => queuePage(request, reply, { banner: await decidedBanner(request) }));

    async function casePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const { assessmentId } = request.params as { assessmentId: string };
      const c = await moderationCase(ctx, actorOf(request), assessmentId).catch(asPage);
      const a = c.assessment;
      const name = `${a.apprentice.givenNames} ${a.apprentice.familyName}`;
      return view(
        request,
        reply,
        'moderation.njk',
        {
          title: `${terms.term('moderation')}: ${name}, ${a.method.name}`,
          c,
          a,
          name,
          groups: judgedGroups(a.criteria, a.judgements),
          minutes: minutesBetween(a.startedAt, a.endedAt),
          conflict: c.conflict ? { message: plainEnglish(c.conflict), source: c.conflict.source } : null,
          grades: GRADES.map((g) => ({ value: g, text: capital(g) })),
          values: {},
          fieldErrors: {},
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/moderation/:assessmentId', { config }, async (request, reply) => casePage(request, reply));

    app.post('/moderation/:assessmentId', { config }, async (request, reply) => {
      const actor = actorOf(request);
      const { assessmentId } = request.params as { assessmentId: string };
      const c = await moderationCase(ctx, actor, assessmentId).catch(asPage);
      const body = request.body as FormBody;
      const values = { decision: one(body, 'decision'), grade: one(body, 'grade'), reason: one(body, 'reason') };
      const fieldErrors: Record<string, string> = {};
      const decision = values.decision;
      const reason = values.reason.trim();
      if (decision !== 'agree' && decision !== 'change') fieldErrors.decision = 'Select whether you agree with the provisional grade or change it';
      if (decision === 'change') {
        if (!(GRADES as readonly string[]).includes(values.grade)) fieldErrors.grade = 'Select the grade the assessment should have';
        else if (values.grade === c.assessment.provisionalGrade)
          fieldErrors.grade = `The provisional grade is already ${capital(values.grade)}: select a different grade, or agree with it`;
        if (!reason) fieldErrors.reason = 'Enter the reason for changing the grade';
      }
      const input = ModerationInput.safeParse(decision === 'change' ? { decision, grade: values.grade, reason } : { decision, ...(reason ? { reason } : {}) });
      if (!input.success && !fieldErrors.reason)
        for (const issue of input.error.issues) {
          if (issue.path[0] !== 'reason') continue;
          if (issue.code === 'too_small') fieldErrors.reason = `The reason must be ${issue.minimum} characters or more`;
          if (issue.code === 'too_big') fieldErrors.reason = `The reason must be ${issue.maximum} characters or fewer`;
        }
      if (!input.success || Object.keys(fieldErrors).length > 0) {
        if (Object.keys(fieldErrors).length === 0) fieldErrors.decision = 'Check your answers: one of them is not an option on this form';
        return casePage(request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
      }
      try {
        await moderate(ctx, actor, c.assessment.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
        const findings = (error.details.findings ?? []) as Finding[];
        const errors: ErrorItem[] = findings.length
          ? findings.map((f) => ({ text: `${plainEnglish(f)} (Source: ${f.source})`, href: '#decision-heading' }))
          : [{ text: plainEnglish(error), href: '#decision-heading' }];
        return casePage(request, reply, { values, errors }, error.status);
      }
      return reply.redirect(`/iqa?decided=${c.assessment.id}`, 303);
    });

    app.post('/moderation/batches/:batchId/sign-off', { config }, async (request, reply) => {
      const { batchId } = request.params as { batchId: string };
      try {
        const signed = await signOffBatch(ctx, actorOf(request), batchId);
        return reply.redirect(`/iqa?signed-off=${signed.signedOff}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        if (error.status === 404) return asPage(error);
        return queuePage(request, reply, { errors: [{ text: plainEnglish(error), href: '#batches-heading' }] }, error.status);
      }
    });
  };
}
