// People's accounts: the EPAO invites, re-invites, disables and enables them and lists them;
// anyone may ask for a reset link and set a password from a link. An adapter:
// src/app/people.ts decides.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { InviteInput, PeopleQuery, ResetRequestInput, SetPasswordInput } from '../../app/inputs-people.ts';
import {
  invitePerson,
  listPeople,
  myPreferences,
  reinvite,
  requestPasswordReset,
  setAccountDisabled,
  setMyPreferences,
  setPasswordWithLink,
} from '../../app/people.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { AccountStateResponse, InvitedResponse, PeopleResponse } from '../responses/people.ts';
import type { RouteModule } from './index.ts';

const Preferences = z.object({ reminders: z.boolean() });

export const peopleRoutes: RouteModule = (ctx) => async (app) => {
  passwordRoutes(app, ctx);
  app.get(
    '/people',
    {
      schema: docs({
        summary: 'The EPAO’s people by name (apprentices only with role=apprentice); page on with afterName and afterId',
        tags: ['accounts'],
        querystring: PeopleQuery,
        responses: { 200: PeopleResponse },
      }),
    },
    async (request) => {
      const q = parse(PeopleQuery, request.query);
      const after = q.afterName !== undefined && q.afterId ? { name: q.afterName, id: q.afterId } : undefined;
      return { people: await listPeople(ctx, actorOf(request), { ...(q.role ? { role: q.role } : {}), ...(after ? { after } : {}), limit: q.limit }) };
    },
  );
  app.post(
    '/people',
    {
      schema: docs({
        summary: 'Invite a person (EPAO staff, or a provider’s or employer’s user): they are e-mailed a one-time link to choose their password',
        tags: ['accounts'],
        body: InviteInput,
        responses: { 201: InvitedResponse },
      }),
    },
    async (request, reply) => reply.code(201).send(await invitePerson(ctx, actorOf(request), parse(InviteInput, request.body))),
  );
  app.post(
    '/people/:id/invitation',
    {
      schema: docs({
        summary: 'Send a new invitation to someone who has not chosen a password yet',
        tags: ['accounts'],
        params: IdParams,
        responses: { 204: { empty: 'Sent' } },
      }),
    },
    async (request, reply) => {
      await reinvite(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/me/preferences',
    { schema: docs({ summary: 'Your own choices: whether you are e-mailed reminders of work due', tags: ['accounts'], responses: { 200: Preferences } }) },
    async (request) => myPreferences(ctx, actorOf(request)),
  );
  app.put(
    '/me/preferences',
    { schema: docs({ summary: 'Change your own choices', tags: ['accounts'], body: Preferences.strict(), responses: { 200: Preferences } }) },
    async (request) => setMyPreferences(ctx, actorOf(request), parse(Preferences.strict(), request.body)),
  );
  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    app.post(
      `/people/:id/${path}`,
      {
        schema: docs({
          summary: disabled ? 'Disable an account: its sessions end and its API tokens are revoked at once' : 'Enable a disabled account again',
          tags: ['accounts'],
          params: IdParams,
          responses: { 200: AccountStateResponse },
        }),
      },
      async (request) => setAccountDisabled(ctx, actorOf(request), parse(IdParams, request.params).id, disabled),
    );
};

function passwordRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/auth/password-reset',
    {
      schema: docs({
        summary: 'Ask for a password reset link by e-mail; the answer is the same whether or not the address has an account',
        tags: ['accounts'],
        body: ResetRequestInput,
        responses: { 204: { empty: 'If the address has an account, a link is on its way' } },
        public: true,
      }),
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, parse(ResetRequestInput, request.body).email);
      return reply.code(204).send();
    },
  );
  app.post(
    '/auth/password',
    {
      schema: docs({
        summary: 'Set a password from a one-time link (an invitation or a reset); every session of the account ends',
        tags: ['accounts'],
        body: SetPasswordInput,
        responses: { 200: z.object({ email: z.string() }) },
        public: true,
      }),
    },
    async (request) => {
      const input = parse(SetPasswordInput, request.body);
      return setPasswordWithLink(ctx, input.token, input.password);
    },
  );
}
