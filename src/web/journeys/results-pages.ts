// Results: the record page's result section, the result page, the EPAO's release (which
// waits for moderation: the domain's releaseBlockers), the results statement PDF and, for a
// fail, the feedback report with the criteria not met and what the apprentice can do next.
// An adapter: resultOverview, releaseResult, resultsStatementPdf and feedbackReport decide.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resultsStatementPdf } from '../../app/certificates.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { feedbackReportPdf } from '../../app/feedback-pdf.ts';
import { ReleaseInput } from '../../app/inputs-assessment.ts';
import { feedbackReport, type ResultOverview, resultOverview } from '../../app/result-views.ts';
import { releaseResult } from '../../app/results.ts';
import type { Role } from '../../domain/access/access.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import type { RecordSection } from '../record-sections.ts';
import type { Terminology } from '../terminology.ts';
import { actorOf, asPage, type ErrorItem, type FormBody, type JourneyOptions, one, pageRecord } from './kit.ts';

const EVERYONE: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];
const RELEASERS: readonly Role[] = ['epao-admin', 'iqa'];
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The overview as the templates read it: labels for the moderation states, findings in plain English. */
function presented(overview: ResultOverview, terms: Terminology) {
  const moderation = (state: string | null) =>
    state === null
      ? 'Not assessed yet'
      : state === 'pending'
        ? `Waiting for ${terms.term('moderation').toLowerCase()}`
        : state === 'agreed'
          ? 'Agreed'
          : state === 'changed'
            ? `Grade changed at ${terms.term('moderation').toLowerCase()}`
            : 'Signed off with its batch';
  return {
    ...overview,
    methods: overview.methods.map((m) => ({ ...m, moderationText: moderation(m.moderation) })),
    blockers: overview.blockers.map((b) => ({ message: plainEnglish(b), source: b.source })),
    lodgedAppeal: overview.appeals.find((a) => a.status === 'lodged') ?? null,
  };
}

/** The record page's result section: for everyone who may see the record, once there is something to say. */
export const resultSection: RecordSection = async ({ ctx, actor, record, terms }) => {
  const overview = await resultOverview(ctx, actor, record.id);
  const assessed = overview.methods.some((m) => m.moderation !== null);
  if (!overview.result && !assessed && record.status !== 'in-epa') return null;
  return { template: 'record/result.njk', data: { recordId: record.id, overview: presented(overview, terms) } };
};

export function resultsPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    app.get('/records/:id/result', { config: { roles: EVERYONE } }, async (request, reply) => {
      const record = await pageRecord(ctx, request);
      const overview = await resultOverview(ctx, actorOf(request), record.id);
      return view(request, reply, 'result.njk', {
        title: `Result: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
        record,
        overview: presented(overview, terms),
        released: (request.query as Record<string, unknown>).released === '1' && overview.result?.status === 'released',
      });
    });

    async function releasePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const record = await pageRecord(ctx, request);
      const overview = await resultOverview(ctx, actorOf(request), record.id);
      return view(
        request,
        reply,
        'result-release.njk',
        {
          title: `Release the result: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
          record,
          overview: presented(overview, terms),
          values: {},
          fieldErrors: {},
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/records/:id/result/release', { config: { roles: RELEASERS } }, async (request, reply) => releasePage(request, reply));

    app.post('/records/:id/result/release', { config: { roles: RELEASERS } }, async (request, reply) => {
      const record = await pageRecord(ctx, request);
      const feedback = one(request.body as FormBody, 'feedback').trim();
      const values = { feedback };
      const input = ReleaseInput.safeParse(feedback ? { feedback } : {});
      if (!input.success) {
        const tooBig = input.error.issues.find((i) => i.code === 'too_big');
        const fieldErrors = { feedback: `Feedback must be ${tooBig && 'maximum' in tooBig ? tooBig.maximum : 8000} characters or fewer` };
        return releasePage(request, reply, { values, fieldErrors, errors: [{ text: fieldErrors.feedback, href: '#feedback' }] }, 400);
      }
      try {
        await releaseResult(ctx, actorOf(request), record.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
        if (error.code === 'FEEDBACK_REQUIRED') {
          const fieldErrors = {
            feedback: `Enter feedback on what the ${terms.term('apprentice').toLowerCase()} should develop: a fail is released with feedback`,
          };
          return releasePage(request, reply, { values, fieldErrors, errors: [{ text: fieldErrors.feedback, href: '#feedback' }] }, error.status);
        }
        const findings = (error.details.findings ?? []) as Finding[];
        const errors: ErrorItem[] = findings.length
          ? findings.map((f) => ({ text: `${plainEnglish(f)} (Source: ${f.source})`, href: '#release' }))
          : [{ text: plainEnglish(error), href: '#release' }];
        return releasePage(request, reply, { values, errors }, error.status);
      }
      return reply.redirect(`/records/${record.id}/result?released=1`, 303);
    });

    // The statement as a page route, so a refusal is an HTML page rather than the API's problem+json.
    app.get('/records/:id/results-statement.pdf', { config: { roles: EVERYONE } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const { pdf, fileName } = await resultsStatementPdf(ctx, actorOf(request), id).catch(asPage);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });

    app.get('/records/:id/feedback.pdf', { config: { roles: EVERYONE } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const { pdf, fileName } = await feedbackReportPdf(ctx, actorOf(request), id).catch(asPage);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });

    app.get('/records/:id/feedback', { config: { roles: EVERYONE } }, async (request, reply) => {
      const record = await pageRecord(ctx, request);
      const report = await feedbackReport(ctx, actorOf(request), record.id).catch(asPage);
      return view(request, reply, 'result-feedback.njk', {
        title: `Feedback report: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
        record,
        report: {
          ...report,
          methods: report.methods.map((m) => ({ ...m, gradeText: m.grade ? capital(m.grade) : 'Not graded' })),
        },
      });
    });
  };
}
