// Submissions of work after gateway: the project report and the showcase.
import { idempotent } from '../../app/idempotency.ts';
import { WorkSubmitInput } from '../../app/inputs-gateway.ts';
import { listSubmissions, submitWork } from '../../app/submissions.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { SubmissionListResponse, SubmissionMadeResponse } from '../responses/submissions.ts';
import type { RouteModule } from './index.ts';

export const submissionRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/records/:id/submissions',
    {
      schema: docs({
        summary: 'Submit the project report or the showcase (a file uploaded to the record)',
        tags: ['submissions'],
        params: IdParams,
        body: WorkSubmitInput,
        responses: { 201: SubmissionMadeResponse },
        description:
          'The words are counted from the .docx or .pdf, annexes excluded, and the date is checked against the plan. A word count or deadline failure is 422 with `findings` and `wordCount`. Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      const input = parse(WorkSubmitInput, request.body);
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), { recordId: id, body: request.body ?? null }, async () => ({
        status: 201,
        body: await submitWork(ctx, actor, id, input),
      }));
      return sendStored(reply, stored);
    },
  );

  app.get(
    '/records/:id/submissions',
    {
      schema: docs({
        summary: "An EPA record's submissions, newest first",
        tags: ['submissions'],
        params: IdParams,
        responses: { 200: SubmissionListResponse },
      }),
    },
    async (request) => ({ submissions: await listSubmissions(ctx, actorOf(request), parse(IdParams, request.params).id) }),
  );
};
