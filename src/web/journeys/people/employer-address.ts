// An employer's postal address: DfE posts its apprentices' certificates there unless a claim
// gives another. An adapter: src/app/organisations.ts saves it, its input checks the postcode.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { EmployerAddressInput } from '../../../app/inputs-postal.ts';
import { employerAddress, setEmployerAddress } from '../../../app/organisations.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, errorsOf, formBody, one, type Services } from '../kit.ts';

const FIELDS = ['contactName', 'addressLine1', 'addressLine2', 'addressLine3', 'city', 'postCode'] as const;
const MESSAGES: Record<string, string> = {
  contactName: 'Enter who certificates are addressed to',
  addressLine1: 'Enter the first line of the address',
  city: 'Enter the town or city',
  postCode: 'Enter a UK postcode, like LS1 4AP',
};
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export async function addressPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const employer = await employerAddress(ctx, actorOf(request), idOf(request)).catch(asPage);
  const values = Object.fromEntries(FIELDS.map((f) => [f, employer[f] ?? '']));
  return view(
    request,
    reply,
    'employer-address.njk',
    { title: `Postal address: ${employer.name}`, employer, values, fieldErrors: {}, errors: [], ...extra },
    status,
  );
}

export async function saveAddress(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const values = Object.fromEntries(FIELDS.map((f) => [f, one(body, f).trim()]));
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const parsed = EmployerAddressInput.safeParse(given);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'addressLine1');
      fieldErrors[field] ??= MESSAGES[field] ?? `${field}: at most 100 characters`;
    }
    return addressPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await setEmployerAddress(services.ctx, actorOf(request), idOf(request), parsed.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
    return addressPage(services, request, reply, { values, errors: [{ text: plainEnglish(error), href: '#contactName' }] }, error.status);
  }
  return reply.redirect('/admin/organisations?kind=employer&done=address', 303);
}
