// Uploading a piece of gateway evidence (multipart), with the KSBs a portfolio piece covers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { MAX_EVIDENCE_BYTES, uploadEvidence } from '../../../app/files.ts';
import { EvidenceUploadInput, MAX_KSBS } from '../../../app/inputs-gateway.ts';
import { fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, errorsOf, multipartBody, pageRecord, readMultipart, type Services, uploadProblemText } from '../kit.ts';
import { gatewayPage } from './submission-page.ts';

/** The upload form: the token, the purpose, a box per KSB (as many as EvidenceUploadInput takes) and the file. */
const UPLOAD_LIMITS = { fields: MAX_KSBS + 2, parts: MAX_KSBS + 3 };

/**
 * The upload is multipart: read into the body before the pages' CSRF check runs (the route's
 * preValidation), so that check applies to it unchanged; a body that cannot be read is shown on the form.
 */
export async function readUploadForm(request: FastifyRequest) {
  await readMultipart(request, { fields: ['purpose'], repeated: ['ksbs'], file: 'file', limits: UPLOAD_LIMITS });
}

export async function upload(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  const body = multipartBody(request);
  const purpose = body.fields.purpose ?? '';
  const ksbs = body.repeated.ksbs ?? [];
  const values = { upload: { purpose, ksbs } };
  const showErrors = (errors: Record<string, string>, status: number) =>
    gatewayPage(services, request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, status);
  if (body.problem) return showErrors({ file: uploadProblemText(body.problem, MAX_EVIDENCE_BYTES) }, body.problem.status);
  const found: Record<string, string> = {};
  if (!body.file || body.file.bytes.byteLength === 0) found.file = 'Select a file';
  const input = EvidenceUploadInput.safeParse({ purpose: body.fields.purpose, ksbs });
  const ksbsMessage = `Select the ${services.terms.term('ksb')}s from the list, up to ${MAX_KSBS}`;
  const fieldErrors = input.success
    ? found
    : fieldErrorsFrom(input.error, { ksbs: ksbsMessage }, { otherwise: { field: 'purpose', message: 'Select what the file is' }, found });
  if (!input.success || !body.file || Object.keys(fieldErrors).length > 0) return showErrors(fieldErrors, 400);
  try {
    await uploadEvidence(services.ctx, actorOf(request), record.id, { ...input.data, ...body.file });
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    return showErrors({ [error.code === 'UNKNOWN_KSB' ? 'ksbs' : 'file']: plainEnglish(error) }, error.status);
  }
  return reply.redirect(`/records/${record.id}/gateway?uploaded=1`, 303);
}
