// Following an EPA: the record's timeline (a record-page section for the provider, the
// employer, the EPAO and the apprentice), the provider's work page (/records/:id/work:
// the project report or showcase the standard needs, its word rule and deadline, an
// upload that is counted and checked by submitWork) and the apprentice's "My EPA"
// (/apprentice: what happens next, what to send by when, the result, the certificate).
// An adapter: it reads the form, calls the use-cases and renders.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { today } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../app/files.ts';
import { type EpaProgress, myEpa, recordWork, type WorkItem } from '../../app/progress.ts';
import { recordTimeline } from '../../app/timeline.ts';
import { submitWorkUpload } from '../../app/work-upload.ts';
import type { Role } from '../../domain/access/access.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import type { RecordSection } from '../record-sections.ts';
import { formatDate } from '../render.ts';
import type { Terminology } from '../terminology.ts';
import { actorOf, errorsOf, type JourneyOptions, type MultipartBody, readMultipart, uploadProblemText } from './kit.ts';
import { describeEvent, dueBecause, gradeName, nextStep, within, wordRange, words, workLine } from './timeline-text.ts';

/** Who uploads the apprentice's work from the pages (the apprentice may too, through the API). */
const WORK_ROLES: readonly Role[] = ['provider', 'epao-admin'];
/** Who sees a record's timeline on its page; an assessor sees only their own assessments. */
const TIMELINE_ROLES: readonly Role[] = ['provider', 'employer', 'epao-admin', 'iqa', 'apprentice'];
const MAX_MARKER = 200;

/** The record page's timeline. */
export const timelineSection: RecordSection = async ({ ctx, actor, record, terms }) => {
  if (!TIMELINE_ROLES.includes(actor.role)) return null;
  const events = await recordTimeline(ctx, actor, record.id);
  return { template: 'timeline-section.njk', data: { events: events.map((e) => describeEvent(e, terms)) } };
};

/** The record page's work: what has been sent, and for the provider the link to upload. */
export const workSection: RecordSection = async ({ ctx, actor, record, terms }) => {
  if (!WORK_ROLES.includes(actor.role)) return null;
  const { work, open } = await recordWork(ctx, actor, record.id);
  if (work.length === 0 || (!open && work.every((w) => w.submissions.length === 0))) return null;
  return {
    template: 'work-section.njk',
    data: { open, linkText: `Upload the ${work.map((w) => terms.purpose(w.kind).toLowerCase()).join(' or ')}`, work: work.map((w) => workRows(w, terms)) },
  };
};

/** A work item's facts as the work page and section show them. */
function workRows(w: WorkItem, terms: Terminology) {
  const range = wordRange(w.words);
  const limit = w.words
    ? `${w.words.target !== null ? `${words(w.words.target)} words, so ${range}` : range.charAt(0).toUpperCase() + range.slice(1)}${
        w.words.excludes.length ? `, excluding ${w.words.excludes.join(', ')}` : ''
      }`
    : 'No word limit: the apprentice chose to present it';
  return {
    kind: w.kind,
    name: terms.purpose(w.kind),
    description: w.name,
    method: w.method.name,
    limit,
    limitSource: w.words?.source ?? null,
    deadline: w.deadline ? `${formatDate(w.deadline.due)}: ${dueBecause(w.deadline, terms, () => w.method.name)}` : `No set date in the assessment plan`,
    deadlineSource: w.deadline?.source ?? null,
    submissions: w.submissions.map((s) => ({
      id: s.id,
      fileId: s.fileId,
      submittedOn: s.submittedOn,
      wordCount: s.wordCount === null ? 'Not counted' : words(s.wordCount),
      withinLimit: s.wordCount === null || !w.words ? null : within(s.wordCount, w.words),
    })),
  };
}

