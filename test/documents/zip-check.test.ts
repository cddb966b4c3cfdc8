// The cheap look at a .docx's central directory: entry counts and declared sizes are
// refused before anything is inflated, and entries are found where JSZip would find them.
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../../src/documents/limits.ts';
import { zipDirectory } from '../../src/documents/zip-check.ts';
import { docxBomb, docxEntries, docxManyEntries, zipOf } from '../fixtures/bombs.ts';
import { docx, words } from '../fixtures/documents.ts';

const MB = 1_048_576;
const limits = { entries: DOCUMENT_LIMITS.entries, unpackedBytes: DOCUMENT_LIMITS.unpackedBytes };
const u16At = (bytes: Uint8Array, at: number, value: number) => Buffer.from(bytes.buffer, bytes.byteOffset).writeUInt16LE(value, at);
const u32At = (bytes: Uint8Array, at: number, value: number) => Buffer.from(bytes.buffer, bytes.byteOffset).writeUInt32LE(value >>> 0, at);

describe('zipDirectory', () => {
  it('lists the entries of a real Word document, with where each one’s data starts', () => {
    const bytes = docx(['Work-based project report', ...words(100)]);
    const look = zipDirectory(bytes, limits);
    expect(look.ok).toBe(true);
    if (!look.ok) return;
    expect(look.value.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const document = look.value[2];
    expect(Buffer.from(bytes.subarray(document?.dataStart, (document?.dataStart ?? 0) + 20)).toString()).toBe('<?xml version="1.0" ');
  });

  it('refuses more entries than the limit, whether the end record says so or not', () => {
    expect(zipDirectory(docxManyEntries(5000), limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: '5003 entries, more than 1000' });
    expect(zipDirectory(docxManyEntries(997), limits).ok).toBe(true);
    expect(zipDirectory(docxManyEntries(998), limits)).toMatchObject({ ok: false, kind: 'too-complex' });
    // The end record claims 3 entries; JSZip reads every entry that follows, and so does the look.
    const lying = docxManyEntries(1500);
    u16At(lying, lying.length - 22 + 8, 3);
    u16At(lying, lying.length - 22 + 10, 3);
    expect(zipDirectory(lying, limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: 'more than 1000 entries' });
  });

  it('refuses declared sizes past the unpacked limit, before inflating anything', () => {
    expect(zipDirectory(docxBomb(300 * MB), limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: expect.stringContaining('declares 300 MB') });
    // A stored entry is as large as its data, whatever it declares.
    const entries = docxEntries().map((e) => (e.name === '_rels/.rels' ? { ...e, size: 1 } : e));
    const total = entries.reduce((sum, e) => sum + e.data.length, 0);
    expect(zipDirectory(zipOf(entries), { entries: 1000, unpackedBytes: total })).toMatchObject({ ok: true });
    expect(zipDirectory(zipOf(entries), { entries: 1000, unpackedBytes: total - 1 })).toMatchObject({ ok: false, kind: 'too-complex' });
  });

  it('passes sizes that lie small: only inflating shows them (see inflate-guard)', () => {
    expect(zipDirectory(docxBomb(300 * MB, 1000), limits).ok).toBe(true);
  });

  it('refuses ZIP64, which no Word document needs', () => {
    const bytes = docx(['A report']);
    u16At(bytes, bytes.length - 22 + 10, 0xffff);
    expect(zipDirectory(bytes, limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: 'a ZIP64 archive' });
    const entry = docx(['A report']);
    const central = Buffer.from(entry).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    u32At(entry, central + 24, 0xffffffff);
    expect(zipDirectory(entry, limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: 'a ZIP64 entry' });
  });

  it('finds entries after data prepended to the archive, as JSZip does', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.alloc(100, 0x20), docx(['A report'])]));
    const look = zipDirectory(bytes, limits);
    expect(look.ok && look.value.map((e) => e.dataStart)).toEqual(
      ((l) => (l.ok ? l.value.map((e) => e.dataStart + 100) : null))(zipDirectory(docx(['A report']), limits)),
    );
  });

  it('calls what is not a whole archive unreadable', () => {
    expect(zipDirectory(new Uint8Array(Buffer.from('PK\x03\x04 not really')), limits)).toMatchObject({ ok: false, kind: 'unreadable' });
    const cut = docx(['A report']);
    expect(zipDirectory(cut.subarray(0, cut.length - 30), limits)).toMatchObject({ ok: false, kind: 'unreadable' });
    const overrun = docx(['A report']);
    u32At(overrun, overrun.length - 22 + 16, overrun.length);
    expect(zipDirectory(overrun, limits)).toMatchObject({ ok: false, kind: 'unreadable' });
  });
});
