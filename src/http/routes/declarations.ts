// The employer's and the apprentice's own gateway declarations. An adapter:
// src/app/declarations.ts decides.
import { declareForGateway, gatewayDeclarations, recordSignedDeclaration } from '../../app/declarations.ts';
import { SignedDeclarationInput } from '../../app/inputs-gateway.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { DeclarationsResponse } from '../responses/gateway.ts';
import type { RouteModule } from './index.ts';

export const declarationRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/records/:id/declarations',
    {
      schema: docs({
        summary: 'The gateway declarations the employer and the apprentice made themselves, and what each party confirms',
        tags: ['gateway'],
        params: IdParams,
        responses: { 200: DeclarationsResponse },
      }),
    },
    async (request) => gatewayDeclarations(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/records/:id/declaration',
    {
      schema: docs({
        summary: 'Make your own gateway declaration (the employer for its apprentice, the apprentice for themselves), before the gateway is submitted',
        tags: ['gateway'],
        params: IdParams,
        responses: { 201: DeclarationsResponse },
      }),
    },
    async (request, reply) => reply.code(201).send(await declareForGateway(ctx, actorOf(request), parse(IdParams, request.params).id)),
  );
  app.post(
    '/records/:id/declarations/signed-record',
    {
      schema: docs({
        summary:
          'Record the employer’s or the apprentice’s declaration from the signed Gateway Declaration Record the provider holds: who signed it, when, and the form (uploaded first as declaration-record)',
        tags: ['gateway'],
        params: IdParams,
        body: SignedDeclarationInput,
        responses: { 201: DeclarationsResponse },
      }),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordSignedDeclaration(ctx, actorOf(request), parse(IdParams, request.params).id, parse(SignedDeclarationInput, request.body))),
  );
};
