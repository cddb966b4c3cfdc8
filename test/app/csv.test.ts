import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvField, invalidCharacterIn, parseCsv, shown, toCsv } from '../../src/app/csv.ts';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);
const lines = (text: string) => parseCsv(text).map((r) => r.line);

describe('parseCsv (RFC 4180)', () => {
  it('reads fields and records, with or without a final line break', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('takes CRLF, LF and a lone CR as line breaks', () => {
    expect(fields('a,b\r\n1,2\r\n3,4\r5,6\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('keeps empty fields, leading and trailing', () => {
    expect(fields(',a,,\n')).toEqual([['', 'a', '', '']]);
    expect(fields('a,\r\n')).toEqual([['a', '']]);
  });

  it('reads quoted fields holding commas, line breaks and doubled quotes', () => {
    expect(fields('"a,b","say ""hi""","line 1\r\nline 2",""\r\nx,y,z,w')).toEqual([
      ['a,b', 'say "hi"', 'line 1\r\nline 2', ''],
      ['x', 'y', 'z', 'w'],
    ]);
    expect(fields('""""')).toEqual([['"']]);
  });

  it('keeps spaces (trimming is the reader’s choice)', () => {
    expect(fields(' a , b \n')).toEqual([[' a ', ' b ']]);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(fields('\uFEFFuln,name\n1,2\n')).toEqual([
      ['uln', 'name'],
      ['1', '2'],
    ]);
  });

  it('skips blank lines and numbers records by the line they start on', () => {
    const text = 'h1,h2\n\n"a\nb",c\r\n\r\nd,e\n\n';
    expect(fields(text)).toEqual([
      ['h1', 'h2'],
      ['a\nb', 'c'],
      ['d', 'e'],
    ]);
    expect(lines(text)).toEqual([1, 3, 6]);
    expect(lines('a\r\n"x\r\ny\r\nz"\r\nb')).toEqual([1, 2, 5]);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\r\n\n')).toEqual([]);
  });

  it('refuses malformed quoting with the line it is on', () => {
    const error = (text: string) => {
      try {
        parseCsv(text);
      } catch (e) {
        return e instanceof CsvError ? { kind: e.kind, line: e.line, message: e.message } : e;
      }
      return undefined;
    };
    expect(error('a,b\n"open,c\nd,e\n')).toMatchObject({ kind: 'malformed', line: 2, message: expect.stringContaining('not closed') });
    expect(error('a,b\nc,"d"e\n')).toMatchObject({ kind: 'malformed', line: 2, message: expect.stringContaining('after the closing quote') });
    expect(error('a,b\nc,O"Brien\n')).toMatchObject({ kind: 'malformed', line: 2, message: expect.stringContaining('unquoted field') });
  });

  it('stops at maxRecords without reading the rest', () => {
    expect(parseCsv('a\nb\nc\n', { maxRecords: 3 })).toHaveLength(3);
    expect(() => parseCsv('a\nb\nc\nd\n', { maxRecords: 3 })).toThrow(CsvError);
    try {
      parseCsv('a\nb\nc\nd\n', { maxRecords: 3 });
    } catch (e) {
      expect((e as CsvError).kind).toBe('too-many-records');
    }
  });

  it('reads back what toCsv writes, for any fields', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '1') });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }))
      // A record whose only field is empty is a blank line, which the reader skips.
      .filter((rows) => rows.every((row) => row.length > 1 || row[0] !== ''));
    fc.assert(
      fc.property(table, (rows) => {
        expect(fields(toCsv(rows))).toEqual(rows);
      }),
    );
  });

  it('quotes a field only when it must', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});

describe('fields that cannot be stored', () => {
  it('names the first field holding a NUL or a lone surrogate, by its column', () => {
    expect(invalidCharacterIn(['uln', 'given_names'], ['1234567890', 'Zoë 😀'])).toBeNull();
    expect(invalidCharacterIn(['uln', 'given_names'], ['1234567890', 'A\u0000'])).toMatchObject({ code: 'INVALID_CHARACTER', column: 'given_names' });
    expect(invalidCharacterIn(['uln', 'given_names'], ['\udc00', 'A'])).toMatchObject({ code: 'INVALID_CHARACTER', column: 'uln' });
    expect(invalidCharacterIn(['uln'], ['1', 'extra\u0000'])).toMatchObject({ column: 'field 2' });
  });

  it('a file decoded from bytes has no lone surrogate: invalid UTF-8 becomes U+FFFD', () => {
    const text = new TextDecoder().decode(new Uint8Array([0x61, 0xed, 0xb0, 0x80, 0xff, 0x0a]));
    expect(text.isWellFormed()).toBe(true);
    expect(invalidCharacterIn(['a'], fields(text)[0] ?? [])).toBeNull();
  });

  it('shows such a field without the characters that cannot be stored', () => {
    expect(shown('12\u00003\udc00')).toBe('12\ufffd3\ufffd');
    expect(shown('plain')).toBe('plain');
  });
});
