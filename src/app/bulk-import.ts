// Registering many apprentices from one CSV file, with a report row by row.
//
// The file's format is described in import-file.ts.
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
import { invalidCharacterIn, shown } from './csv.ts';
import { AppError, conflict, forbidden } from './errors.ts';
import { cell, columnOf, EMPLOYER_REFERENCE_COLUMN, IMPORT_LIMITS, type ImportReason, PROVIDER_UKPRN_COLUMN, readFile, rowInput } from './import-file.ts';
import { isSameReference, type NamedOrganisations, type NewEmployer, namedOrganisations, providerOfUkprn, writeEmployers } from './import-organisations.ts';
import { type Accepted, type Candidate, decideRows, type Held, requestOf } from './import-rows.ts';
import type { RegisterRequest } from './inputs.ts';
import { isDuplicateRegistration, organisationKinds, validateRegistration } from './records.ts';
import { apprenticeValues, asPerson, HELD_MESSAGE, isSameClash, isSecondPerson } from './registration-steps.ts';

/** Rows validated between two progress calls (and two yields to the event loop). */
const PROGRESS_EVERY = 500;

/**
 * Each row of the file: its line and ULN, and what became of it. With `keepCells`, also the
 * apprentice's name as written and a rejected row's cells (a list, not an object keyed by
 * column, as a stored report's keys would be renamed on reading), so the pages can name each
 * row and offer the rejected ones back to put right.
 */
export type ImportRow =
  | { line: number; uln: string; name?: string; status: 'imported'; recordId: string; warnings?: ImportReason[] }
  | { line: number; uln: string; name?: string; status: 'held'; heldId: string; reasons: ImportReason[] }
  | { line: number; uln: string; name?: string; status: 'rejected'; reasons: ImportReason[]; values?: { column: string; value: string }[] };

export type ImportReport = { total: number; imported: number; held: number; rejected: number; rows: ImportRow[] };

export type ImportProgress = { validated: number; total: number };

export type ImportOptions = {
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Keep the names and the rejected rows' cells (the pages' report and its download). The API
   * and the CLI answer without them: a report says nothing of a person beyond the ULN, so a
   * held row cannot be read as news about the person on record.
   */
  keepCells?: boolean;
  /** Create the employers the file names by a reference not on record (employer_reference, employer_name); the EPAO's alone. */
  createEmployers?: boolean;
};

/** Text that cannot be stored (a NUL, a lone surrogate) shown as the replacement character. */
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD').toWellFormed();

/**
 * The file as a whole, before any row is looked at: who may import, its size, that it is CSV
 * with known columns and not too many rows. A refusal here is of the whole file.
 */
export function checkImportFile(actor: Actor, csvText: string): ReturnType<typeof readFile> {
  if (!may(actor, 'register')) throw forbidden();
  const bytes = Buffer.byteLength(csvText, 'utf8');
  if (bytes > IMPORT_LIMITS.bytes)
    throw new AppError(413, 'TOO_LARGE', `the file is ${(bytes / 1_048_576).toFixed(1)} MB; an import takes at most ${IMPORT_LIMITS.bytes / 1_048_576} MB`);
  return readFile(csvText);
}

export async function importRegistrations(ctx: AppContext, actor: Actor, csvText: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { columns, records } = checkImportFile(actor, csvText);
  const total = records.length;
  const rows: (ImportRow | undefined)[] = new Array(total);
  const keep = options.keepCells === true;
  const nameOf = (index: number) => (keep ? { name: storable(nameIn(columns, (records[index] as (typeof records)[number]).fields)) } : {});
  const reject = (index: number, uln: string, reasons: ImportReason[]) => {
    const record = records[index] as (typeof records)[number];
    const values = keep ? { values: columns.map((column, k) => ({ column, value: storable(cell(record.fields, k)) })) } : {};
    rows[index] = { line: record.line, uln, ...nameOf(index), status: 'rejected', reasons, ...values };
  };

  const named = await namedOrganisations(ctx.db, actor, columns, records, options.createEmployers === true);
  const parsed = shapeRows(actor, columns, records, reject, named);
  const candidates = await validateRows(ctx, actor, parsed, { total, reject, onProgress: options.onProgress, created: named.employers.created });
  // One person per ULN, one active EPA record per ULN and standard: against the records, then within the file.
  const { accepted, held } = await decideRows(ctx.db, candidates, reject);
  // All valid rows in one transaction, or none; with them, the employers they name that are new.
  const used = new Set([...accepted.map((c) => c.valid.apprentice.employerId), ...held.filter((h) => h.isNew).map((h) => h.valid.apprentice.employerId)]);
  const employers = [...named.employers.created.values()].filter((e) => used.has(e.id));
  if (accepted.length > 0 || held.some((h) => h.isNew)) await writeAll(ctx, actor, { accepted, held, employers });
  for (const c of accepted) rows[c.index] = importedRow(c, nameOf(c.index));
  for (const h of held) rows[h.index] = heldRow(h, nameOf(h.index));
  return { total, imported: accepted.length, held: held.length, rejected: total - accepted.length - held.length, rows: rows as ImportRow[] };
}

