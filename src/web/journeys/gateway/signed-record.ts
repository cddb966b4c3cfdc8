// The provider records the employer's or the apprentice's declaration from the signed Gateway
// Declaration Record it holds: whose declaration, who signed it and when, and the form
// itself, uploaded with it (004 Section 1, "What is needed prior to end-point assessment?"; Appendix One's Name, Signature and Date).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uploadSignedDeclaration } from '../../../app/declarations.ts';
import { AppError } from '../../../app/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../../app/files.ts';
import { SignedDeclarationFields } from '../../../app/inputs-gateway.ts';
import { fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { readDate } from '../date-fields.ts';
import { actorOf, errorsOf, multipartBody, pageRecord, readMultipart, type Services, uploadProblemText } from '../kit.ts';
import { gatewayPage } from './submission-page.ts';

const FIELDS = ['party', 'signedBy', 'signedOn-day', 'signedOn-month', 'signedOn-year'] as const;

/** Read before the pages' CSRF check, as the evidence upload is (upload.ts). */
export async function readSignedRecordForm(request: FastifyRequest) {
  await readMultipart(request, { fields: FIELDS, file: 'signedForm' });
}

/** The date's error links to its first input, the day. */
const toFirstInput = (e: { text: string; href: string }) => (e.href === '#signedOn' ? { ...e, href: '#signedOn-day' } : e);

/** Where a refusal is put right on the form. */
const FIELD_OF: Record<string, string> = { ALREADY_DECLARED: 'signedParty', SIGNED_IN_FUTURE: 'signedOn', GATEWAY_NOT_OPEN: 'signedParty' };

export async function recordSignedRecord(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  const body = multipartBody(request);
  const signedOn = readDate(body.fields, 'signedOn', 'Date signed', true);
  const values = { signed: { party: body.fields.party ?? '', signedBy: body.fields.signedBy ?? '', signedOn: signedOn.parts } };
  const showErrors = (errors: Record<string, string>, status: number) =>
    gatewayPage(services, request, reply, { values, fieldErrors: errors, errors: errorsOf(errors).map(toFirstInput) }, status);
  if (body.problem) return showErrors({ signedForm: uploadProblemText(body.problem, MAX_EVIDENCE_BYTES) }, body.problem.status);
  const found: Record<string, string> = {};
  if (signedOn.error) found.signedOn = signedOn.error.text;
  if (!body.file || body.file.bytes.byteLength === 0) found.signedForm = 'Select the signed form';
  // The input's own schema says what is wrong with the party and the name; the page says it in its words.
  const input = SignedDeclarationFields.safeParse({ party: body.fields.party, signedBy: body.fields.signedBy ?? '', signedOn: signedOn.value });
  const fieldErrors = input.success
    ? found
    : fieldErrorsFrom(
        input.error,
        {
          party: { field: 'signedParty', message: 'Select whose declaration the form holds' },
          signedBy: {
            message: (issue) => (issue.code === 'too_big' ? 'The name must be 120 characters or fewer' : 'Enter the name of who signed, as it is on the form'),
          },
          signedOn: { message: () => undefined },
        },
        { found },
      );
  if (!input.success || !body.file || Object.keys(fieldErrors).length > 0) return showErrors(fieldErrors, 400);
  try {
    await uploadSignedDeclaration(services.ctx, actorOf(request), record.id, input.data, body.file);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    return showErrors({ [FIELD_OF[error.code] ?? 'signedForm']: plainEnglish(error) }, error.status);
  }
  return reply.redirect(`/records/${record.id}/gateway?recorded=1#declarations-held`, 303);
}
