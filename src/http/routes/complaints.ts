// Complaints: made by anyone signed in, acknowledged and answered by the EPAO. An adapter:
// src/app/complaints.ts decides.
import { z } from 'zod';
import { acknowledgeComplaint, getComplaint, listComplaints, makeComplaint, respondToComplaint } from '../../app/complaints.ts';
import { ComplaintInput, ComplaintResponseInput } from '../../app/inputs-assessment.ts';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { IsoDateResponse } from '../responses/common.ts';
import { describes } from '../responses/describes.ts';
import { InstantResponse } from '../responses/instants.ts';
import type { RouteModule } from './index.ts';

const Role = z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']);
const ComplaintResponse = describes<Awaited<ReturnType<typeof getComplaint>>>()(
  z.object({
    id: z.string(),
    complainantId: z.string(),
    complainantName: z.string(),
    complainantRole: Role,
    epaRecordId: z.string().nullable(),
    givenNames: z.string().nullable(),
    familyName: z.string().nullable(),
    subject: z.string(),
    details: z.string(),
    receivedOn: IsoDateResponse,
    acknowledgedOn: IsoDateResponse.nullable(),
    acknowledgedBy: z.string().nullable(),
    respondedOn: IsoDateResponse.nullable(),
    respondedBy: z.string().nullable(),
    response: z.string().nullable(),
    createdAt: InstantResponse,
    deadlines: z.object({ acknowledgeBy: IsoDateResponse, answerBy: IsoDateResponse, source: z.string() }),
    due: z.object({ step: z.enum(['acknowledge', 'answer']), by: IsoDateResponse, late: z.boolean() }).nullable(),
  }),
);
const ListQuery = z.object({
  afterReceivedOn: CalendarDate.optional(),
  afterId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const complaintRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/complaints',
    {
      schema: docs({
        summary: 'Make a complaint (about an apprentice’s EPA you may see, or the service)',
        tags: ['appeals'],
        body: ComplaintInput,
        responses: { 201: ComplaintResponse },
      }),
    },
    async (request, reply) => reply.code(201).send(await makeComplaint(ctx, actorOf(request), parse(ComplaintInput, request.body))),
  );
  app.get(
    '/complaints',
    {
      schema: docs({
        summary: 'The EPAO’s open complaints, or your own, oldest first, each with the step it waits for; page on with afterReceivedOn and afterId',
        tags: ['appeals'],
        querystring: ListQuery,
        responses: { 200: z.object({ complaints: z.array(ComplaintResponse) }) },
      }),
    },
    async (request) => {
      const q = parse(ListQuery, request.query);
      const after = q.afterReceivedOn && q.afterId ? { receivedOn: q.afterReceivedOn, id: q.afterId } : undefined;
      return { complaints: await listComplaints(ctx, actorOf(request), { ...(after ? { after } : {}), limit: q.limit }) };
    },
  );
  app.get(
    '/complaints/:id',
    {
      schema: docs({
        summary: 'A complaint, with its deadlines (its complainant and the EPAO)',
        tags: ['appeals'],
        params: IdParams,
        responses: { 200: ComplaintResponse },
      }),
    },
    async (request) => getComplaint(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/complaints/:id/acknowledgement',
    {
      schema: docs({
        summary: 'Acknowledge a complaint: the complainant is e-mailed the date of the response',
        tags: ['appeals'],
        params: IdParams,
        responses: { 200: ComplaintResponse },
      }),
    },
    async (request) => acknowledgeComplaint(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/complaints/:id/response',
    {
      schema: docs({
        summary: 'Respond to a complaint: the complainant is e-mailed the response',
        tags: ['appeals'],
        params: IdParams,
        body: ComplaintResponseInput,
        responses: { 200: ComplaintResponse },
      }),
    },
    async (request) => respondToComplaint(ctx, actorOf(request), parse(IdParams, request.params).id, parse(ComplaintResponseInput, request.body)),
  );
};
