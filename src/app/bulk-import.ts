// Registering many apprentices from one CSV file, with a report row by row.
//
// The file: UTF-8 CSV (RFC 4180, see csv.ts), a header row naming the columns, then one
// apprentice per row. Column names are matched without regard to case, and spaces or
// hyphens count as underscores ("Given names" is given_names). Columns in any order;
// a column not listed here refuses the file (a misspelt column would otherwise lose data).
//
//   column              required  value
//   uln                 yes       the 10-digit Unique Learner Number (9999999999 = temporary)
//   given_names         yes       1–100 characters
//   family_name         yes       1–100 characters
//   date_of_birth       yes       YYYY-MM-DD
//   employer_id         yes       the employer's id in Capstone (a UUID)
//   standard            yes       the standard version, e.g. ST0071@1.2
//   start_date          yes       the apprenticeship's start, YYYY-MM-DD
//   provider_id         EPAO      the training provider's id; a provider's own file may leave it
//                                 out (it is the provider), an EPAO user must give it
//   email               no        the apprentice's email address
//   ehcp                no        yes/no (also true/false, y/n, 1/0): holds an EHC plan; default no
//   policy              no        the EPAO policy, e.g. PAL; empty = none
//   planned_end_date    no        YYYY-MM-DD
//   channel             no        face-to-face, non-facing or both (required by standards graded by channel)
//   extra_time_percent  no        a whole number 0–100; default 0
//   adjustments         no        reasonable adjustments, up to 2,000 characters
//
// Every row is checked exactly as a single registration is: RegisterInput, then
// validateRegistration (ULN check digit, standard and policy, channel, dates, provider and
// employer, and whether this user may register for that provider), with the organisations
// the file names read once. Then, as requestRegistration (records.ts) decides one
// (import-rows.ts):
//
// - the ULN names one person (domain/registration/identity.ts): a row giving a ULN on
//   record to another family name or date of birth is refused ULN_IDENTITY_MISMATCH, and
//   so is a row giving it to another person than an earlier line of the file did;
// - a row that would be a second active EPA record for the same ULN and standard with the
//   same provider, already on record or earlier in the file, is refused (DUPLICATE_...);
// - a row whose apprentice is active for the standard with another provider is held for
//   the EPAO ('held', with the held registration's id), never refused with that record's
//   details; a row for a clash already open is that same held registration.
// The temporary ULN is shared and exempt from all three, as in the database.
//
// The rows that pass are written in ONE transaction: apprentices (only people not yet on
// record with that provider and employer), EPA records and held registrations in
// multi-row inserts, and one audit entry for each record ('register', as a single
// registration writes, with the file's line in `after.importLine`) and each new held
// registration ('hold'), in the same transaction. Either every valid row is
// written or none is: if the transaction fails (a registration made meanwhile hits a
// constraint), nothing is imported and the error says so (409 IMPORT_CONFLICT). The report
// lists every row: imported with its record id, held with its held registration's id, or
// rejected with its reasons.

import { type Actor, may } from '../domain/access/access.ts';
import { appendAuditMany } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { insertApprentices, insertRecords } from '../store/repositories/registration.repository.ts';
import { insertClashes } from '../store/repositories/registration-clashes.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { CsvError, invalidCharacterIn, parseCsv, shown } from './csv.ts';
import { AppError, badRequest, conflict, forbidden } from './errors.ts';
import { type Accepted, type Candidate, decideRows, type Held, requestOf } from './import-rows.ts';
import { RegisterInput, type RegisterRequest } from './inputs.ts';
import { isDuplicateRegistration, organisationKinds, validateRegistration } from './records.ts';
import { apprenticeValues, asPerson, HELD_MESSAGE, isSameClash, isSecondPerson } from './registration-steps.ts';

export const IMPORT_LIMITS = { rows: 20_000, bytes: 10 * 1_048_576 } as const;

/** Rows validated between two progress calls (and two yields to the event loop). */
const PROGRESS_EVERY = 500;

type Field = keyof RegisterRequest;

