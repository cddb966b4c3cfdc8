// What a document's compressed parts really unpack to, measured by inflating them and
// counting, never keeping, the output, and stopping as soon as a limit is passed. Declared
// sizes can lie; this cannot. Runs in the reading worker, before any parser sees the bytes.
import { constants, createInflateRaw } from 'node:zlib';
import type { DocumentLimits } from './limits.ts';
import { type Look, tooComplex } from './outcome.ts';
import type { PdfStream } from './pdf-check.ts';
import type { ZipEntry } from './zip-check.ts';

const MB = 1_048_576;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** Bytes `data` inflates to as raw deflate, counted until past `cap`; a corrupt or cut stream counts what came out before the fault. */
export function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    const inflate = createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
    const done = () => resolve(size);
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        inflate.destroy();
        done();
      }
    });
    inflate.on('error', done);
    inflate.on('end', done);
    inflate.on('close', done);
    inflate.end(data);
  });
}

/** The total a .docx's entries unpack to, within limits.unpackedBytes. */
export async function zipUnpacked(bytes: Uint8Array, entries: ZipEntry[], limits: Pick<DocumentLimits, 'unpackedBytes'>): Promise<Look<number>> {
  let total = 0;
  for (const entry of entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    // Deflate (8) is measured; stored entries are their own size; other methods mammoth cannot read at all.
    total += entry.method === 8 ? await inflatedSize(data, limits.unpackedBytes - total) : data.length;
    if (total > limits.unpackedBytes) return tooComplex(`${entry.name} unpacks past ${mb(limits.unpackedBytes)}`);
  }
  return { ok: true, value: total };
}

/** pdf.js inflates only data with a valid zlib header (RFC 1950), and so is measured only that. */
const zlibHeader = (cmf: number | undefined, flg: number | undefined) =>
  cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) + flg) % 31 === 0 && (flg & 0x20) === 0;

/**
 * What a PDF's deflated streams unpack to: images within limits.imageBytes, the rest within
 * limits.unpackedBytes. Each is inflated from its start to wherever its deflate data ends,
 * not to its declared /Length, so a lying length cannot hide a stream's true size.
 */
export async function pdfUnpacked(
  bytes: Uint8Array,
  streams: PdfStream[],
  limits: Pick<DocumentLimits, 'unpackedBytes' | 'imageBytes'>,
): Promise<Look<{ images: number; other: number }>> {
  const total = { images: 0, other: 0 };
  for (const stream of streams) {
    if (!zlibHeader(bytes[stream.start], bytes[stream.start + 1])) continue;
    const [kind, limit] = stream.image ? (['images', limits.imageBytes] as const) : (['other', limits.unpackedBytes] as const);
    total[kind] += await inflatedSize(bytes.subarray(stream.start + 2), limit - total[kind]);
    if (total[kind] > limit) return tooComplex(`its ${stream.image ? 'images unpack' : 'streams unpack'} past ${mb(limit)}`);
  }
  return { ok: true, value: total };
}
