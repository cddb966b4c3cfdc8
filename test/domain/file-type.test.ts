import { describe, expect, it } from 'vitest';
import { ACCEPTED_TYPES, detectFileType, zipEntryNames } from '../../src/domain/evidence/file-type.ts';
import { docx, jpeg, pdf, png, zip } from '../fixtures/documents.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('file type by content', () => {
  it('recognises PDF, DOCX, PNG and JPEG by their bytes', () => {
    expect(detectFileType(pdf(['hello']))).toBe('pdf');
    expect(detectFileType(docx(['hello']))).toBe('docx');
    expect(detectFileType(png())).toBe('png');
    expect(detectFileType(jpeg())).toBe('jpeg');
  });

  it('ignores what the name or a leading text claims', () => {
    expect(detectFileType(text('%PDF'))).toBeNull(); // the header is %PDF- with the dash
    expect(detectFileType(text(' %PDF-1.7'))).toBeNull();
    expect(detectFileType(text('<html><body>report.pdf</body></html>'))).toBeNull();
    expect(detectFileType(new Uint8Array(0))).toBeNull();
    expect(detectFileType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(detectFileType(png().subarray(0, 7))).toBeNull();
  });

  it('takes a ZIP as a Word document only when it holds word/document.xml', () => {
    expect(detectFileType(zip([{ name: 'notes.txt', data: 'hi' }]))).toBeNull();
    // An .xlsx or .pptx is a ZIP too, without word/document.xml.
    expect(detectFileType(zip([{ name: 'xl/workbook.xml', data: '<x/>' }]))).toBeNull();
    expect(detectFileType(zip([{ name: 'word/document.xml', data: '<w:document/>' }]))).toBe('docx');
  });

  it('refuses a macro-enabled Word document', () => {
    expect(detectFileType(docx(['hi'], [{ name: 'word/vbaProject.bin', data: 'macro' }]))).toBeNull();
  });

  it('reads entry names from the central directory, or the local headers when it is missing', () => {
    const archive = zip([
      { name: 'a.txt', data: 'a' },
      { name: 'word/document.xml', data: 'b' },
    ]);
    expect(zipEntryNames(archive)).toEqual(['a.txt', 'word/document.xml']);
    // Cut off before the central directory (a truncated upload): the local headers still name the entries.
    const localOnly = archive.subarray(0, 30 + 5 + 1 + 30 + 17 + 1);
    expect(zipEntryNames(localOnly)).toEqual(['a.txt', 'word/document.xml']);
    expect(zipEntryNames(text('PK\x03\x04'))).toBeNull();
  });

  it('never throws on random bytes', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(Math.floor(Math.random() * 300)).map(() => Math.floor(Math.random() * 256));
      if (i % 3 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04].slice(0, bytes.length));
      expect(() => detectFileType(bytes)).not.toThrow();
    }
  });

  it('accepts images only for certificates and portfolio pieces', () => {
    expect(ACCEPTED_TYPES['qualification-english']).toContain('png');
    expect(ACCEPTED_TYPES['portfolio-piece']).toContain('jpeg');
    expect(ACCEPTED_TYPES['project-report']).toEqual(['pdf', 'docx']);
    expect(ACCEPTED_TYPES['mapping-document']).toEqual(['pdf', 'docx']);
  });
});
