// Apprentices' EPA records: register, find by ULN, list, read, update.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { idempotent } from '../../app/idempotency.ts';
import { RecordUpdateInput, RegisterInput } from '../../app/inputs.ts';
import { exportRecords } from '../../app/record-export.ts';
import { listRecordPage, RecordListQuery } from '../../app/record-list.ts';
import { findRecordsByUln, getRecord, requestRegistration, updateRecord } from '../../app/records.ts';
import { HELD_MESSAGE } from '../../app/registration-steps.ts';
import { MAX_STATEMENTS, resultsStatementsPdf } from '../../app/results-statements.ts';
import { sendCsv } from '../csv-reply.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { sendStatements } from '../pdf-reply.ts';
import { EpaRecordListResponse, EpaRecordResponse, RegistrationHeldResponse } from '../responses/records.ts';
import type { RouteModule } from './index.ts';

const ListQuery = RecordListQuery.extend({ uln: z.string().optional() });

/** The next page's address for the `Link` header (RFC 8288): the same query from the cursor on. */
export function nextPageLink(url: string, nextCursor: string): string {
  const [path, search] = url.split('?');
  const params = new URLSearchParams(search);
  params.delete('offset');
  params.set('cursor', nextCursor);
  return `<${path}?${params.toString()}>; rel="next"`;
}

export const recordRoutes: RouteModule = (ctx) => async (app) => {
  registrationRoute(app, ctx);
  recordListRoutes(app, ctx);
  oneRecordRoutes(app, ctx);
};

function registrationRoute(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/records',
    {
      schema: docs({
        summary: 'Register an apprentice for a standard version (and EPAO policy)',
        tags: ['records'],
        body: RegisterInput,
        responses: { 201: EpaRecordResponse, 202: RegistrationHeldResponse },
        description: `201 with the EPA record. The ULN names one person: the same ULN with another family name or date of birth is
422 ULN_IDENTITY_MISMATCH (nothing about the person on record is said). The same provider registering the apprentice for the
same standard again is 409 DUPLICATE_REGISTRATION. An apprentice active for the standard with another provider is neither
refused nor told about: 202 with {code: REGISTRATION_HELD, message, held}, the registration held for the EPAO to decide
(GET /registration-clashes/{held.id} shows the outcome). Accepts an Idempotency-Key header.`,
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parse(RegisterInput, request.body);
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), request.body, async () => {
        const outcome = await requestRegistration(ctx, actor, input);
        return outcome.outcome === 'registered'
          ? { status: 201, body: outcome.record }
          : { status: 202, body: { code: 'REGISTRATION_HELD', message: HELD_MESSAGE, held: outcome.held } };
      });
      return sendStored(reply, stored);
    },
  );
}

function recordListRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/records',
    {
      schema: docs({
        summary: 'EPA records you may see: searched, filtered, sorted and paged by cursor; ?uln= finds by ULN',
        tags: ['records'],
        querystring: ListQuery,
        responses: { 200: EpaRecordListResponse },
        description: `\`q\` matches every word it holds, in any order, ignoring case and accents, against the apprentice's names (any part),
the ULN (its start) and the provider's and employer's names. \`total\` counts every match; when there are more, \`nextCursor\`
is set and a \`Link: <…>; rel="next"\` header gives the next page's address. A cursor belongs to its \`sort\`.`,
      }),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const query = parse(ListQuery, request.query);
      if (query.uln) {
        const records = await findRecordsByUln(ctx, actor, query.uln);
        return { records, total: records.length, nextCursor: null };
      }
      const page = await listRecordPage(ctx, actor, query);
      if (page.nextCursor) reply.header('link', nextPageLink(request.url, page.nextCursor));
      return page;
    },
  );

  app.get(
    '/records/export.csv',
    {
      schema: docs({
        summary: 'Every EPA record the filters match, as CSV (the same filters and sort as GET /records; streamed)',
        tags: ['records'],
        querystring: RecordListQuery,
        responses: {
          200: { file: 'text/csv', description: 'A header row, then a row a record: ULN, names, date of birth, standard, status, organisations and dates' },
        },
      }),
    },
    async (request, reply) => {
      const query = parse(RecordListQuery, request.query);
      return sendCsv(reply, 'apprentices.csv', exportRecords(ctx, actorOf(request), query));
    },
  );

  app.get(
    '/records/results-statements.pdf',
    {
      schema: docs({
        summary: 'The results statements of every EPA record the filters match that has a released result: one PDF, a statement a page',
        tags: ['records', 'results'],
        querystring: RecordListQuery,
        responses: {
          200: { file: 'application/pdf', description: 'A page a released result, in the list’s order; X-Statements says how many' },
        },
        description: `The same filters and sort as GET /records. At most ${MAX_STATEMENTS.toLocaleString('en-GB')} statements (413 TOO_MANY_STATEMENTS: narrow the list); none is 404 NO_RELEASED_RESULTS.`,
      }),
    },
    async (request, reply) => {
      const query = parse(RecordListQuery, request.query);
      const { doc, statements } = await resultsStatementsPdf(ctx, actorOf(request), query);
      return sendStatements(reply, doc, statements);
    },
  );
}

function oneRecordRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/records/:id',
    { schema: docs({ summary: 'One EPA record', tags: ['records'], params: IdParams, responses: { 200: EpaRecordResponse } }) },
    async (request) => {
      return getRecord(ctx, actorOf(request), parse(IdParams, request.params).id);
    },
  );

  app.patch(
    '/records/:id',
    {
      schema: docs({
        summary: 'Change a record (send its version; a stale one gets 409)',
        tags: ['records'],
        params: IdParams,
        body: RecordUpdateInput,
        responses: { 200: EpaRecordResponse },
      }),
    },
    async (request) => {
      return updateRecord(ctx, actorOf(request), parse(IdParams, request.params).id, parse(RecordUpdateInput, request.body));
    },
  );
}
