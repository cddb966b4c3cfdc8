// An import's stored report: each row of the file, imported, held or rejected, with its reasons.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportRow } from '../../../app/bulk-import.ts';
import { notFound } from '../../../app/errors.ts';
import type { ImportReason } from '../../../app/import-file.ts';
import { type ImportRunState, importRunState, rejectedRowsCsv, storedImportReport } from '../../../app/import-reports.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, type Services } from '../kit.ts';

const MAX_REPORT_ROWS_SHOWN = 2000;

/** One row of the report as the page shows it: each reason's column apart from its message. */
function reportRow(row: ImportRow) {
  const reason = (r: ImportReason) => ({
    column: r.column ?? null,
    code: r.code,
    message: r.column && r.message.startsWith(`${r.column}: `) ? r.message.slice(r.column.length + 2) : plainEnglish(r),
  });
  const shown = { line: row.line, uln: row.uln, name: row.name ?? '', status: row.status, imported: row.status === 'imported', recordId: null, heldId: null };
  switch (row.status) {
    case 'imported':
      return { ...shown, recordId: row.recordId, notes: (row.warnings ?? []).map(reason) };
    case 'held':
      return { ...shown, heldId: row.heldId, notes: row.reasons.map(reason) };
    case 'rejected':
      return { ...shown, notes: row.reasons.map(reason) };
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Where a run has got, in words (the same words import-progress.mjs writes as it goes). */
function progressText(run: ImportRunState): string {
  const total = run.total ?? 0;
  if (run.status === 'queued') return `Waiting to start: ${count(total)} rows in the file`;
  if (run.validated < total) return `Checking rows: ${count(run.validated)} of ${count(total)} checked`;
  return `All ${count(total)} rows checked: registering the rows without a problem`;
}

/** A run not finished yet: its progress; one that ended without a report: why. */
async function unfinished({ view }: Services, request: FastifyRequest, reply: FastifyReply, run: ImportRunState, key: string) {
  const reportHref = `/admin/register/import/${key}`;
  if (run.status === 'failed') {
    const problem = (run.problem ?? {}) as { code?: string; message?: string };
    const text = plainEnglish({ code: problem.code ?? 'IMPORT_STOPPED', message: problem.message ?? 'the import stopped before it finished' });
    return view(request, reply, 'registration-import-failed.njk', { title: 'The import did not finish', problemText: text });
  }
  const percent = run.total ? Math.floor((100 * run.validated) / run.total) : 0;
  reply.header('cache-control', 'no-store');
  return view(request, reply, 'registration-import-progress.njk', {
    title: 'Importing your file',
    run,
    percent,
    progressText: progressText(run),
    reportHref,
    progressHref: `${reportHref}/progress`,
  });
}

/** The run's progress as JSON, for the progress page's script. */
export async function importProgress({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { key } = request.params as { key: string };
  const run = await importRunState(ctx, actorOf(request), key);
  if (!run) throw notFound('page');
  return reply.header('cache-control', 'no-store').send({ status: run.status, total: run.total, validated: run.validated });
}

export async function showReport(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { ctx, view } = services;
  const { key } = request.params as { key: string };
  const report = await storedImportReport(ctx, actorOf(request), key);
  if (!report) {
    const run = await importRunState(ctx, actorOf(request), key);
    if (!run) throw notFound('page');
    return unfinished(services, request, reply, run, key);
  }
  const onlyRejected = (request.query as Record<string, unknown>).show === 'rejected';
  const chosen = onlyRejected ? report.rows.filter((r) => r.status === 'rejected') : report.rows;
  const rows = chosen.slice(0, MAX_REPORT_ROWS_SHOWN).map(reportRow);
  return view(request, reply, 'registration-report.njk', {
    title: 'Import report',
    report,
    rows,
    onlyRejected,
    reportHref: `/admin/register/import/${key}`,
    shownAll: rows.length === chosen.length,
    shown: rows.length,
  });
}

/** The rejected rows as a CSV file to put right and send again (the report's own rows, cells as the file had them). */
export async function rejectedRows({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { key } = request.params as { key: string };
  const report = await storedImportReport(ctx, actorOf(request), key);
  if (!report) throw notFound('page');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="rejected-rows.csv"')
    .header('cache-control', 'no-store')
    .send(rejectedRowsCsv(report));
}