/** The file's columns and the RegisterInput field each fills. */
export const IMPORT_COLUMNS: Readonly<Record<string, { field: Field; required: boolean }>> = {
  uln: { field: 'uln', required: true },
  given_names: { field: 'givenNames', required: true },
  family_name: { field: 'familyName', required: true },
  date_of_birth: { field: 'dateOfBirth', required: true },
  employer_id: { field: 'employerId', required: true },
  standard: { field: 'standard', required: true },
  start_date: { field: 'startDate', required: true },
  provider_id: { field: 'providerId', required: false },
  email: { field: 'email', required: false },
  ehcp: { field: 'ehcp', required: false },
  policy: { field: 'policy', required: false },
  planned_end_date: { field: 'plannedEndDate', required: false },
  channel: { field: 'channel', required: false },
  extra_time_percent: { field: 'extraTimePercent', required: false },
  adjustments: { field: 'adjustments', required: false },
};

const COLUMN_OF_FIELD = new Map(Object.entries(IMPORT_COLUMNS).map(([column, { field }]) => [field as string, column]));

export type ImportReason = { code: string; message: string; column?: string };

export type ImportRow =
  | { line: number; uln: string; status: 'imported'; recordId: string; warnings?: ImportReason[] }
  | { line: number; uln: string; status: 'held'; heldId: string; reasons: ImportReason[] }
  | { line: number; uln: string; status: 'rejected'; reasons: ImportReason[] };

export type ImportReport = { total: number; imported: number; held: number; rejected: number; rows: ImportRow[] };

export type ImportProgress = { validated: number; total: number };

export type ImportOptions = { onProgress?: (progress: ImportProgress) => void };

export async function importRegistrations(ctx: AppContext, actor: Actor, csvText: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!may(actor, 'register')) throw forbidden();
  const bytes = Buffer.byteLength(csvText, 'utf8');
  if (bytes > IMPORT_LIMITS.bytes)
    throw new AppError(413, 'TOO_LARGE', `the file is ${(bytes / 1_048_576).toFixed(1)} MB; an import takes at most ${IMPORT_LIMITS.bytes / 1_048_576} MB`);

  const { columns, records } = readFile(csvText);
  const total = records.length;
  const rows: (ImportRow | undefined)[] = new Array(total);
  const reject = (index: number, uln: string, reasons: ImportReason[]) => {
    rows[index] = { line: (records[index] as (typeof records)[number]).line, uln, status: 'rejected', reasons };
  };

  // 1. Shape: each row through the same Zod schema as POST /records.
  const parsed: { index: number; line: number; input: RegisterRequest }[] = [];
  const organisationIds = new Set<string>(actor.organisationId ? [actor.organisationId] : []);
  const ulnColumn = columns.indexOf('uln');
  for (const [index, record] of records.entries()) {
    const uln = shown(cell(record.fields, ulnColumn));
    const invalid = invalidCharacterIn(columns, record.fields);
    if (invalid) {
      reject(index, uln, [invalid]);
      continue;
    }
    if (record.fields.length !== columns.length) {
      reject(index, uln, [
        {
          code: 'CSV_FIELD_COUNT',
          message: `the row has ${record.fields.length} fields; the header has ${columns.length} (a comma inside a value needs quotes)`,
        },
      ]);
      continue;
    }
    const result = rowInput(columns, record.fields);
    if (!result.ok) {
      reject(index, uln, result.reasons);
      continue;
    }
    parsed.push({ index, line: record.line, input: result.input });
    if (result.input.providerId) organisationIds.add(result.input.providerId);
    organisationIds.add(result.input.employerId);
  }

  // 2. The rules, exactly as for one registration, with the organisations read once.
  const organisations = await organisationsById(ctx.db, [...organisationIds]);
  const candidates: Candidate[] = [];
  let validated = total - parsed.length;
  options.onProgress?.({ validated, total });
  for (const [n, row] of parsed.entries()) {
    try {
      const valid = await validateRegistration(ctx, actor, row.input, organisations);
      candidates.push({ index: row.index, line: row.line, valid });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reject(row.index, row.input.uln, [{ code: error.code, message: error.message }]);
    }
    validated++;
    if ((n + 1) % PROGRESS_EVERY === 0) {
      options.onProgress?.({ validated, total });
      await new Promise((resolve) => setImmediate(resolve)); // let other requests in
    }
  }
  if (parsed.length % PROGRESS_EVERY !== 0) options.onProgress?.({ validated, total });

  // 3. One person per ULN, one active EPA record per ULN and standard: against the records, then within the file.
  const { accepted, held } = await decideRows(ctx.db, candidates, reject);

  // 4. All valid rows in one transaction, or none.
  if (accepted.length > 0 || held.some((h) => h.isNew)) await writeAll(ctx, actor, accepted, held);
  for (const c of accepted) {
    const row: ImportRow = { line: c.line, uln: c.valid.record.uln, status: 'imported', recordId: c.recordId };
    if (c.valid.warnings.length > 0) row.warnings = c.valid.warnings.map((w) => ({ code: w.code, message: w.message }));
    rows[c.index] = row;
  }
  for (const h of held)
    rows[h.index] = {
      line: h.line,
      uln: h.valid.record.uln,
      status: 'held',
      heldId: h.clashId,
      reasons: [{ code: 'REGISTRATION_HELD', message: HELD_MESSAGE }],
    };
  const report = rows as ImportRow[];
  return { total, imported: accepted.length, held: held.length, rejected: total - accepted.length - held.length, rows: report };
}

