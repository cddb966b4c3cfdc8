// Measuring what compressed parts really unpack to: the count stops just past the limit,
// whatever the headers claim, and without holding the output.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatedSize, pdfUnpacked, zipUnpacked } from '../../src/documents/inflate-guard.ts';
import { pdfLook } from '../../src/documents/pdf-check.ts';
import { zipDirectory } from '../../src/documents/zip-check.ts';
import { docxBomb, pdfStreamBomb, repeatedDeflate } from '../fixtures/bombs.ts';
import { docx, pdf, words } from '../fixtures/documents.ts';

const MB = 1_048_576;
const limits = { entries: 1000, pages: 300, unpackedBytes: 50 * MB, imageBytes: 200 * MB };

describe('inflatedSize', () => {
  it('counts exactly what a stream inflates to, within the cap', async () => {
    expect(await inflatedSize(deflateRawSync(Buffer.alloc(123_456, 7)), 50 * MB)).toBe(123_456);
  });

  it('stops soon after the cap, not at the end of a 1 GB stream', async () => {
    const bomb = repeatedDeflate('', Buffer.alloc(1), 1024 * MB, '');
    const started = performance.now();
    const size = await inflatedSize(bomb.data, 10 * MB);
    expect(size).toBeGreaterThan(10 * MB);
    expect(size).toBeLessThan(11 * MB);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('counts what comes out of a cut or corrupt stream before the fault', async () => {
    const whole = deflateRawSync(Buffer.alloc(4 * MB, 1), { level: 0 });
    const cut = await inflatedSize(whole.subarray(0, whole.length / 2), 50 * MB);
    expect(cut).toBeGreaterThan(MB);
    expect(await inflatedSize(Buffer.from('not deflate at all'), 50 * MB)).toBe(0);
  });
});

describe('zipUnpacked', () => {
  it('finds the true size of an entry whose headers say it is small', async () => {
    const bytes = docxBomb(300 * MB, 1000);
    const directory = zipDirectory(bytes, limits);
    if (!directory.ok) throw new Error(directory.reason);
    expect(await zipUnpacked(bytes, directory.value, limits)).toMatchObject({ ok: false, kind: 'too-complex', reason: 'word/document.xml unpacks past 50 MB' });
  });

  it('passes a real document and a bomb within the limit', async () => {
    for (const bytes of [docx(['A report', ...words(10_000)]), docxBomb(20 * MB, 1000)]) {
      const directory = zipDirectory(bytes, limits);
      if (!directory.ok) throw new Error(directory.reason);
      expect(await zipUnpacked(bytes, directory.value, limits)).toMatchObject({ ok: true });
    }
  });
});

describe('pdfUnpacked', () => {
  const measure = async (bytes: Uint8Array) => {
    const look = pdfLook(bytes, limits);
    if (!look.ok) throw new Error(look.reason);
    return pdfUnpacked(bytes, look.value.streams, limits);
  };

  it('refuses a content stream that inflates to a GB, whatever its /Length says', async () => {
    expect(await measure(pdfStreamBomb(1024 * MB))).toMatchObject({ ok: false, kind: 'too-complex', reason: 'its streams unpack past 50 MB' });
    expect(await measure(pdfStreamBomb(1024 * MB, { length: 10 }))).toMatchObject({ ok: false, kind: 'too-complex' });
  });

  it('gives images their own, larger limit', async () => {
    expect(await measure(pdfStreamBomb(60 * MB, { image: true }))).toMatchObject({ ok: true, value: { other: 0 } });
    expect(await measure(pdfStreamBomb(60 * MB))).toMatchObject({ ok: false, kind: 'too-complex' });
    expect(await measure(pdfStreamBomb(300 * MB, { image: true }))).toMatchObject({ ok: false, kind: 'too-complex', reason: 'its images unpack past 200 MB' });
  });

  it('passes a real PDF', async () => {
    expect(await measure(pdf(words(10_000)))).toMatchObject({ ok: true, value: { images: 0, other: 0 } });
    expect(await measure(pdfStreamBomb(MB))).toMatchObject({ ok: true });
  });
});
