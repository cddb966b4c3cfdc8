// The provider's work page (/records/:id/work): the project report or showcase the standard
// needs, its word rule and deadline, and an upload that is counted and checked by submitWork.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf, wordCountOf } from '../../../app/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../../app/files.ts';
import { MAX_ANNEX_MARKER } from '../../../app/inputs-gateway.ts';
import { recordWork } from '../../../app/progress.ts';
import { submitWorkUpload } from '../../../app/work-upload.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, errorsOf, multipartBody, readMultipart, type Services, uploadProblemText } from '../kit.ts';
import { wordRange, words } from '../timeline-text.ts';
import { workRows } from './sections.ts';

async function workPage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
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

export const showWork = (services: Services, request: FastifyRequest, reply: FastifyReply) => workPage(services, request, reply);

/**
 * The upload is multipart: read into the body before the pages' CSRF check runs (the route's
 * preValidation), so that check applies to it unchanged; a body that cannot be read is shown on the form.
 */
export async function readWorkForm(request: FastifyRequest) {
  await readMultipart(request, { fields: ['kind', 'annexMarker'], file: 'file' });
}

/** What the page shows for submitWorkUpload's refusal: the file type, the rule's findings with the word count, or its message. */
function refusalShown(error: AppError): Record<string, unknown> {
  if (error.code === 'UNSUPPORTED_FILE_TYPE') {
    const errors = { file: 'The document must be a Word document (.docx) or a PDF' };
    return { fieldErrors: errors, errors: errorsOf(errors) };
  }
  const findings = findingsOf(error);
  const count = wordCountOf(error);
  const counted = count ? { counted: words(count.counted), total: words(count.total), range: wordRange(count.rule) } : null;
  if (findings.length) {
    const shown = findings.map((f) => ({ text: plainEnglish(f), source: f.source, href: '#file' }));
    return { findings: shown, errors: shown, counted };
  }
  const errors = { file: plainEnglish(error) };
  return { fieldErrors: errors, errors: errorsOf(errors), counted };
}

export async function uploadWork(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { ctx, terms } = services;
  const actor = actorOf(request);
  const { id } = request.params as { id: string };
  const { record, work, open } = await recordWork(ctx, actor, id);
  const body = multipartBody(request);
  const kind = body.fields.kind ?? '';
  const annexMarker = (body.fields.annexMarker ?? '').trim();
  const values = { kind, annexMarker };
  const fieldErrors: Record<string, string> = {};
  const kinds = work.map((w) => w.kind as string);
  if (!kinds.includes(kind)) fieldErrors.kind = 'Select which work this is';
  if (!body.file || body.file.bytes.byteLength === 0) fieldErrors.file = 'Select the document to upload';
  if (annexMarker.length > MAX_ANNEX_MARKER) fieldErrors.annexMarker = `Where the annexes start must be ${MAX_ANNEX_MARKER} characters or fewer`;
  const show = (extra: Record<string, unknown>, status: number) => workPage(services, request, reply, { values, ...extra }, status);
  // Not at the stage to submit: refused before anything is uploaded (submitWork would refuse it after).
  if (!open) {
    const text = `Work is submitted once ${terms.term('gateway').toLowerCase()} is approved, until the ${terms.term('epa')} is over`;
    return show({ errors: [{ text, href: '#main-content' }] }, 409);
  }
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
    return show(refusalShown(error), error.status);
  }
}
