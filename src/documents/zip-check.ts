// A cheap look at a ZIP (a .docx) from its central directory, before anything is inflated:
// how many entries, what sizes they declare and where their data lies. It reads the
// archive the way mammoth's JSZip does (the last end-of-directory record, data prepended
// to the archive allowed for), so the entries checked are the entries that would be read.
// Declared sizes can lie; inflate-guard.ts measures what they really inflate to.
import type { DocumentLimits } from './limits.ts';
import { type Look, tooComplex, unreadable } from './outcome.ts';

export type ZipEntry = { name: string; method: number; compressedSize: number; declaredSize: number; dataStart: number };

const END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const MB = 1_048_576;

export function zipDirectory(input: Uint8Array, limits: Pick<DocumentLimits, 'entries' | 'unpackedBytes'>): Look<ZipEntry[]> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const u16 = (at: number) => bytes.readUInt16LE(at);
  const u32 = (at: number) => bytes.readUInt32LE(at);
  const end = bytes.lastIndexOf(END);
  if (end < 0 || end + 22 > bytes.length) return unreadable('no ZIP end-of-directory record');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0) return unreadable('a multi-volume ZIP');
  const count = u16(end + 10);
  const size = u32(end + 12);
  const offset = u32(end + 16);
  // ZIP64 is for archives of 65,535 entries or 4 GB: never a Word document.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || (end >= 20 && u32(end - 20) === ZIP64_LOCATOR)) return tooComplex('a ZIP64 archive');
  if (count > limits.entries) return tooComplex(`${count} entries, more than ${limits.entries}`);

  // Bytes between the directory and its end record are taken, as JSZip takes them, for data
  // prepended to the archive (a self-extractor's stub): every offset moves by as many.
  const extra = end - (offset + size);
  if (extra < 0) return unreadable('the central directory overruns its end record');

  // JSZip reads entries for as long as they follow one another, whatever the count says.
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = extra + offset;
  while (at + 46 <= bytes.length && u32(at) === CENTRAL) {
    if (entries.length === limits.entries) return tooComplex(`more than ${limits.entries} entries`);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const local = extra + u32(at + 42);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || u32(at + 42) === 0xffffffff) return tooComplex('a ZIP64 entry');
    const name = bytes.toString('latin1', at + 46, Math.min(bytes.length, at + 46 + nameLength));
    if (local + 30 > bytes.length || u32(local) !== LOCAL) return unreadable(`no local header for ${name}`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > bytes.length) return unreadable(`${name} runs past the end of the file`);
    // A stored entry is as large as its data, whatever it declares.
    declared += method === 0 ? Math.max(declaredSize, compressedSize) : declaredSize;
    entries.push({ name, method, compressedSize, declaredSize, dataStart });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  if (entries.length === 0) return unreadable('no entries in the central directory');
  if (declared > limits.unpackedBytes)
    return tooComplex(`declares ${Math.ceil(declared / MB)} MB unpacked, more than ${Math.round(limits.unpackedBytes / MB)} MB`);
  return { ok: true, value: entries };
}