/** The header's columns and the data records; refuses a file whose header cannot be used. */
function readFile(csvText: string): { columns: string[]; records: { line: number; fields: string[] }[] } {
  let all: ReturnType<typeof parseCsv>;
  try {
    all = parseCsv(csvText, { maxRecords: IMPORT_LIMITS.rows + 1 });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.kind === 'too-many-records')
      throw new AppError(413, 'IMPORT_TOO_MANY_ROWS', `an import takes at most ${IMPORT_LIMITS.rows.toLocaleString('en-GB')} rows: split the file`);
    throw badRequest('CSV_MALFORMED', `the file is not valid CSV: ${error.message}; nothing was imported`, { line: error.line });
  }
  const [header, ...records] = all;
  if (!header) throw badRequest('IMPORT_EMPTY', 'the file is empty: it needs a header row and one row per apprentice');
  const columns = header.fields.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const unknown = columns.filter((c) => !Object.hasOwn(IMPORT_COLUMNS, c));
  if (unknown.length > 0)
    throw badRequest(
      'IMPORT_UNKNOWN_COLUMNS',
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} (the columns are ${Object.keys(IMPORT_COLUMNS).join(', ')})`,
      { columns: unknown },
    );
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) throw badRequest('IMPORT_REPEATED_COLUMNS', `the header names ${[...new Set(repeated)].join(', ')} more than once`);
  const missing = Object.entries(IMPORT_COLUMNS)
    .filter(([c, { required }]) => required && !columns.includes(c))
    .map(([c]) => c);
  if (missing.length > 0)
    throw badRequest('IMPORT_MISSING_COLUMNS', `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`, { columns: missing });
  if (records.length === 0) throw badRequest('IMPORT_NO_ROWS', 'the file has a header but no apprentices');
  return { columns, records };
}

const cell = (fields: string[], k: number) => (k >= 0 ? (fields[k] ?? '').trim() : '');

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** One row as a registration request: empty cells are left out (so defaults apply), then RegisterInput. */
function rowInput(columns: string[], fields: string[]): { ok: true; input: RegisterRequest } | { ok: false; reasons: ImportReason[] } {
  const input: Record<string, unknown> = {};
  const reasons: ImportReason[] = [];
  columns.forEach((column, k) => {
    const value = cell(fields, k);
    if (value === '') return;
    const { field } = IMPORT_COLUMNS[column] as { field: Field };
    if (field === 'ehcp') {
      const answer = value.toLowerCase();
      if (YES.has(answer)) input.ehcp = true;
      else if (NO.has(answer)) input.ehcp = false;
      else reasons.push({ code: 'VALIDATION_FAILED', column, message: `${column}: must be yes or no, not "${value}"` });
    } else if (field === 'extraTimePercent') {
      if (/^\d{1,3}$/.test(value)) input.extraTimePercent = Number(value);
      else reasons.push({ code: 'VALIDATION_FAILED', column, message: `${column}: must be a whole number from 0 to 100, not "${value}"` });
    } else input[field] = value;
  });
  const result = RegisterInput.safeParse(input);
  if (!result.success)
    for (const issue of result.error.issues) {
      const column = COLUMN_OF_FIELD.get(String(issue.path[0] ?? '')) ?? String(issue.path[0] ?? '');
      const missing = issue.code === 'invalid_type' && input[String(issue.path[0])] === undefined;
      reasons.push({ code: 'VALIDATION_FAILED', column, message: missing ? `${column}: is required` : `${column}: ${issue.message}` });
    }
  return reasons.length > 0 || !result.success ? { ok: false, reasons } : { ok: true, input: result.data };
}

/** Kinds of the organisations named, read in chunks (one query per 1,000 ids). */
async function organisationsById(db: Db, ids: string[]): Promise<Map<string, string>> {
  const kinds = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) for (const [id, kind] of await organisationKinds(db, ids.slice(i, i + 1000))) kinds.set(id, kind);
  return kinds;
}

async function writeAll(ctx: AppContext, actor: Actor, accepted: Accepted[], held: Held[]): Promise<void> {
  const clashes = held.filter((h) => h.isNew);
  try {
    await inTransaction(ctx.db, async (trx) => {
      const people = accepted.filter((c) => c.newApprentice);
      await insertApprentices(
        trx,
        people.map((c) => apprenticeValues(c.apprenticeId, asPerson(c.valid.apprentice, c.person))),
      );
      await insertRecords(
        trx,
        accepted.map((c) => ({ id: c.recordId, apprenticeId: c.apprenticeId, ...c.valid.record })),
      );
      const clashValues = clashes.map((h) => ({
        id: h.clashId,
        uln: h.valid.record.uln,
        standard: h.valid.record.standard,
        standardCode: h.valid.record.standardCode,
        existingRecordId: h.existingRecordId,
        requestedProviderId: h.valid.apprentice.providerId,
        requestedBy: actor.userId,
        requestedOn: h.valid.record.registeredOn,
        request: requestOf(h.valid),
      }));
      await insertClashes(trx, clashValues);
      await appendAuditMany(trx, [
        ...accepted.map((c) => ({
          actorId: actor.userId,
          actor: actor.name,
          action: 'register',
          entity: 'epa-record',
          entityId: c.recordId,
          after: { ...c.valid.apprentice, ...c.valid.record, apprenticeId: c.apprenticeId, importLine: c.line },
        })),
        ...clashValues.map((v, k) => ({
          actorId: actor.userId,
          actor: actor.name,
          action: 'hold',
          entity: 'registration-clash',
          entityId: v.id,
          after: { ...v, status: 'open', importLine: clashes[k]?.line },
        })),
      ]);
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDuplicateRegistration(error) || isSecondPerson(error) || isSameClash(error)) {
      const key = /=\(([^,]+), ([^)]+)\)/.exec(String((error as { detail?: string }).detail ?? ''));
      // The ULN only: the other half of a person's key is a name and a date of birth.
      const which = key ? (isDuplicateRegistration(error) ? `ULN ${key[1]} for ${key[2]}` : `ULN ${key[1]}`) : 'one of its ULNs';
      throw conflict(
        'IMPORT_CONFLICT',
        `nothing was imported: ${which} was registered by someone else while the file was being imported; send the file again to see which rows are now duplicates`,
      );
    }
    const failed = new AppError(500, 'IMPORT_FAILED', 'nothing was imported: the database did not take the rows; the file can be sent again');
    failed.cause = error;
    throw failed;
  }
}
