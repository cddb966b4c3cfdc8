// The EPAO's organisations on the web: its training providers (by UKPRN) and employers (with
// its own reference), a kind at a time, and adding one. An adapter: src/app/organisations.ts decides.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { isUuid } from '../../../app/ids.ts';
import { addOrganisation, listOrganisations } from '../../../app/organisations.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, errorsOf, formBody, one, type Services } from '../kit.ts';

const PAGE = 50;

export async function organisationsPage(
  { ctx, view }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const q = request.query as Record<string, unknown>;
  const kind = q.kind === 'employer' ? 'employer' : 'provider';
  const after = typeof q.afterName === 'string' && typeof q.afterId === 'string' && isUuid(q.afterId) ? { name: q.afterName, id: q.afterId } : undefined;
  const rows = await listOrganisations(ctx, actorOf(request), { kind, ...(after ? { after } : {}), limit: PAGE + 1 });
  const last = rows.length > PAGE ? rows[PAGE - 1] : undefined;
  return view(
    request,
    reply,
    'organisations.njk',
    {
      title: 'Organisations',
      kind,
      organisations: rows.slice(0, PAGE),
      next: last ? `/admin/organisations?${new URLSearchParams({ kind, afterName: last.name, afterId: last.id })}` : null,
      done: q.done === 'added' || q.done === 'address' ? q.done : null,
      values: { kind },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export async function addOrganisationFromForm(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const kind = one(body, 'kind') === 'employer' ? 'employer' : 'provider';
  const values = { kind, name: one(body, 'name').trim(), ukprn: one(body, 'ukprn').trim(), reference: one(body, 'reference').trim() };
  const fieldErrors: Record<string, string> = {};
  if (!values.name) fieldErrors.name = 'Enter the organisation’s name';
  if (kind === 'provider' && !values.ukprn) fieldErrors.ukprn = 'Enter the training provider’s UKPRN';
  if (Object.keys(fieldErrors).length > 0) return organisationsPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  try {
    await addOrganisation(services.ctx, actorOf(request), {
      kind,
      name: values.name,
      ...(kind === 'provider' ? { ukprn: values.ukprn } : values.reference ? { reference: values.reference } : {}),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
    const field = kind === 'provider' ? 'ukprn' : 'reference';
    const text = plainEnglish(findingsOf(error)[0] ?? error);
    return organisationsPage(services, request, reply, { values, fieldErrors: { [field]: text }, errors: [{ text, href: `#${field}` }] }, error.status);
  }
  return reply.redirect(`/admin/organisations?kind=${kind}&done=added`, 303);
}
