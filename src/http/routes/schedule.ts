// The schedule: propose (or re-plan), review, accept or discard. An adapter:
// src/app/scheduling decides, and the booking use-case books what is accepted.
import { z } from 'zod';
import { acceptProposal } from '../../app/scheduling/accept.ts';
import { AcceptInput, ProposeInput } from '../../app/scheduling/inputs.ts';
import { discardScheduleProposal, getProposal, listScheduleProposals, proposeSchedule } from '../../app/scheduling/proposals.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { ProposalListResponse, ProposalResponse } from '../responses/schedule.ts';
import type { RouteModule } from './index.ts';

const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() });

export const scheduleRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/schedule/proposals',
    {
      schema: docs({
        summary: 'Propose an assessor, date and time for every assessment waiting to be booked, over the days asked (nothing is booked until it is accepted)',
        tags: ['schedule'],
        body: ProposeInput,
        responses: { 201: ProposalResponse },
      }),
    },
    async (request, reply) => reply.code(201).send(await proposeSchedule(ctx, actorOf(request), parse(ProposeInput, request.body ?? {}))),
  );
  app.post(
    '/schedule/replans',
    {
      schema: docs({
        summary:
          'Propose the smallest change that repairs the bookings already made (after a cancellation or an assessor’s leave), with the waiting assessments placed',
        tags: ['schedule'],
        body: ProposeInput,
        responses: { 201: ProposalResponse },
      }),
    },
    async (request, reply) => reply.code(201).send(await proposeSchedule(ctx, actorOf(request), parse(ProposeInput, request.body ?? {}), 'replan')),
  );
  app.get(
    '/schedule/proposals',
    { schema: docs({ summary: 'The schedule proposals, newest first', tags: ['schedule'], querystring: ListQuery, responses: { 200: ProposalListResponse } }) },
    async (request) => listScheduleProposals(ctx, actorOf(request), parse(ListQuery, request.query)),
  );
  app.get(
    '/schedule/proposals/:id',
    { schema: docs({ summary: 'One proposal, for review', tags: ['schedule'], params: IdParams, responses: { 200: ProposalResponse } }) },
    async (request) => getProposal(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/schedule/proposals/:id/accept',
    {
      schema: docs({
        summary: 'Book the proposal (all of it, or the keys named) through the booking use-case; each refusal is reported with its code',
        tags: ['schedule'],
        params: IdParams,
        body: AcceptInput,
        responses: { 200: ProposalResponse },
      }),
    },
    async (request) => acceptProposal(ctx, actorOf(request), parse(IdParams, request.params).id, parse(AcceptInput, request.body ?? {})),
  );
  app.post(
    '/schedule/proposals/:id/discard',
    { schema: docs({ summary: 'Discard a proposal nobody will accept', tags: ['schedule'], params: IdParams, responses: { 200: ProposalResponse } }) },
    async (request) => discardScheduleProposal(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
};
