// The EPAO's held registrations: registrations held because the apprentice is active for
// the standard with another training provider, longest waiting first, and one of them laid
// out beside the record it clashed with, with the decision form (transfer the apprentice to
// the requesting provider, or reject with a reason that provider reads). An adapter:
// registration-clashes.ts decides; this reads the form and shows what it said.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { ClashDecisionInput, decideClash, getClash, listClashes, MAX_CLASH_REASON, TRANSFER_REASON } from '../../../app/registration-clashes.ts';
import { limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, errorsOf, formBody, one, type Services } from '../kit.ts';

export async function showClashes({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  return view(request, reply, 'registration-clashes.njk', {
    title: 'Held registrations',
    clashes: await listClashes(ctx, actorOf(request), { status: 'open' }),
  });
}

async function clashPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const { id } = request.params as { id: string };
  const clash = await getClash(ctx, actorOf(request), id).catch(asPage);
  const query = request.query as Record<string, unknown>;
  return view(
    request,
    reply,
    'registration-clash.njk',
    {
      title: `Held registration: ${clash.givenNames} ${clash.familyName}`,
      clash,
      justHeld: query.held === '1',
      decided: query.decided === '1',
      transferReason: TRANSFER_REASON,
      reasonMax: limitText(MAX_CLASH_REASON),
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showClash = (services: Services, request: FastifyRequest, reply: FastifyReply) => clashPage(services, request, reply);

export async function decide(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { id } = request.params as { id: string };
  const body = formBody(request);
  const values = { decision: one(body, 'decision'), reason: one(body, 'reason').trim() };
  const fieldErrors: Record<string, string> = {};
  if (values.decision !== 'transfer' && values.decision !== 'reject')
    fieldErrors.decision = 'Select whether to transfer the apprentice or reject the registration';
  else if (values.decision === 'reject' && values.reason === '') fieldErrors.reason = 'Enter why the registration is rejected';
  else if (values.reason.length > MAX_CLASH_REASON) fieldErrors.reason = `The reason must be ${limitText(MAX_CLASH_REASON)} characters or fewer`;
  const input = ClashDecisionInput.safeParse(values.decision === 'reject' ? values : { decision: values.decision });
  if (!input.success || Object.keys(fieldErrors).length > 0)
    return clashPage(
      services,
      request,
      reply,
      { values, fieldErrors, errors: errorsOf(Object.keys(fieldErrors).length ? fieldErrors : { decision: 'Check the decision' }) },
      400,
    );
  try {
    await decideClash(services.ctx, actorOf(request), id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    return clashPage(services, request, reply, { values, errors: [{ text: plainEnglish(error), href: '#decision' }] }, error.status);
  }
  return reply.redirect(`/admin/registration-clashes/${id}?decided=1`, 303);
}
