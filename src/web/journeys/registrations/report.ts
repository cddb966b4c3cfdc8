// An import's stored report: each row of the file, imported, held or rejected, with its reasons.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportRow } from '../../../app/bulk-import.ts';
import { notFound } from '../../../app/errors.ts';
import type { ImportReason } from '../../../app/import-file.ts';
import { rejectedRowsCsv, storedImportReport } from '../../../app/import-reports.ts';
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

export async function showReport({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { key } = request.params as { key: string };
  const report = await storedImportReport(ctx, actorOf(request), key);
  if (!report) throw notFound('page');
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
