// The DfE queue: what reaches the Assessor Service and what it answered; sending an item
// again, and releasing a certificate early. An adapter: src/app/dfe/queue.ts decides.
import { z } from 'zod';
import { recordIlrFamilyName } from '../../app/dfe/ilr-name.ts';
import { lookUpLearner } from '../../app/dfe/learner.ts';
import { DFE_STATES, dfeQueue, releaseCertificateEarly, resendDfeItem } from '../../app/dfe/queue.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { DfeQueueResponse, IlrNameResponse, LearnerResponse } from '../responses/dfe.ts';
import type { RouteModule } from './index.ts';

const QueueQuery = z.strictObject({ state: z.enum(DFE_STATES as ['queued']).optional(), after: z.string().max(100).optional() });
const EarlyInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const IlrNameInput = z.strictObject({ ilrFamilyName: z.string().trim().min(1).max(100).nullable() });

const LearnerQuery = z.strictObject({
  uln: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'a 10-digit ULN'),
  familyName: z.string().trim().min(1).max(100),
  standard: z.string().trim().min(1).max(20),
});

export const dfeRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/dfe/submissions',
    {
      schema: docs({
        summary: 'What is queued for, sent to, accepted or refused by the DfE Assessor Service, newest change first (EPAO only)',
        tags: ['dfe'],
        querystring: QueueQuery,
        responses: { 200: DfeQueueResponse },
      }),
    },
    async (request) => dfeQueue(ctx, actorOf(request), parse(QueueQuery, request.query)),
  );
  app.get(
    '/dfe/learner',
    {
      schema: docs({
        summary: 'Whether DfE knows the learner by this ULN, family name (as the ILR spells it) and standard, with their start date and version',
        tags: ['dfe'],
        querystring: LearnerQuery,
        responses: { 200: LearnerResponse },
      }),
    },
    async (request) => lookUpLearner(ctx, actorOf(request), parse(LearnerQuery, request.query)),
  );
  app.put(
    '/records/:id/ilr-family-name',
    {
      schema: docs({
        summary: 'The family name as the ILR holds it (null: the record’s own), which DfE matches exactly; the record’s refused DfE items are sent again',
        tags: ['dfe'],
        params: IdParams,
        body: IlrNameInput,
        responses: { 200: IlrNameResponse },
      }),
    },
    async (request) => recordIlrFamilyName(ctx, actorOf(request), parse(IdParams, request.params).id, parse(IlrNameInput, request.body).ilrFamilyName),
  );
  app.post(
    '/dfe/submissions/:id/resend',
    {
      schema: docs({
        summary: 'Send a held or refused item again on the next run, once its data is put right',
        tags: ['dfe'],
        params: IdParams,
        responses: { 204: { empty: 'Queued' } },
      }),
    },
    async (request, reply) => {
      await resendDfeItem(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/dfe/submissions/:id/release-early',
    {
      schema: docs({
        summary: 'Let a certificate go to DfE before its appeal wait ends, with the reason the audit log keeps',
        tags: ['dfe'],
        params: IdParams,
        body: EarlyInput,
        responses: { 204: { empty: 'Released' } },
      }),
    },
    async (request, reply) => {
      await releaseCertificateEarly(ctx, actorOf(request), parse(IdParams, request.params).id, parse(EarlyInput, request.body).reason);
      return reply.code(204).send();
    },
  );
};
