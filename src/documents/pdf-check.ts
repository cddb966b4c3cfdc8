// A cheap look at a PDF before it is parsed: how many pages it shows, and where each
// stream's data starts, so that inflate-guard.ts can measure what the streams unpack to.
// Pages kept in compressed object streams do not show here; the reader counts them again
// from the page tree before it reads any text.
import type { DocumentLimits } from './limits.ts';
import { type Look, tooComplex } from './outcome.ts';

/** Where a stream's data starts, and whether its dictionary calls it an image (never read for words). */
export type PdfStream = { start: number; image: boolean };

export type PdfLook = { pages: number; streams: PdfStream[] };

/** A page object's dictionary: /Type /Page, not /Pages (names may escape characters as #xx). */
const PAGE = /\/Type\s*\/Page(?![A-Za-z0-9#])/g;
const IMAGE = /\/Subtype\s*\/Image(?![A-Za-z0-9#])/;
/** How far back from `stream` the dictionary is looked for. */
const DICTIONARY_REACH = 4096;

export function pdfLook(input: Uint8Array, limits: Pick<DocumentLimits, 'pages'>): Look<PdfLook> {
  const text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  // #xx escapes spell a name with other bytes (/Type /P#61ge is /Type /Page): read names unescaped.
  const names = text.includes('#') ? text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
  const pages = names.match(PAGE)?.length ?? 0;
  if (pages > limits.pages) return tooComplex(`${pages} pages, more than ${limits.pages}`);

  const streams: PdfStream[] = [];
  for (let at = text.indexOf('stream'); at >= 0; at = text.indexOf('stream', at + 6)) {
    if (text.startsWith('end', at - 3)) continue;
    // The data starts after the end of the keyword's line, as pdf.js's lexer skips to it.
    let start = at + 6;
    while (start < text.length && text[start] !== '\r' && text[start] !== '\n') start++;
    start += text.startsWith('\r\n', start) ? 2 : 1;
    if (start >= text.length) break;
    const before = text.slice(Math.max(0, at - DICTIONARY_REACH), at);
    const dictionary = before.slice(Math.max(0, before.lastIndexOf('obj')));
    streams.push({ start, image: IMAGE.test(dictionary) });
  }
  return { ok: true, value: { pages, streams } };
}