type Reject = (index: number, uln: string, reasons: ImportReason[]) => void;
type Parsed = { rows: { index: number; line: number; input: RegisterRequest }[]; organisationIds: Set<string> };

/** Each row's shape through the same Zod schema as POST /records, and the organisations the rows name. */
function shapeRows(actor: Actor, columns: string[], records: { line: number; fields: string[] }[], reject: Reject, named: NamedOrganisations): Parsed {
  const ukprnColumn = columns.indexOf(PROVIDER_UKPRN_COLUMN);
  const referenceColumn = columns.indexOf(EMPLOYER_REFERENCE_COLUMN);
  const rows: Parsed['rows'] = [];
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
    const reference = cell(record.fields, referenceColumn);
    const employer = reference === '' ? null : named.employers.employerOf(reference);
    if (employer && !('id' in employer)) {
      reject(index, uln, [employer]);
      continue;
    }
    const result = rowInput(columns, record.fields, employer ? { employerId: employer.id } : {});
    if (!result.ok) {
      reject(index, uln, result.reasons);
      continue;
    }
    if (employer && result.input.employerId !== employer.id) {
      reject(index, uln, [
        { code: 'UNKNOWN_EMPLOYER', column: EMPLOYER_REFERENCE_COLUMN, message: `${EMPLOYER_REFERENCE_COLUMN}: names another employer than employer_id` },
      ]);
      continue;
    }
    const ukprn = cell(record.fields, ukprnColumn);
    if (ukprn !== '') {
      const provider = providerOfUkprn(ukprn, result.input.providerId, named.ukprns);
      if (!('id' in provider)) {
        reject(index, uln, [provider]);
        continue;
      }
      result.input.providerId = provider.id;
    }
    rows.push({ index, line: record.line, input: result.input });
    if (result.input.providerId) organisationIds.add(result.input.providerId);
    organisationIds.add(result.input.employerId);
  }
  return { rows, organisationIds };
}

/** The rules, exactly as for one registration, with the organisations read once; progress told as it goes. */
async function validateRows(
  ctx: AppContext,
  actor: Actor,
  parsed: Parsed,
  run: { total: number; reject: Reject; onProgress: ImportOptions['onProgress']; created: ReadonlyMap<string, unknown> },
): Promise<Candidate[]> {
  const organisations = await organisationsById(ctx.db, [...parsed.organisationIds]);
  // The employers the file creates are employers, as far as the rows' checks go.
  for (const id of run.created.keys()) organisations.set(id, 'employer');
  const candidates: Candidate[] = [];
  const { total } = run;
  let validated = total - parsed.rows.length;
  run.onProgress?.({ validated, total });
  for (const [n, row] of parsed.rows.entries()) {
    try {
      const valid = await validateRegistration(ctx, actor, row.input, organisations);
      candidates.push({ index: row.index, line: row.line, valid });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const field = typeof error.details.field === 'string' ? error.details.field : undefined;
      run.reject(row.index, row.input.uln, [{ code: error.code, message: error.message, ...(field ? { column: columnOf(field) } : {}) }]);
    }
    validated++;
    if ((n + 1) % PROGRESS_EVERY === 0) {
      run.onProgress?.({ validated, total });
      await new Promise((resolve) => setImmediate(resolve)); // let other requests in
    }
  }
  if (parsed.rows.length % PROGRESS_EVERY !== 0) run.onProgress?.({ validated, total });
  return candidates;
}

/** The apprentice's name as the row writes it ("" where it has none). */
function nameIn(columns: string[], fields: string[]): string {
  return [cell(fields, columns.indexOf('given_names')), cell(fields, columns.indexOf('family_name'))].filter((part) => part !== '').join(' ');
}

function importedRow(c: Accepted, name: { name?: string }): ImportRow {
  const row: ImportRow = { line: c.line, uln: c.valid.record.uln, ...name, status: 'imported', recordId: c.recordId };
  if (c.valid.warnings.length > 0) row.warnings = c.valid.warnings.map((w) => ({ code: w.code, message: w.message }));
  return row;
}

function heldRow(h: Held, name: { name?: string }): ImportRow {
  return { line: h.line, uln: h.valid.record.uln, ...name, status: 'held', heldId: h.clashId, reasons: [{ code: 'REGISTRATION_HELD', message: HELD_MESSAGE }] };
}

/** Kinds of the organisations named, read in chunks (one query per 1,000 ids). */
async function organisationsById(db: Db, ids: string[]): Promise<Map<string, string>> {
  const kinds = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) for (const [id, kind] of await organisationKinds(db, ids.slice(i, i + 1000))) kinds.set(id, kind);
  return kinds;
}

async function writeAll(ctx: AppContext, actor: Actor, rows: { accepted: Accepted[]; held: Held[]; employers: NewEmployer[] }): Promise<void> {
  const { accepted, held } = rows;
  const clashes = held.filter((h) => h.isNew);
  try {
    await inTransaction(ctx.db, async (trx) => {
      await writeEmployers(trx, actor, rows.employers);
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
    if (isSameReference(error))
      throw conflict('IMPORT_CONFLICT', 'nothing was imported: an employer reference in the file was given to another employer meanwhile; send the file again');
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
