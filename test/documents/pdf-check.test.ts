// The cheap look at a PDF: its pages counted from the raw file, and where each stream's
// data starts, so the streams can be measured before pdf.js reads any of them.
import { describe, expect, it } from 'vitest';
import { pdfLook } from '../../src/documents/pdf-check.ts';
import { pdfManyPages, pdfStreamBomb } from '../fixtures/bombs.ts';
import { pdf, words } from '../fixtures/documents.ts';

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('pdfLook', () => {
  it('counts the pages and finds each content stream of a real PDF', () => {
    const bytes = pdf(words(180 * 12), 60);
    const look = pdfLook(bytes, { pages: 300 });
    expect(look).toMatchObject({ ok: true, value: { pages: 3 } });
    if (!look.ok) return;
    expect(look.value.streams).toHaveLength(3);
    const text = Buffer.from(bytes).toString('latin1');
    for (const stream of look.value.streams) {
      expect(text.slice(stream.start, stream.start + 3)).toBe('BT ');
      expect(stream.image).toBe(false);
    }
  });

  it('refuses more pages than the limit, and lets the limit itself through', () => {
    expect(pdfLook(pdfManyPages(5000), { pages: 300 })).toMatchObject({ ok: false, kind: 'too-complex', reason: '5000 pages, more than 300' });
    expect(pdfLook(pdfManyPages(300), { pages: 300 })).toMatchObject({ ok: true, value: { pages: 300 } });
    expect(pdfLook(pdfManyPages(301), { pages: 300 })).toMatchObject({ ok: false, kind: 'too-complex' });
  });

  it('counts page objects however their names are written, and not the page tree', () => {
    const pages =
      '1 0 obj <</Type/Page>> endobj 2 0 obj <</Type /P#61ge>> endobj 3 0 obj <</Type\n/Page /Parent 4 0 R>> endobj 4 0 obj <</Type /Pages /Count 3>> endobj';
    expect(pdfLook(latin1(`%PDF-1.7\n${pages}`), { pages: 300 })).toMatchObject({ ok: true, value: { pages: 3 } });
    expect(pdfLook(latin1(`%PDF-1.7\n${pages}`), { pages: 2 })).toMatchObject({ ok: false, kind: 'too-complex' });
  });

  it('starts stream data after the keyword’s line end, whichever it is, and tells images apart', () => {
    const text = '%PDF-1.7\n1 0 obj <</Length 3>> stream\r\nabc\nendstream endobj 2 0 obj <</Subtype /Image /Length 3>>stream  \rxyz endstream endobj';
    const look = pdfLook(latin1(text), { pages: 300 });
    expect(look.ok && look.value.streams.map((s) => [text.slice(s.start, s.start + 3), s.image])).toEqual([
      ['abc', false],
      ['xyz', true],
    ]);
    const bomb = pdfLook(pdfStreamBomb(4 * 1_048_576, { image: true }), { pages: 300 });
    expect(bomb.ok && bomb.value.streams.map((s) => s.image)).toEqual([true]);
  });
});
