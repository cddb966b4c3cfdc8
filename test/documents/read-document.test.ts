// Reading in a worker: real documents are read, bombs refused quickly, and a worker that
// runs out of time, heap or memory is stopped and the document refused, while this
// process goes on and reads the next document.
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../../src/documents/limits.ts';
import { readDocumentText } from '../../src/documents/read-document.ts';
import { MEDIA_TYPES } from '../../src/domain/evidence/file-type.ts';
import { docxBomb, docxManyEntries, pdfManyPages, pdfStreamBomb } from '../fixtures/bombs.ts';
import { docx, pdf, words } from '../fixtures/documents.ts';

const MB = 1_048_576;
const DOCX = MEDIA_TYPES.docx;
const PDF = MEDIA_TYPES.pdf;
const wordsIn = (result: { kind: string; text?: string }) => (result.kind === 'text' ? (result.text ?? '').split(/\s+/).filter(Boolean).length : result.kind);

describe('readDocumentText', () => {
  it('reads a .docx and a .pdf in a worker, several at once', async () => {
    const documents = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? ([DOCX, docx(words(1000 + i))] as const) : ([PDF, pdf(words(1000 + i))] as const)));
    const results = await Promise.all(documents.map(([type, bytes]) => readDocumentText(type, bytes)));
    expect(results.map(wordsIn)).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
  });

  it('refuses each bomb as too complex, in seconds', async () => {
    const bombs = [
      [DOCX, docxBomb(300 * MB), 'declares 300 MB'],
      [DOCX, docxBomb(300 * MB, 1000), 'word/document.xml unpacks past 50 MB'],
      [DOCX, docxManyEntries(5000), 'entries'],
      [PDF, pdfStreamBomb(1024 * MB), 'its streams unpack past 50 MB'],
      [PDF, pdfManyPages(5000), '5000 pages'],
    ] as const;
    for (const [type, bytes, reason] of bombs) {
      const started = performance.now();
      expect(await readDocumentText(type, bytes)).toEqual({ kind: 'too-complex', reason: expect.stringContaining(reason) });
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });

  it('calls a broken document unreadable', async () => {
    expect(await readDocumentText(PDF, pdf(words(10)).subarray(0, 40))).toMatchObject({ kind: 'unreadable' });
    expect(await readDocumentText(DOCX, docx(['x']).subarray(0, 100))).toMatchObject({ kind: 'unreadable' });
  });

  it('stops a worker past its time limit, and reads the next document', async () => {
    expect(await readDocumentText(PDF, pdf(words(2000)), { ...DOCUMENT_LIMITS, timeMs: 1 })).toEqual({
      kind: 'too-complex',
      reason: 'not read within 0.001 s',
    });
    expect(wordsIn(await readDocumentText(PDF, pdf(words(2000))))).toBe(2000);
  });

  it('stops a worker that runs out of heap (ERR_WORKER_OUT_OF_MEMORY), and reads the next document', async () => {
    // Within the unpacked limit, but more XML than mammoth can hold in a 64 MB heap.
    const result = await readDocumentText(DOCX, docxBomb(45 * MB), { ...DOCUMENT_LIMITS, heapMb: 64 });
    expect(result).toEqual({ kind: 'too-complex', reason: 'needed more than 64 MB of heap' });
    expect(wordsIn(await readDocumentText(DOCX, docx(words(500))))).toBe(500);
  });

  it('stops a worker whose buffers grow the process past its memory limit, where no cheap look could measure the stream', async () => {
    // The deflated data is hex-encoded first: only pdf.js, unpacking it, finds out how large it is.
    const hidden = pdfStreamBomb(1024 * MB, { hex: true });
    const result = await readDocumentText(PDF, hidden, { ...DOCUMENT_LIMITS, memoryMb: 128 });
    expect(result).toEqual({ kind: 'too-complex', reason: 'needed more than 128 MB' });
    expect(wordsIn(await readDocumentText(PDF, pdf(words(300))))).toBe(300);
  });
});
