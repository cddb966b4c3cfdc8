// Malpractice reported by anyone who may see the record, and a case as the EPAO's compliance
// staff investigate it (opening by the EPAO and deciding are with the other casework in
// certificates.ts). An adapter: src/app/malpractice.ts and malpractice-cases.ts decide.
import { z } from 'zod';
import { CaseNoteInput, MalpracticeReportInput } from '../../app/inputs-assessment.ts';
import { reportMalpractice } from '../../app/malpractice.ts';
import { addCaseNote, getMalpracticeCase } from '../../app/malpractice-cases.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { MalpracticeCaseFields } from '../responses/certificates.ts';
import { IsoDateResponse } from '../responses/common.ts';
import { describes } from '../responses/describes.ts';
import { InstantResponse } from '../responses/instants.ts';
import type { RouteModule } from './index.ts';

const Role = z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']);

const ReportedResponse = describes<Awaited<ReturnType<typeof reportMalpractice>>>()(
  z.object({ id: z.string(), openedOn: IsoDateResponse, status: z.enum(['open', 'dismissed', 'upheld']) }),
);

const CaseResponse = describes<Awaited<ReturnType<typeof getMalpracticeCase>>>()(
  z.object({
    ...MalpracticeCaseFields,
    givenNames: z.string(),
    familyName: z.string(),
    standard: z.string(),
    reporterName: z.string().nullable(),
    reporterRole: Role.nullable(),
    concernedName: z.string().nullable(),
    concernedRole: Role.nullable(),
    resultStatus: z.enum(['released', 'suspended', 'cancelled', 'superseded']).nullable(),
    log: z.array(z.object({ id: z.string(), writtenAt: InstantResponse, note: z.string(), writer: z.string() })),
  }),
);

export const malpracticeRoutes: RouteModule = (ctx) => async (app) => {
  app.post(
    '/records/:id/malpractice-reports',
    {
      schema: docs({
        summary: 'Report malpractice or maladministration about a record you may see (against anyone, the EPAO’s staff too): a case opens and holds the result',
        tags: ['appeals'],
        params: IdParams,
        body: MalpracticeReportInput,
        responses: { 201: ReportedResponse },
      }),
    },
    async (request, reply) =>
      reply.code(201).send(await reportMalpractice(ctx, actorOf(request), parse(IdParams, request.params).id, parse(MalpracticeReportInput, request.body))),
  );
  app.get(
    '/malpractice/:id',
    {
      schema: docs({
        summary: 'A malpractice case and its log (the EPAO’s compliance staff; never the person it concerns)',
        tags: ['appeals'],
        params: IdParams,
        responses: { 200: CaseResponse },
      }),
    },
    async (request) => getMalpracticeCase(ctx, actorOf(request), parse(IdParams, request.params).id),
  );
  app.post(
    '/malpractice/:id/notes',
    {
      schema: docs({
        summary: 'Add a note to a case’s log while it is investigated',
        tags: ['appeals'],
        params: IdParams,
        body: CaseNoteInput,
        responses: { 200: CaseResponse },
      }),
    },
    async (request) => addCaseNote(ctx, actorOf(request), parse(IdParams, request.params).id, parse(CaseNoteInput, request.body)),
  );
};
