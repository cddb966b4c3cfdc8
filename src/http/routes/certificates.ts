// After the result: certificates and the results statement, the achievements export to the
// apprenticeship service, appeals, malpractice cases and withdrawal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { achievementsExport, developmentApprenticeshipService, sendAchievements } from '../../app/achievements.ts';
import { decideAppeal, lodgeAppeal } from '../../app/appeals.ts';
import { advanceCertificate, claimCertificate, listCertificates, resultsStatementPdf } from '../../app/certificates.ts';
import type { AppContext } from '../../app/context.ts';
import { idempotent } from '../../app/idempotency.ts';
import {
  AppealDecisionInput,
  AppealInput,
  CertificateStepInput,
  ClaimInput,
  MalpracticeDecisionInput,
  MalpracticeInput,
  WithdrawInput,
} from '../../app/inputs-assessment.ts';
import { decideMalpracticeCase, openMalpracticeCase } from '../../app/malpractice.ts';
import { withdraw } from '../../app/withdrawal.ts';
import type { Actor } from '../../domain/access/access.ts';
import { CalendarDate } from '../../domain/calendar/date-schema.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import {
  AchievementsResponse,
  AppealDecidedResponse,
  AppealLodgedResponse,
  CertificateListResponse,
  CertificateResponse,
  MalpracticeDecidedResponse,
  MalpracticeOpenedResponse,
  SendReportResponse,
  WithdrawnResponse,
} from '../responses/certificates.ts';
import type { RouteModule } from './index.ts';

const CertificateQuery = z.object({
  status: z.enum(['requested', 'issued', 'sent', 'reprint-requested']).optional(),
  recordId: z.string().optional(),
});
const AchievementsQuery = z.object({ from: CalendarDate, to: CalendarDate, format: z.enum(['csv', 'json']).default('json') });
const AchievementsRange = z.strictObject({ from: CalendarDate, to: CalendarDate });

export const certificateRoutes: RouteModule = (ctx) => async (app) => {
  const create = creatorFor(ctx);
  certificateIssueRoutes(app, ctx, create);
  achievementRoutes(app, ctx);
  caseworkRoutes(app, ctx, create);
};

