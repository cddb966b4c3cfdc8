// The apprentices list as a CSV file: every record the filters match, in the list's order,
// read a page at a time from its cursor and written as it is read, so a hundred thousand
// rows never sit in memory at once.
import type { Actor } from '../domain/access/access.ts';
import { recordScope } from '../domain/access/access.ts';
import { recordListPage } from '../store/repositories/record-list.repository.ts';
import type { AppContext } from './context.ts';
import { csvField } from './csv.ts';
import { decodeCursor, filterOf, type RecordListRequest } from './record-list.ts';
import { type EpaRecordView, toView } from './records.ts';

/** Rows read from the database at a time. */
const BATCH = 1000;

const COLUMNS: [string, (r: EpaRecordView) => string | null][] = [
  ['uln', (r) => r.apprentice.uln],
  ['givenNames', (r) => r.apprentice.givenNames],
  ['familyName', (r) => r.apprentice.familyName],
  ['dateOfBirth', (r) => r.apprentice.dateOfBirth],
  ['standard', (r) => r.standard],
  ['status', (r) => r.status],
  ['provider', (r) => r.provider.name],
  ['employer', (r) => r.employer.name],
  ['startDate', (r) => r.startDate],
  ['plannedEndDate', (r) => r.plannedEndDate],
  ['registeredOn', (r) => r.registeredOn],
  ['gatewayApprovedOn', (r) => r.gatewayApprovedOn],
  ['epaWindowStart', (r) => r.epaStart],
  ['epaWindowEnd', (r) => r.epaEnd],
  ['recordId', (r) => r.id],
];

/**
 * A field a spreadsheet would not run as a formula: text that starts with = + - @ or a tab
 * or carriage return gets a leading apostrophe (OWASP, CSV injection).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const line = (fields: readonly string[]) => `${fields.map((f) => csvField(spreadsheetSafe(f))).join(',')}\r\n`;

/** The CSV text, a batch of rows at a time; the cursor and limit of the query are ignored (the file has every match). */
export async function* exportRecords(ctx: AppContext, actor: Actor, query: RecordListRequest): AsyncGenerator<string> {
  const sort = query.sort ?? 'newest';
  const scope = recordScope(actor);
  const filter = filterOf(ctx, query);
  // A malformed cursor is still refused before the first byte, as the list refuses it.
  if (query.cursor) decodeCursor(sort, query.cursor);
  yield line(COLUMNS.map(([name]) => name));
  let after: { key: string[]; id: string } | null = null;
  for (;;) {
    const rows = await recordListPage(ctx.db, scope, filter, { sort, after, limit: BATCH });
    if (rows.length === 0) return;
    yield rows.map((row) => line(COLUMNS.map(([, value]) => value(toView(row)) ?? ''))).join('');
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1] as (typeof rows)[number];
    after = { key: last.sortKey, id: last.id };
  }
}
