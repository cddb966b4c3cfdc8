// Independent assessors: appoint, read, change (with a version), declare relationships and availability.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addAvailability, createAssessor, declareRelationship, getAssessor, listAssessors, updateAssessor } from '../../app/assessors.ts';
import type { AppContext } from '../../app/context.ts';
import { idempotent } from '../../app/idempotency.ts';
import { AssessorCreateInput, AssessorUpdateInput, AvailabilityInput, RelationshipInput } from '../../app/inputs-assessors.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { AssessorListResponse, AssessorResponse, AvailabilityResponse, RelationshipResponse } from '../responses/assessors.ts';
import type { RouteModule } from './index.ts';

const ListQuery = z.object({ standard: z.string().max(50).optional() });

export const assessorRoutes: RouteModule = (ctx) => async (app) => {
  assessorProfileRoutes(app, ctx);
  assessorRelationshipRoutes(app, ctx);
  assessorAvailabilityRoutes(app, ctx);
};

function assessorProfileRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/assessors',
    {
      schema: docs({
        summary: 'Appoint an assessor: a sign-in with the assessor role, the standards they may assess, standardisation, qualifications, caps and home region',
        tags: ['assessors'],
        body: AssessorCreateInput,
        responses: { 201: AssessorResponse },
        description:
          'EPAO admin only. maxPerDay (1–20) and maxPerWeek (1–100) are the most assessments they take in a day and in a week; a week below the day is refused (422 WEEK_CAP_BELOW_DAY_CAP). Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parse(AssessorCreateInput, request.body);
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), { route: 'POST /assessors', body: request.body }, async () => ({
        status: 201,
        body: await createAssessor(ctx, actor, input),
      }));
      return sendStored(reply, stored);
    },
  );
  app.get(
    '/assessors',
    {
      schema: docs({
        summary: 'Assessors (EPAO admin and IQA; an assessor sees itself); ?standard= filters',
        tags: ['assessors'],
        querystring: ListQuery,
        responses: { 200: AssessorListResponse },
      }),
    },
    async (request) => ({ assessors: await listAssessors(ctx, actorOf(request), parse(ListQuery, request.query)) }),
  );
  app.get(
    '/assessors/:id',
    { schema: docs({ summary: 'One assessor', tags: ['assessors'], params: IdParams, responses: { 200: AssessorResponse } }) },
    async (request) => {
      return getAssessor(ctx, actorOf(request), parse(IdParams, request.params).id);
    },
  );
  app.patch(
    '/assessors/:id',
    {
      schema: docs({
        summary:
          'Change the standards an assessor may assess, their standardisation date, qualifications, caps or home region (send the version; a stale one gets 409)',
        tags: ['assessors'],
        params: IdParams,
        body: AssessorUpdateInput,
        responses: { 200: AssessorResponse },
        description:
          'null clears maxPerDay, maxPerWeek or homeRegion. A week cap below the day cap, as sent or as saved, is refused (422 WEEK_CAP_BELOW_DAY_CAP).',
      }),
    },
    async (request) => updateAssessor(ctx, actorOf(request), parse(IdParams, request.params).id, parse(AssessorUpdateInput, request.body)),
  );
}

function assessorRelationshipRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/assessors/:id/relationships',
    {
      schema: docs({
        summary: 'Declare a relationship with an apprentice, employer or training provider (the assessor themself or the EPAO)',
        tags: ['assessors'],
        params: IdParams,
        body: RelationshipInput,
        responses: { 201: RelationshipResponse },
        description: "A declared relationship bars the assessor from that apprentice's assessments. Accepts an Idempotency-Key header.",
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(RelationshipInput, request.body);
      const stored = await idempotent(
        ctx,
        actor.userId,
        idempotencyKey(request),
        { route: 'POST /assessors/:id/relationships', id, body: request.body },
        async () => ({
          status: 201,
          body: await declareRelationship(ctx, actor, id, input),
        }),
      );
      return sendStored(reply, stored);
    },
  );
}

function assessorAvailabilityRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/assessors/:id/availability',
    {
      schema: docs({
        summary: 'Add a window when the assessor can assess (the assessor themself or the EPAO)',
        tags: ['assessors'],
        params: IdParams,
        body: AvailabilityInput,
        responses: { 201: AvailabilityResponse },
        description: 'Instants with an offset, e.g. 2026-02-02T09:00:00Z. Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(AvailabilityInput, request.body);
      const stored = await idempotent(
        ctx,
        actor.userId,
        idempotencyKey(request),
        { route: 'POST /assessors/:id/availability', id, body: request.body },
        async () => ({
          status: 201,
          body: await addAvailability(ctx, actor, id, input),
        }),
      );
      return sendStored(reply, stored);
    },
  );
}