function certificateIssueRoutes(app: FastifyInstance, ctx: AppContext, create: Create) {
  app.post(
    '/records/:id/certificate',
    {
      schema: docs({
        summary: 'Claim the certificate for the released pass or distinction (the name and ULN as on the record)',
        tags: ['certification'],
        params: IdParams,
        body: ClaimInput,
        responses: { 201: CertificateResponse },
        description:
          'Accepts an Idempotency-Key header. 422 with findings (CLAIM_NAME_MISMATCH, GRADE_NOT_ACHIEVED, ULN_TEMPORARY…) when the claim is refused.',
      }),
    },
    (request, reply) => create(request, reply, ClaimInput, (actor, id, input) => claimCertificate(ctx, actor, id, input)),
  );
  app.get(
    '/certificates',
    {
      schema: docs({
        summary: 'Certificates claimed, with where each is sent',
        tags: ['certification'],
        querystring: CertificateQuery,
        responses: { 200: CertificateListResponse },
      }),
    },
    async (request) => ({ certificates: await listCertificates(ctx, actorOf(request), parse(CertificateQuery, request.query)) }),
  );
  app.post(
    '/certificates/:id/steps',
    {
      schema: docs({
        summary: 'Issued, sent (to the employer) or reprint; send the version (a stale one gets 409)',
        tags: ['certification'],
        params: IdParams,
        body: CertificateStepInput,
        responses: { 200: CertificateResponse },
      }),
    },
    async (request) => advanceCertificate(ctx, actorOf(request), parse(IdParams, request.params).id, parse(CertificateStepInput, request.body)),
  );
  app.get(
    '/records/:id/results-statement.pdf',
    {
      schema: docs({
        summary: 'The results statement of the released result (PDF)',
        tags: ['results'],
        params: IdParams,
        responses: { 200: { file: 'application/pdf', description: 'The results statement, shown inline' } },
      }),
    },
    async (request, reply) => {
      const { pdf, fileName } = await resultsStatementPdf(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}

function achievementRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/achievements',
    {
      schema: docs({
        summary: 'Released passes and distinctions in a date range, for the apprenticeship service (CSV or JSON)',
        tags: ['certification'],
        querystring: AchievementsQuery,
        responses: { 200: AchievementsResponse },
        description:
          'JSON, as described here, by default; with format=csv the same rows as a text/csv attachment (uln,family_name,standard_code,standard_version,grade,achievement_date).',
      }),
    },
    async (request, reply) => {
      const query = parse(AchievementsQuery, request.query);
      const out = await achievementsExport(ctx, actorOf(request), query, query.format);
      if (out.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="achievements-${query.from}-${query.to}.csv"`)
          .send(out.body);
      return out.body;
    },
  );
  app.post(
    '/achievements/send',
    {
      schema: docs({
        summary: 'Send the range’s achievements to the apprenticeship service, in batches of at most 25',
        tags: ['certification'],
        body: AchievementsRange,
        responses: { 200: SendReportResponse },
        description: 'Accepts an Idempotency-Key header.',
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const range = parse(AchievementsRange, request.body);
      return sendStored(
        reply,
        await idempotent(ctx, actor.userId, idempotencyKey(request), { url: '/achievements/send', range }, async () => ({
          status: 200,
          body: await sendAchievements(ctx, actor, developmentApprenticeshipService, range),
        })),
      );
    },
  );
}

function caseworkRoutes(app: FastifyInstance, ctx: AppContext, create: Create) {
  app.post(
    '/records/:id/appeals',
    {
      schema: docs({
        summary: 'Lodge an appeal against the released result, within the EPAO’s appeal window',
        tags: ['appeals'],
        params: IdParams,
        body: AppealInput,
        responses: { 201: AppealLodgedResponse },
        description: 'Accepts an Idempotency-Key header.',
      }),
    },
    (request, reply) => create(request, reply, AppealInput, (actor, id, input) => lodgeAppeal(ctx, actor, id, input)),
  );
  app.post(
    '/appeals/:id/decision',
    {
      schema: docs({
        summary: 'Decide an appeal (not by an assessor of the apprentice): rejected, or upheld with new method grades',
        tags: ['appeals'],
        params: IdParams,
        body: AppealDecisionInput,
        responses: { 200: AppealDecidedResponse },
      }),
    },
    async (request) => decideAppeal(ctx, actorOf(request), parse(IdParams, request.params).id, parse(AppealDecisionInput, request.body)),
  );
  app.post(
    '/records/:id/malpractice',
    {
      schema: docs({
        summary: 'Open a malpractice case: the released result is suspended until it is decided',
        tags: ['appeals'],
        params: IdParams,
        body: MalpracticeInput,
        responses: { 201: MalpracticeOpenedResponse },
        description: 'Accepts an Idempotency-Key header.',
      }),
    },
    (request, reply) => create(request, reply, MalpracticeInput, (actor, id, input) => openMalpracticeCase(ctx, actor, id, input)),
  );
  app.post(
    '/malpractice/:id/decision',
    {
      schema: docs({
        summary: 'Decide a malpractice case: dismissed or result-stands reinstate the result; result-cancelled cancels it',
        tags: ['appeals'],
        params: IdParams,
        body: MalpracticeDecisionInput,
        responses: { 200: MalpracticeDecidedResponse },
      }),
    },
    async (request) => decideMalpracticeCase(ctx, actorOf(request), parse(IdParams, request.params).id, parse(MalpracticeDecisionInput, request.body)),
  );
  app.post(
    '/records/:id/withdraw',
    {
      schema: docs({
        summary: 'Withdraw the apprentice (send the record’s version); bookings still to come are cancelled',
        tags: ['records'],
        params: IdParams,
        body: WithdrawInput,
        responses: { 200: WithdrawnResponse },
      }),
    },
    async (request) => withdraw(ctx, actorOf(request), parse(IdParams, request.params).id, parse(WithdrawInput, request.body)),
  );
}

/** A POST that creates something on a record: Idempotency-Key makes retries safe. */
function creatorFor(ctx: AppContext) {
  return async <I>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodType<I>, run: (actor: Actor, id: string, input: I) => Promise<unknown>) => {
    const actor = actorOf(request);
    const { id } = parse(IdParams, request.params);
    const input = parse(schema, request.body);
    return sendStored(
      reply,
      await idempotent(ctx, actor.userId, idempotencyKey(request), { route: request.routeOptions.url, id, input }, async () => ({
        status: 201,
        body: await run(actor, id, input),
      })),
    );
  };
}

type Create = ReturnType<typeof creatorFor>;
