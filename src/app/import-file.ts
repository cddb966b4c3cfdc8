// A registrations CSV file read as rows of registration requests: its header checked, each
// row's cells mapped onto RegisterInput (the same schema as POST /records).
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
//   provider_ukprn      no        the training provider by its UKPRN, in place of provider_id
//   employer_reference  no        the employer by the EPAO's reference for it, in place of
//                                 employer_id (then the employer_id column may be left out)
//   employer_name       no        the name of an employer created from its reference, when the
//                                 importer allows employers to be created

import { CsvError, parseCsv } from './csv.ts';
import { AppError, badRequest } from './errors.ts';
import { RegisterInput, type RegisterRequest } from './inputs.ts';

export const IMPORT_LIMITS = { rows: 20_000, bytes: 10 * 1_048_576 } as const;

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

/** The file's column for a registration field (date_of_birth for dateOfBirth); the field's own name where no column holds it. */
export const columnOf = (field: string): string => COLUMN_OF_FIELD.get(field) ?? field;

export type ImportReason = { code: string; message: string; column?: string };

/** The column a downloaded file of rejected rows adds, saying what was wrong; read back, it is ignored. */
export const PROBLEM_COLUMN = 'problem';

/** The training provider by its UKPRN (UK Register of Learning Providers), in place of provider_id. */
export const PROVIDER_UKPRN_COLUMN = 'provider_ukprn';

/** The employer by the EPAO's own reference for it, in place of employer_id. */
export const EMPLOYER_REFERENCE_COLUMN = 'employer_reference';

/** The name of an employer created from its reference (when the importer allows it). */
export const EMPLOYER_NAME_COLUMN = 'employer_name';

/** Columns read by the import itself rather than passed to the registration schema. */
const OWN_COLUMNS = new Set([PROBLEM_COLUMN, PROVIDER_UKPRN_COLUMN, EMPLOYER_REFERENCE_COLUMN, EMPLOYER_NAME_COLUMN]);

/** A required column the file may do without: employer_id, where employer_reference names the employer. */
const standsIn = (column: string, columns: readonly string[]) => column === 'employer_id' && columns.includes(EMPLOYER_REFERENCE_COLUMN);

/** The header's columns and the data records; refuses a file whose header cannot be used. */
export function readFile(csvText: string): { columns: string[]; records: { line: number; fields: string[] }[] } {
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
  const unknown = columns.filter((c) => !Object.hasOwn(IMPORT_COLUMNS, c) && !OWN_COLUMNS.has(c));
  if (unknown.length > 0)
    throw badRequest(
      'IMPORT_UNKNOWN_COLUMNS',
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} (the columns are ${Object.keys(IMPORT_COLUMNS).join(', ')})`,
      { columns: unknown },
    );
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) throw badRequest('IMPORT_REPEATED_COLUMNS', `the header names ${[...new Set(repeated)].join(', ')} more than once`);
  const missing = Object.entries(IMPORT_COLUMNS)
    .filter(([c, { required }]) => required && !columns.includes(c) && !standsIn(c, columns))
    .map(([c]) => c);
  if (missing.length > 0)
    throw badRequest('IMPORT_MISSING_COLUMNS', `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`, { columns: missing });
  if (records.length === 0) throw badRequest('IMPORT_NO_ROWS', 'the file has a header but no apprentices');
  return { columns, records };
}

export const cell = (fields: string[], k: number) => (k >= 0 ? (fields[k] ?? '').trim() : '');

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** One row as a registration request: empty cells are left out (so defaults apply), then RegisterInput. */
export function rowInput(
  columns: string[],
  fields: string[],
  prefill: Partial<RegisterRequest> = {},
): { ok: true; input: RegisterRequest } | { ok: false; reasons: ImportReason[] } {
  const input: Record<string, unknown> = { ...prefill };
  const reasons: ImportReason[] = [];
  columns.forEach((column, k) => {
    const value = cell(fields, k);
    if (value === '' || OWN_COLUMNS.has(column)) return;
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
