// The EPAO's people: everyone with an account by name (a role at a time), inviting someone
// (they choose their own password from the e-mailed link), a new invitation for someone who
// has not chosen one, and disabling or enabling an account. An adapter: src/app/people.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { isUuid } from '../../../app/ids.ts';
import { InviteInput } from '../../../app/inputs-people.ts';
import { INVITED_ROLES, invitePerson, listPeople, organisationsFor, reinvite, setAccountDisabled } from '../../../app/people.ts';
import type { Role } from '../../../domain/access/access.ts';
import { errorsOf, fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, formBody, handle, one, type PageHandler, type Services } from '../kit.ts';
import { addressPage, saveAddress } from './employer-address.ts';
import { addOrganisationFromForm, organisationsPage } from './organisations.ts';

const PAGE = 50;
const ROLES: readonly Role[] = ['epao-admin', 'iqa', 'assessor', 'provider', 'employer', 'apprentice'];

async function showPeople({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const q = request.query as Record<string, unknown>;
  const role = ROLES.find((r) => r === q.role);
  const after = typeof q.afterName === 'string' && typeof q.afterId === 'string' && isUuid(q.afterId) ? { name: q.afterName, id: q.afterId } : undefined;
  const people = await listPeople(ctx, actorOf(request), { ...(role ? { role } : {}), ...(after ? { after } : {}), limit: PAGE + 1 });
  const last = people.length > PAGE ? people[PAGE - 1] : undefined;
  const next = last ? `/admin/people?${new URLSearchParams({ ...(role ? { role } : {}), afterName: last.name, afterId: last.id })}` : null;
  return view(
    request,
    reply,
    'people.njk',
    { title: 'People', people: people.slice(0, PAGE), role: role ?? '', roles: ROLES, next, done: q.done ?? null, errors: [], ...extra },
    status,
  );
}

async function invitePage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  return view(
    request,
    reply,
    'person-invite.njk',
    {
      title: 'Invite someone',
      roles: INVITED_ROLES,
      organisations: await organisationsFor(ctx, actorOf(request)),
      values: { role: '', organisationId: '' },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

async function invite(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const role = one(body, 'role');
  const organisationId = role === 'provider' ? one(body, 'providerId') : role === 'employer' ? one(body, 'employerId') : '';
  const values = { name: one(body, 'name').trim(), email: one(body, 'email').trim(), role, organisationId };
  const input = InviteInput.safeParse({ name: values.name, email: values.email, role, ...(organisationId ? { organisationId } : {}) });
  if (!input.success) {
    const fieldErrors = fieldErrorsFrom(input.error, {
      name: 'Enter their name',
      email: 'Enter their email address, like name@example.com',
      role: 'Choose what they do',
      organisationId: { field: role === 'employer' ? 'employerId' : 'providerId', message: 'Choose their organisation' },
    });
    return invitePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await invitePerson(services.ctx, actorOf(request), input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
    const field = error.code === 'EMAIL_TAKEN' ? 'email' : role === 'employer' ? 'employerId' : 'providerId';
    const fieldErrors = { [field]: plainEnglish(error) };
    return invitePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, error.status);
  }
  return reply.redirect(`/admin/people?done=invited&role=${role}`, 303);
}

/** A button on a person's row: do it, and come back to the list saying what was done. */
const rowAction =
  (done: string, act: (services: Services, request: FastifyRequest, id: string) => Promise<unknown>): PageHandler =>
  async (services, request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await act(services, request, id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
      return showPeople(services, request, reply, { errors: [{ text: plainEnglish(error), href: `#person-${id}` }] }, error.status);
    }
    return reply.redirect(`/admin/people?done=${done}#person-${id}`, 303);
  };

export function peoplePageRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const admin = { config: { roles: ['epao-admin'] as Role[] } };
  return async (app) => {
    app.get(
      '/admin/people',
      admin,
      on((s, rq, rp) => showPeople(s, rq, rp)),
    );
    app.get(
      '/admin/people/invite',
      admin,
      on((s, rq, rp) => invitePage(s, rq, rp)),
    );
    app.post('/admin/people/invite', admin, on(invite));
    app.get(
      '/admin/organisations',
      admin,
      on((s, rq, rp) => organisationsPage(s, rq, rp)),
    );
    app.post('/admin/organisations', admin, on(addOrganisationFromForm));
    app.get(
      '/admin/organisations/:id/address',
      admin,
      on((s, rq, rp) => addressPage(s, rq, rp)),
    );
    app.post('/admin/organisations/:id/address', admin, on(saveAddress));
    app.post('/admin/people/:id/invitation', admin, on(rowAction('reinvited', ({ ctx }, rq, id) => reinvite(ctx, actorOf(rq), id))));
    app.post('/admin/people/:id/disable', admin, on(rowAction('disabled', ({ ctx }, rq, id) => setAccountDisabled(ctx, actorOf(rq), id, true))));
    app.post('/admin/people/:id/enable', admin, on(rowAction('enabled', ({ ctx }, rq, id) => setAccountDisabled(ctx, actorOf(rq), id, false))));
  };
}
