// Submitting for gateway: the qualifications held, the declarations and the showcase format;
// the gateway engine decides, and its failures are shown with their sources.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { submitGateway } from '../../../app/gateway.ts';
import { GatewaySubmitInput } from '../../../app/inputs-gateway.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, errorsOf, type FormBody, formBody, many, one, pageRecord, type Services } from '../kit.ts';
import { gatewayPage, PARTIES } from './submission-page.ts';

/** Where each of the engine's failures is put right on the page. */
const FIELD_OF: Record<string, string> = {
  ENGLISH_REQUIRED: '#english',
  MATHS_REQUIRED: '#maths',
  DECLARATION_MISSING: '#declarations',
  SHOWCASE_FORMAT_MISSING: '#showcaseFormat',
  PORTFOLIO_TOO_FEW: '#file',
  PORTFOLIO_TOO_MANY: '#pieces',
  PORTFOLIO_KSB_UNCOVERED: '#coverage',
  PORTFOLIO_MAPPING_MISSING: '#file',
  PORTFOLIO_VALIDATION_MISSING: '#file',
  PORTFOLIO_AUTHENTICITY_MISSING: '#file',
};

/** The submission as the form gives it: the values to show again, the errors, and the input when there are none. */
function readSubmission(body: FormBody) {
  const level = (name: string) => {
    const value = one(body, name);
    return value === '' || value === 'none' ? null : value;
  };
  const declarations = many(body, 'declarations');
  const values = {
    english: one(body, 'english'),
    maths: one(body, 'maths'),
    ehcp: one(body, 'ehcp') === 'yes',
    declarations,
    showcaseFormat: one(body, 'showcaseFormat'),
    upload: { ksbs: [] },
  };
  const fieldErrors: Record<string, string> = {};
  if (!values.english) fieldErrors.english = 'Select the English qualification held';
  if (!values.maths) fieldErrors.maths = 'Select the maths qualification held';
  const input = GatewaySubmitInput.safeParse({
    qualifications: { english: level('english'), maths: level('maths') },
    ehcp: values.ehcp,
    declarations: Object.fromEntries(PARTIES.map((p) => [p, declarations.includes(p)])),
    ...(values.showcaseFormat ? { showcaseFormat: values.showcaseFormat } : {}),
  });
  if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.english = 'Check the answers: one of them is not an option on this form';
  return { values, fieldErrors, input: input.success && Object.keys(fieldErrors).length === 0 ? input.data : null };
}

export async function submit(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  const { values, fieldErrors, input } = readSubmission(formBody(request));
  if (!input) return gatewayPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  try {
    await submitGateway(services.ctx, actorOf(request), record.id, input);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    const findings = findingsOf(error);
    if (findings.length) {
      const shown = findings.map((f) => ({ message: plainEnglish(f), source: f.source, text: plainEnglish(f), href: FIELD_OF[f.code] ?? '#submission' }));
      return gatewayPage(services, request, reply, { values, findings: shown, errors: shown }, error.status);
    }
    return gatewayPage(services, request, reply, { values, errors: [{ text: plainEnglish(error), href: '#submission' }] }, error.status);
  }
  return reply.redirect(`/records/${record.id}/gateway/submitted`, 303);
}

export async function showSubmitted({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(ctx, request);
  return view(request, reply, 'gateway-submitted.njk', {
    title: `${terms.term('gateway')} submitted`,
    record,
    submitted: record.status === 'gateway-submitted',
  });
}
