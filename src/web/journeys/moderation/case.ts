// One sampled assessment for moderation: the assessor's judgements and notes beside the
// criteria, the session's facts, and the decision: agree, or change the grade with a reason.
// Nobody moderates their own assessment (the domain's moderationConflict), and the page says so.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssessmentView } from '../../../app/assessments.ts';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { ModerationInput } from '../../../app/inputs-assessment.ts';
import { moderate, moderationCase } from '../../../app/moderation.ts';
import { fieldErrorsFrom, type Issue } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { documentTitles, sourceText } from '../../source-text.ts';
import { groupCriteria } from '../assessment/criteria.ts';
import { actorOf, asPage, type ErrorItem, errorsOf, type FormBody, formBody, one, type Services } from '../kit.ts';
import { capital } from './queue.ts';

const GRADES = ['fail', 'pass', 'distinction'] as const;

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

async function casePage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
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

export const showCase = (services: Services, request: FastifyRequest, reply: FastifyReply) => casePage(services, request, reply);

/** What the page says when the reason is shorter or longer than ModerationInput takes. */
const reasonLength = (issue: Issue) =>
  issue.code === 'too_small'
    ? `The reason must be ${issue.minimum} characters or more`
    : issue.code === 'too_big'
      ? `The reason must be ${issue.maximum} characters or fewer`
      : undefined;

/** The decision as the form gives it, against the provisional grade: the values, the errors, and the input when there are none. */
function readDecision(body: FormBody, provisionalGrade: string | null) {
  const values = { decision: one(body, 'decision'), grade: one(body, 'grade'), reason: one(body, 'reason') };
  const fieldErrors: Record<string, string> = {};
  const decision = values.decision;
  const reason = values.reason.trim();
  if (decision !== 'agree' && decision !== 'change') fieldErrors.decision = 'Select whether you agree with the provisional grade or change it';
  if (decision === 'change') {
    if (!(GRADES as readonly string[]).includes(values.grade)) fieldErrors.grade = 'Select the grade the assessment should have';
    else if (values.grade === provisionalGrade)
      fieldErrors.grade = `The provisional grade is already ${capital(values.grade)}: select a different grade, or agree with it`;
    if (!reason) fieldErrors.reason = 'Enter the reason for changing the grade';
  }
  const input = ModerationInput.safeParse(decision === 'change' ? { decision, grade: values.grade, reason } : { decision, ...(reason ? { reason } : {}) });
  const errors = input.success ? fieldErrors : fieldErrorsFrom(input.error, { reason: { message: reasonLength } }, { found: fieldErrors });
  if (!input.success && Object.keys(errors).length === 0) errors.decision = 'Check your answers: one of them is not an option on this form';
  return { values, fieldErrors: errors, input: input.success && Object.keys(errors).length === 0 ? input.data : null };
}

export async function decide(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const { assessmentId } = request.params as { assessmentId: string };
  const c = await moderationCase(services.ctx, actor, assessmentId).catch(asPage);
  const { values, fieldErrors, input } = readDecision(formBody(request), c.assessment.provisionalGrade);
  if (!input) return casePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  try {
    await moderate(services.ctx, actor, c.assessment.id, input);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    const findings = findingsOf(error);
    const errors: ErrorItem[] = findings.length
      ? findings.map((f) => ({
          text: `${plainEnglish(f)} (Source: ${sourceText(f.source, documentTitles(services.ctx.catalogue))})`,
          href: '#decision-heading',
        }))
      : [{ text: plainEnglish(error), href: '#decision-heading' }];
    return casePage(services, request, reply, { values, errors }, error.status);
  }
  return reply.redirect(`/iqa?decided=${c.assessment.id}`, 303);
}