export function progressPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    // --- The apprentice's own page --------------------------------------------------

    app.get('/apprentice', { config: { roles: ['apprentice'] } }, async (request, reply) => {
      const todayIs = today(ctx);
      const records = (await myEpa(ctx, actorOf(request))).map((p) => apprenticeView(p, terms, todayIs));
      return view(request, reply, 'apprentice.njk', { title: `My ${terms.term('epa')}`, records });
    });

    // --- The provider's work page ---------------------------------------------------

    async function workPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const { id } = request.params as { id: string };
      const { record, work, open } = await recordWork(ctx, actorOf(request), id);
      const rows = work.map((w) => workRows(w, terms));
      const submittedId = String((request.query as Record<string, unknown>).submitted ?? '');
      const submitted = rows.flatMap((w) => w.submissions.filter((s) => s.id === submittedId).map((s) => ({ ...s, name: w.name, limit: w.limit })))[0];
      const name = rows.map((w) => w.name).join(' or ') || 'Work';
      return view(
        request,
        reply,
        'work.njk',
        {
          title: `${name}: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
          heading: name,
          record,
          open,
          work: rows,
          submitted: submitted ?? null,
          values: { kind: rows.length === 1 ? rows[0]?.kind : '', annexMarker: '' },
          errors: [],
          findings: [],
          fieldErrors: {},
          counted: null,
          ...extra,
        },
        status,
      );
    }

    app.get('/records/:id/work', { config: { roles: WORK_ROLES } }, async (request, reply) => workPage(request, reply));

    // The upload is multipart: read into the body before the pages' CSRF check runs, so
    // that check applies to it unchanged; a body that cannot be read is shown on the form.
    app.post(
      '/records/:id/work',
      {
        config: { roles: WORK_ROLES },
        preValidation: async (request) => {
          await readMultipart(request, { fields: ['kind', 'annexMarker'], file: 'file' });
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params as { id: string };
        const { record, work, open } = await recordWork(ctx, actor, id);
        const body = request.body as MultipartBody;
        const kind = body.fields.kind ?? '';
        const annexMarker = (body.fields.annexMarker ?? '').trim();
        const values = { kind, annexMarker };
        const fieldErrors: Record<string, string> = {};
        const kinds = work.map((w) => w.kind as string);
        if (!kinds.includes(kind)) fieldErrors.kind = 'Select which work this is';
        if (!body.file || body.file.bytes.byteLength === 0) fieldErrors.file = 'Select the document to upload';
        if (annexMarker.length > MAX_MARKER) fieldErrors.annexMarker = `Where the annexes start must be ${MAX_MARKER} characters or fewer`;
        const show = (extra: Record<string, unknown>, status: number) => workPage(request, reply, { values, ...extra }, status);
        // Not at the stage to submit: refused before anything is uploaded (submitWork would refuse it after).
        if (!open)
          return show(
            {
              errors: [
                {
                  text: `Work is submitted once ${terms.term('gateway').toLowerCase()} is approved, until the ${terms.term('epa')} is over`,
                  href: '#main-content',
                },
              ],
            },
            409,
          );
        if (body.problem) {
          const errors = { file: uploadProblemText(body.problem, MAX_EVIDENCE_BYTES) };
          return show({ fieldErrors: errors, errors: errorsOf(errors) }, body.problem.status);
        }
        if (Object.keys(fieldErrors).length > 0 || !body.file) return show({ fieldErrors, errors: errorsOf(fieldErrors) }, 400);

        // One step: a document that is refused is not kept on the record (see submitWorkUpload).
        try {
          const submitted = await submitWorkUpload(ctx, actor, record.id, {
            kind: kind as 'project-report' | 'showcase',
            ...body.file,
            ...(annexMarker ? { annexMarker } : {}),
          });
          return reply.redirect(`/records/${record.id}/work?submitted=${submitted.id}`, 303);
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
          if (error.code === 'UNSUPPORTED_FILE_TYPE') {
            const errors = { file: 'The document must be a Word document (.docx) or a PDF' };
            return show({ fieldErrors: errors, errors: errorsOf(errors) }, error.status);
          }
          const findings = error.details.findings as Finding[] | undefined;
          const count = error.details.words as { counted: number; total: number; rule: { min: number | null; max: number | null } } | null | undefined;
          const counted = count ? { counted: words(count.counted), total: words(count.total), range: wordRange(count.rule) } : null;
          if (findings?.length) {
            const shown = findings.map((f) => ({ text: plainEnglish(f), source: f.source, href: '#file' }));
            return show({ findings: shown, errors: shown, counted }, error.status);
          }
          const errors = { file: plainEnglish(error) };
          return show({ fieldErrors: errors, errors: errorsOf(errors), counted }, error.status);
        }
      },
    );
  };
}

/** One record on the apprentice's page, in the words it is shown in. */
function apprenticeView(p: EpaProgress, terms: Terminology, todayIs: string) {
  const gateway = p.gateway;
  const gatewayText = !gateway
    ? 'Not submitted yet'
    : gateway.status === 'approved'
      ? `Approved on ${formatDate(gateway.decidedOn)}`
      : gateway.status === 'rejected'
        ? `Not approved on ${formatDate(gateway.decidedOn)}`
        : `Submitted on ${formatDate(gateway.submittedOn)}: waiting for a decision`;
  const methodName = (id: string) => p.work.find((w) => w.method.id === id)?.method.name ?? p.assessments.find((a) => a.method.id === id)?.method.name ?? id;
  return {
    id: p.record.id,
    record: p.record,
    next: nextStep(p, terms),
    gatewayText,
    gatewayReasons: gateway?.status === 'rejected' ? gateway.reasons : [],
    window: p.window,
    assessments: p.assessments.map((a) => ({
      ...a,
      dateText: formatDate(a.date),
      place: a.remote ? 'Online (you will be sent the link)' : (a.venue ?? 'To be confirmed'),
      what: a.attempt ? `${a.method.name} (re-sit, attempt ${a.attempt})` : a.method.name,
    })),
    workOpen: p.record.gatewayApprovedOn !== null,
    work: p.work.map((w) => workLine(w, terms, methodName, todayIs)),
    result:
      p.result && p.result.status !== 'cancelled'
        ? {
            ...p.result,
            overallText: gradeName(p.result.overall),
            methods: p.result.methods.map((m) => ({ ...m, gradeText: gradeName(m.grade) })),
          }
        : null,
    appeal: p.appeal,
    certificate: p.certificate,
    employer: p.record.employer.name,
    timeline: p.timeline.map((e) => describeEvent(e, terms)),
  };
}
