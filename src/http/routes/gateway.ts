// Gateway: the provider submits (the engine's check runs first), the EPAO decides.
import { decideGateway, listGatewaySubmissions, submitGateway } from '../../app/gateway.ts';
import { idempotent } from '../../app/idempotency.ts';
import { GatewayDecisionInput, GatewaySubmitInput } from '../../app/inputs-gateway.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { GatewayDecisionResponse, GatewaySubmissionListResponse, GatewaySubmissionResponse } from '../responses/gateway.ts';
import type { RouteModule } from './index.ts';

export const gatewayRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/records/:id/gateway',
    {
      schema: docs({
        summary: 'Submit an EPA record through gateway (the gateway check runs on submit)',
        tags: ['gateway'],
        params: IdParams,
        body: GatewaySubmitInput,
        responses: { 201: GatewaySubmissionResponse },
        description:
          'The portfolio is built from the files uploaded to the record. Not eligible: 422 with the first failure as `code` and every failure, with its source, in `findings`. Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(GatewaySubmitInput, request.body);
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), { recordId: id, body: request.body ?? null }, async () => ({
        status: 201,
        body: await submitGateway(ctx, actor, id, input),
      }));
      return sendStored(reply, stored);
    },
  );

  app.get(
    '/records/:id/gateway',
    {
      schema: docs({
        summary: "An EPA record's gateway submissions, newest first",
        tags: ['gateway'],
        params: IdParams,
        responses: { 200: GatewaySubmissionListResponse },
      }),
    },
    async (request) => ({ submissions: await listGatewaySubmissions(ctx, actorOf(request), parse(IdParams, request.params).id) }),
  );

  app.post(
    '/gateway/:id/decision',
    {
      schema: docs({
        summary: 'The EPAO approves (the EPA window starts) or rejects with reasons',
        tags: ['gateway'],
        params: IdParams,
        body: GatewayDecisionInput,
        responses: { 200: GatewayDecisionResponse },
        description: 'EPAO admin only. A submission already decided gets 409 ALREADY_DECIDED; a rejection without reasons 400 REASONS_REQUIRED.',
      }),
    },
    async (request) => decideGateway(ctx, actorOf(request), parse(IdParams, request.params).id, parse(GatewayDecisionInput, request.body)),
  );
};
