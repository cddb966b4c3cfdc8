// The result as everyone who may see the record sees it: the record page's section, the
// result page, the results statement PDF and, for a fail, the feedback report with the
// criteria not met and what the apprentice can do next.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resultsStatementPdf } from '../../../app/certificates.ts';
import { feedbackReportPdf } from '../../../app/feedback-pdf.ts';
import { feedbackReport, type ResultOverview, resultOverview } from '../../../app/result-views.ts';
import { plainEnglish } from '../../messages.ts';
import type { RecordSection } from '../../record-sections.ts';
import type { Terminology } from '../../terminology.ts';
import { actorOf, asPage, pageRecord, type Services } from '../kit.ts';

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The overview as the templates read it: labels for the moderation states, findings in plain English. */
export function presented(overview: ResultOverview, terms: Terminology) {
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

export async function showResult({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(ctx, request);
  const overview = await resultOverview(ctx, actorOf(request), record.id);
  return view(request, reply, 'result.njk', {
    title: `Result: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
    record,
    overview: presented(overview, terms),
    released: (request.query as Record<string, unknown>).released === '1' && overview.result?.status === 'released',
  });
}

const sendPdf = (reply: FastifyReply, { pdf, fileName }: { pdf: Uint8Array; fileName: string }) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);

/** The statement as a page route, so a refusal is an HTML page rather than the API's problem+json. */
export async function resultsStatement({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { id } = request.params as { id: string };
  return sendPdf(reply, await resultsStatementPdf(ctx, actorOf(request), id).catch(asPage));
}

export async function feedbackPdf({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { id } = request.params as { id: string };
  return sendPdf(reply, await feedbackReportPdf(ctx, actorOf(request), id).catch(asPage));
}

export async function showFeedback({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
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
}
