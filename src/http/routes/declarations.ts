// The employer's and the apprentice's own gateway declarations. An adapter:
// src/app/declarations.ts decides.
import { declareForGateway, gatewayDeclarations } from '../../app/declarations.ts';
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
};
