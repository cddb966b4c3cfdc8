// The assessor's record of each assessment, the IQA's moderation, results and re-attempts.

import type { FastifyInstance } from 'fastify';
import { getAssessment, listMyAssessments, openAssessment, saveDraft, submitAssessment } from '../../app/assessments.ts';
import type { AppContext } from '../../app/context.ts';
import { idempotent } from '../../app/idempotency.ts';
import { DraftInput, ModerationInput, ReattemptInput, ReleaseInput, VersionInput } from '../../app/inputs-assessment.ts';
import { moderate, moderationQueue, signOffBatch } from '../../app/moderation.ts';
import { releaseResult, requestReattempt, resultStatus } from '../../app/results.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { AssessmentResponse, MyAssessmentsResponse } from '../responses/assessments.ts';
import {
  BatchSignOffResponse,
  ModerationDecisionResponse,
  ModerationQueueResponse,
  ReattemptResponse,
  ReleasedResultResponse,
  ResultStatusResponse,
} from '../responses/results.ts';
import type { RouteModule } from './index.ts';

export const assessmentRoutes: RouteModule = (ctx) => async (app) => {
  assessingRoutes(app, ctx);
  moderationRoutes(app, ctx);
  resultRoutes(app, ctx);
};

function assessingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/bookings/:id/assessment',
    {
      schema: docs({
        summary: 'Open (or return) the assessment record of a booking',
        tags: ['assessment'],
        params: IdParams,
        responses: { 200: AssessmentResponse },
      }),
    },
    async (request, reply) => {
      const assessment = await openAssessment(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply.code(200).send(assessment);
    },
  );
  app.get(
    '/assessments',
    { schema: docs({ summary: "The signed-in assessor's assessment records", tags: ['assessment'], responses: { 200: MyAssessmentsResponse } }) },
    async (request) => ({
      assessments: await listMyAssessments(ctx, actorOf(request)),
    }),
  );
  app.get(
    '/assessments/:id',
    {
      schema: docs({
        summary: 'One assessment record with the criteria to judge',
        tags: ['assessment'],
        params: IdParams,
        responses: { 200: AssessmentResponse },
      }),
    },
    async (request) => getAssessment(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.patch(
    '/assessments/:id',
    {
      schema: docs({
        summary: 'Save the draft as it goes (send its version; a stale one gets 409)',
        tags: ['assessment'],
        params: IdParams,
        body: DraftInput,
        responses: { 200: AssessmentResponse },
      }),
    },
    async (request) => saveDraft(ctx, actorOf(request), parse(IdParams, request.params).id, parse(DraftInput, request.body)),
  );
  app.post(
    '/assessments/:id/submit',
    {
      schema: docs({
        summary: 'Submit: the session is checked and the provisional method grade given',
        tags: ['assessment'],
        params: IdParams,
        body: VersionInput,
        responses: { 200: AssessmentResponse },
      }),
    },
    async (request) => submitAssessment(ctx, actorOf(request), parse(IdParams, request.params).id, parse(VersionInput, request.body).version),
  );
}

function moderationRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/moderation',
    {
      schema: docs({
        summary: "The IQA's queue: sampled assessments (and why) and batches to sign off",
        tags: ['quality'],
        responses: { 200: ModerationQueueResponse },
      }),
    },
    async (request) => moderationQueue(ctx, actorOf(request)),
  );
  app.post(
    '/assessments/:id/moderation',
    {
      schema: docs({
        summary: 'Agree with the grade, or change it with a reason',
        tags: ['quality'],
        params: IdParams,
        body: ModerationInput,
        responses: { 200: ModerationDecisionResponse },
      }),
    },
    async (request) => moderate(ctx, actorOf(request), parse(IdParams, request.params).id, parse(ModerationInput, request.body)),
  );
}

function resultRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/moderation/batches/:id/sign-off',
    { schema: docs({ summary: "Sign off an assessor's batch", tags: ['quality'], params: IdParams, responses: { 200: BatchSignOffResponse } }) },
    async (request) => signOffBatch(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.get(
    '/records/:id/result',
    {
      schema: docs({
        summary: 'Where the result stands, and the released result',
        tags: ['results'],
        params: IdParams,
        responses: { 200: ResultStatusResponse },
      }),
    },
    async (request) => resultStatus(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/records/:id/result',
    {
      schema: docs({
        summary: 'Release the result (every method graded and moderated)',
        tags: ['results'],
        params: IdParams,
        body: ReleaseInput,
        responses: { 201: ReleasedResultResponse },
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(ReleaseInput, request.body);
      return sendStored(
        reply,
        await idempotent(ctx, actor.userId, idempotencyKey(request), { id, ...input }, async () => ({
          status: 201,
          body: await releaseResult(ctx, actor, id, input),
        })),
      );
    },
  );
  app.post(
    '/records/:id/reattempts',
    {
      schema: docs({
        summary: 'Arrange a re-sit or re-take of a failed method',
        tags: ['results'],
        params: IdParams,
        body: ReattemptInput,
        responses: { 201: ReattemptResponse },
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(ReattemptInput, request.body);
      return sendStored(
        reply,
        await idempotent(ctx, actor.userId, idempotencyKey(request), { id, ...input }, async () => ({
          status: 201,
          body: await requestReattempt(ctx, actor, id, input),
        })),
      );
    },
  );
}
