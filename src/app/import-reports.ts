// A CSV import sent from the pages: run once per form (the form's key is its idempotency
// key, so sending the same form again returns the first report and imports nothing more),
// and its report kept so the page can redirect after the POST and show it.

import type { Actor } from '../domain/access/access.ts';
import { storedKey as storedKeyRow } from '../store/repositories/idempotency.repository.ts';
import { type ImportReport, type ImportRow, importRegistrations } from './bulk-import.ts';
import type { AppContext } from './context.ts';
import { csvField } from './csv.ts';
import { AppError } from './errors.ts';
import { idempotent } from './idempotency.ts';
import { isUuid } from './ids.ts';
import { IMPORT_COLUMNS, PROBLEM_COLUMN, PROVIDER_UKPRN_COLUMN } from './import-file.ts';

const storedKey = (key: string) => `web-import:${key}`;

/** Imports the file once for this form key; a key already used for a different file is refused (IDEMPOTENCY_KEY_REUSED). */
export async function importOnce(ctx: AppContext, actor: Actor, key: string, csvText: string): Promise<ImportReport> {
  if (!isUuid(key)) throw new AppError(400, 'BAD_IMPORT_KEY', 'the form has no import key: reload the page and try again');
  const stored = await idempotent(ctx, actor.userId, storedKey(key), csvText, async () => ({
    status: 200,
    body: await importRegistrations(ctx, actor, csvText, { keepCells: true }),
  }));
  return stored.body as ImportReport;
}

/** The report of this actor's import under `key`; null when there is none (or it is someone else's). */
export async function storedImportReport(ctx: AppContext, actor: Actor, key: string): Promise<ImportReport | null> {
  if (!isUuid(key)) return null;
  const row = await storedKeyRow(ctx.db, actor.userId, storedKey(key));
  return row && row.status === 200 ? (row.response as ImportReport) : null;
}

type Rejected = Extract<ImportRow, { status: 'rejected' }>;

/** A reason as one sentence that names its column. */
const problemText = (row: Rejected) =>
  row.reasons.map((r) => (r.column && !r.message.startsWith(`${r.column}: `) ? `${r.column}: ${r.message}` : r.message)).join('; ');

/**
 * The rejected rows as a CSV file to put right and import again: the file's own columns (in
 * the import's order) with each cell as it was, and a last column saying what was wrong,
 * which the import ignores when the file comes back.
 */
export function rejectedRowsCsv(report: ImportReport): string {
  const rejected = report.rows.filter((r): r is Rejected => r.status === 'rejected');
  const present = new Set(rejected.flatMap((r) => (r.values ?? []).map((v) => v.column)));
  const columns = [...Object.keys(IMPORT_COLUMNS), PROVIDER_UKPRN_COLUMN].filter((c) => present.has(c));
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  return (
    line([...columns, PROBLEM_COLUMN]) +
    rejected.map((r) => line([...columns.map((c) => r.values?.find((v) => v.column === c)?.value ?? ''), problemText(r)])).join('')
  );
}
