// The text of a Word document or a PDF, read only after a cheap look at its structure and
// a measure of what it unpacks to have found nothing abusive. Runs inside the reading
// worker (text-worker.ts); the parsers are loaded only once a document has passed.
import { MEDIA_TYPES } from '../domain/evidence/file-type.ts';
import { pdfUnpacked, zipUnpacked } from './inflate-guard.ts';
import type { DocumentLimits } from './limits.ts';
import type { Refusal, TextResult } from './outcome.ts';
import { pdfLook } from './pdf-check.ts';
import { zipDirectory } from './zip-check.ts';

const refusal = ({ kind, reason }: Refusal): Refusal => ({ kind, reason });
const unreadable = (error: unknown): Refusal => ({ kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) });

export async function readText(mediaType: string, bytes: Uint8Array, limits: DocumentLimits): Promise<TextResult> {
  if (mediaType === MEDIA_TYPES.docx) return readDocx(bytes, limits);
  if (mediaType === MEDIA_TYPES.pdf) return readPdf(bytes, limits);
  return { kind: 'unreadable', reason: `${mediaType} is not a document` };
}

async function readDocx(bytes: Uint8Array, limits: DocumentLimits): Promise<TextResult> {
  const directory = zipDirectory(bytes, limits);
  if (!directory.ok) return refusal(directory);
  const unpacked = await zipUnpacked(bytes, directory.value, limits);
  if (!unpacked.ok) return refusal(unpacked);
  try {
    const { default: mammoth } = await import('mammoth');
    return { kind: 'text', text: (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value };
  } catch (error) {
    return unreadable(error);
  }
}

async function readPdf(bytes: Uint8Array, limits: DocumentLimits): Promise<TextResult> {
  const look = pdfLook(bytes, limits);
  if (!look.ok) return refusal(look);
  const unpacked = await pdfUnpacked(bytes, look.value.streams, limits);
  if (!unpacked.ok) return refusal(unpacked);
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    // pdf.js takes ownership of the bytes it is given: a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      // Pages inside compressed object streams escape the cheap look: the page tree counts them.
      if (pdf.numPages > limits.pages) return { kind: 'too-complex', reason: `${pdf.numPages} pages, more than ${limits.pages}` };
      return { kind: 'text', text: (await extractText(pdf, { mergePages: true })).text };
    } finally {
      // The worker reads the next document too: nothing of this one is kept.
      await pdf.destroy();
    }
  } catch (error) {
    return unreadable(error);
  }
}
