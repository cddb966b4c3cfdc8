// Bulk registration: POST a CSV file of apprentices, get a report row by row.

import { z } from 'zod';
import { importRegistrations } from '../../app/bulk-import.ts';
import { AppError } from '../../app/errors.ts';
import { idempotent } from '../../app/idempotency.ts';
import { IMPORT_LIMITS } from '../../app/import-file.ts';
import { actorOf, docs, idempotencyKey, parse, sendStored } from '../kit.ts';
import { problem } from '../problem.ts';
import { ImportReportResponse } from '../responses/imports.ts';
import type { RouteModule } from './index.ts';

/** Whether a reference not on record creates its employer. */
const ImportQuery = z.object({ createEmployers: z.enum(['true', 'false']).optional() }).strict();

const DESCRIPTION = `Send the file as the body with Content-Type: text/csv (UTF-8, RFC 4180, at most 10 MB and 20,000 rows).
Header row, then one apprentice per row. Columns: uln, given_names, family_name, date_of_birth, employer_id, standard,
start_date (required); provider_id (required for EPAO users; a provider imports only its own apprentices), email,
ehcp (yes/no), policy, planned_end_date, channel, extra_time_percent, adjustments. Dates are YYYY-MM-DD.
provider_ukprn names the provider by UKPRN instead of provider_id; employer_reference names the employer by the EPAO's
reference for it instead of employer_id (the employer_id column may then be left out). With ?createEmployers=true (the EPAO
only), a reference not on record creates the employer, named by employer_name, with the rows that name it.

Each row is checked as POST /records checks one registration: a ULN given to another person than the one on record (or
on an earlier line) is refused ULN_IDENTITY_MISMATCH; a second active record for the same ULN and standard with the same
provider (on record or earlier in the file) is refused; an apprentice active for the standard with another provider is held
for the EPAO (status held, with heldId: see GET /registration-clashes/{id}). The valid rows are written in one
transaction: 200 with {total, imported, held, rejected, rows}, each row imported (with its recordId), held (with its heldId)
or rejected (with reasons: code and message).
When every row is rejected the answer is 422 (problem+json carrying the same report) and nothing is written.
409 IMPORT_CONFLICT: a registration made meanwhile clashed with a row, and nothing was imported.
Accepts an Idempotency-Key header.`;

export const importRoutes: RouteModule = (ctx) => async (app) => {
  // Only this plugin reads text/csv; the body stays a string for the use-case.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMITS.bytes }, (_request, body, done) => done(null, body));

  app.post(
    '/records/import',
    {
      bodyLimit: IMPORT_LIMITS.bytes,
      schema: {
        ...docs({
          summary: 'Register apprentices from a CSV file (a report row by row)',
          tags: ['records'],
          description: DESCRIPTION,
          querystring: ImportQuery,
          responses: { 200: ImportReportResponse },
        }),
        consumes: ['text/csv'],
        body: { type: 'string', description: 'the CSV file' },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { createEmployers } = parse(ImportQuery, request.query);
      if (typeof request.body !== 'string') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as the request body with Content-Type: text/csv');
      const csv = request.body;
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), createEmployers === undefined ? csv : { csv, createEmployers }, async () => {
        const report = await importRegistrations(ctx, actor, csv, { createEmployers: createEmployers === 'true' });
        if (report.imported === 0 && report.held === 0 && report.total > 0)
          return {
            status: 422,
            body: problem(422, 'IMPORT_REJECTED', `every row was rejected (${report.total}); nothing was imported: see rows for the reasons`, report),
          };
        return { status: 200, body: report };
      });
      if (stored.status >= 400) reply.type('application/problem+json');
      return sendStored(reply, stored);
    },
  );
};
