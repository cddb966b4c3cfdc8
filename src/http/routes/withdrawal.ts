// Withdrawal asked for and answered: what it would cost (the bookings to come and their
// charges), the provider's or employer's request, and the EPAO's confirmation or refusal.
// The EPAO's (or provider's) straight withdrawal is POST /records/:id/withdraw, with the
// other casework. An adapter: src/app/withdrawal.ts decides.
import { WithdrawalConfirmInput, WithdrawalDeclineInput, WithdrawalRequestInput } from '../../app/inputs-assessment.ts';
import { confirmWithdrawal, declineWithdrawal, requestWithdrawal, withdrawalPreview } from '../../app/withdrawal.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { WithdrawalDeclinedResponse, WithdrawalPreviewResponse, WithdrawalRequestResponse, WithdrawnResponse } from '../responses/certificates.ts';
import type { RouteModule } from './index.ts';

export const withdrawalRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/records/:id/withdrawal',
    {
      schema: docs({
        summary: 'What withdrawing the apprentice today would do: the bookings to come, each with the policy’s charge, and any request waiting',
        tags: ['records'],
        params: IdParams,
        responses: { 200: WithdrawalPreviewResponse },
      }),
    },
    async (request) => withdrawalPreview(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/records/:id/withdrawal-requests',
    {
      schema: docs({
        summary: 'Ask the EPAO to withdraw the apprentice (the provider or the employer); the EPAO confirms or declines',
        tags: ['records'],
        params: IdParams,
        body: WithdrawalRequestInput,
        responses: { 201: WithdrawalRequestResponse },
      }),
    },
    async (request, reply) => {
      const made = await requestWithdrawal(ctx, actorOf(request), parse(IdParams, request.params).id, parse(WithdrawalRequestInput, request.body));
      return reply.code(201).send(made);
    },
  );
  app.post(
    '/withdrawal-requests/:id/confirmation',
    {
      schema: docs({
        summary: 'Confirm a withdrawal asked for (send the record’s version): the bookings to come are cancelled with their charges',
        tags: ['records'],
        params: IdParams,
        body: WithdrawalConfirmInput,
        responses: { 200: WithdrawnResponse },
      }),
    },
    async (request) => confirmWithdrawal(ctx, actorOf(request), parse(IdParams, request.params).id, parse(WithdrawalConfirmInput, request.body)),
  );
  app.post(
    '/withdrawal-requests/:id/decline',
    {
      schema: docs({
        summary: 'Decline a withdrawal asked for, with the reason the requester reads',
        tags: ['records'],
        params: IdParams,
        body: WithdrawalDeclineInput,
        responses: { 200: WithdrawalDeclinedResponse },
      }),
    },
    async (request) => declineWithdrawal(ctx, actorOf(request), parse(IdParams, request.params).id, parse(WithdrawalDeclineInput, request.body)),
  );
};
