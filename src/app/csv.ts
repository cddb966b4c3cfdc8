// A small RFC 4180 CSV reader for the registration import: fields separated by commas,
// records by CRLF or LF (a lone CR too), fields in double quotes may hold commas, line
// breaks and doubled quotes (""). A UTF-8 byte order mark is dropped, blank lines are
// skipped, and each record keeps the line it starts on so a report can point at it.
// Malformed quoting is an error for the whole file: after an unmatched quote no later
// record can be trusted.

export type CsvRecord = { line: number; fields: string[] };

export class CsvError extends Error {
  readonly line: number;
  readonly kind: 'malformed' | 'too-many-records';

  constructor(kind: 'malformed' | 'too-many-records', line: number, message: string) {
    super(message);
    this.kind = kind;
    this.line = line;
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** Parses CSV text into records; `maxRecords` stops early (before the whole text is read) when exceeded. */
export function parseCsv(text: string, options: { maxRecords?: number } = {}): CsvRecord[] {
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: CsvRecord[] = [];
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted field: runs to the quote not followed by another quote.
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) throw new CsvError('malformed', startLine, `line ${startLine}: a quoted field is not closed`);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        line += countLineBreaks(value);
        fields.push(value);
        const next = text.charCodeAt(i);
        if (i < length && next !== COMMA && next !== LF && next !== CR)
          throw new CsvError('malformed', line, `line ${line}: text after the closing quote of a field (a quote inside a field is written "")`);
      } else {
        let j = i;
        for (; j < length; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE)
            throw new CsvError('malformed', line, `line ${line}: a quote inside an unquoted field (put the field in quotes and write the quote as "")`);
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of the record: CRLF, LF, a lone CR, or the end of the text.
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      if (c === CR || c === LF) line++;
      break;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) {
      if (records.length >= maxRecords) throw new CsvError('too-many-records', startLine, `more than ${maxRecords} records`);
      records.push({ line: startLine, fields });
    }
  }
  return records;
}

function countLineBreaks(value: string): number {
  let n = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === LF) n++;
    else if (c === CR && value.charCodeAt(k + 1) !== LF) n++;
  }
  return n;
}

/** One field as CSV: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/**
 * Why a record cannot be imported as it stands, when a field holds a NUL (PostgreSQL text
 * refuses it) or a lone UTF-16 surrogate (it has no UTF-8 form, and jsonb, where the audit
 * entry keeps the row, refuses it): the import refuses that row with INVALID_CHARACTER
 * instead of failing at the database. Text decoded from a file's bytes has no lone
 * surrogates (invalid UTF-8 becomes U+FFFD), but a caller's string may.
 */
export function invalidCharacterIn(columns: readonly string[], fields: readonly string[]): { code: string; column: string; message: string } | null {
  const k = fields.findIndex((f) => f.includes('\u0000') || !f.isWellFormed());
  if (k < 0) return null;
  const column = columns[k] ?? `field ${k + 1}`;
  return { code: 'INVALID_CHARACTER', column, message: `${column}: holds a character that cannot be stored (a NUL or a broken character)` };
}

/** A field as a report may show and store it: what cannot be stored becomes U+FFFD. */
export function shown(field: string): string {
  return field.toWellFormed().replaceAll('\u0000', '\ufffd');
}
