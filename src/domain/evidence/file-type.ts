// What an uploaded file is, read from its bytes (magic numbers), never from its name or
// the type the browser claims: PDF, Word (.docx), PNG and JPEG; anything else is refused.
// Which types each kind of evidence accepts: documents everywhere; images also where the
// evidence is a certificate or a portfolio piece ("Evidence of qualifications must be in
// the form of a certificate", 004_f9b9047560044387.txt, "What is needed prior to end-point
// assessment?").

export type FileType = 'pdf' | 'docx' | 'png' | 'jpeg';

export const MEDIA_TYPES: Record<FileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export const EVIDENCE_PURPOSES = [
  'qualification-english',
  'qualification-maths',
  'portfolio-piece',
  'mapping-document',
  'employer-validation',
  'authenticity-declaration',
  'project-report',
  'showcase',
  'declaration-record',
] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

const DOCUMENTS: readonly FileType[] = ['pdf', 'docx'];
const DOCUMENTS_AND_IMAGES: readonly FileType[] = ['pdf', 'docx', 'png', 'jpeg'];

/** The file types each kind of evidence may be. */
export const ACCEPTED_TYPES: Record<EvidencePurpose, readonly FileType[]> = {
  'qualification-english': DOCUMENTS_AND_IMAGES,
  'qualification-maths': DOCUMENTS_AND_IMAGES,
  'portfolio-piece': DOCUMENTS_AND_IMAGES,
  'mapping-document': DOCUMENTS,
  'employer-validation': DOCUMENTS,
  'authenticity-declaration': DOCUMENTS,
  'project-report': DOCUMENTS,
  showcase: DOCUMENTS,
  // A signed Gateway Declaration Record is often a scan or a photograph of the paper.
  'declaration-record': DOCUMENTS_AND_IMAGES,
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** The file's type by its content, or null when it is none of the accepted types. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, ZIP_LOCAL)) {
    const names = zipEntryNames(bytes);
    // A Word document is a ZIP holding word/document.xml. One with a VBA project is
    // macro-enabled (.docm) and is refused.
    if (names?.includes('word/document.xml') && !names.includes('word/vbaProject.bin')) return 'docx';
  }
  return null;
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const latin1 = (b: Uint8Array, from: number, length: number) => String.fromCharCode(...b.subarray(from, from + length));

/** The entry names of a ZIP archive, from its central directory (or its local headers). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd >= 0) {
    const count = u16(bytes, eocd + 10);
    const offset = u32(bytes, eocd + 16);
    // ZIP64 archives keep the real values elsewhere: read the local headers instead.
    if (count !== 0xffff && offset !== 0xffffffff) {
      const names: string[] = [];
      let at = offset;
      for (let n = 0; n < count; n++) {
        if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return localEntryNames(bytes);
        const nameLength = u16(bytes, at + 28);
        if (at + 46 + nameLength > bytes.length) return localEntryNames(bytes);
        names.push(latin1(bytes, at + 46, nameLength));
        at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
      }
      return names;
    }
  }
  return localEntryNames(bytes);
}

function localEntryNames(bytes: Uint8Array): string[] | null {
  const LOCAL = 0x04034b50;
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && u32(bytes, at) === LOCAL) {
    const nameLength = u16(bytes, at + 26);
    if (at + 30 + nameLength > bytes.length) break;
    names.push(latin1(bytes, at + 30, nameLength));
    // With a data descriptor (flag bit 3) the sizes come after the data: stop here.
    if (u16(bytes, at + 6) & 0x08) break;
    at += 30 + nameLength + u16(bytes, at + 28) + u32(bytes, at + 18);
  }
  return names.length > 0 ? names : null;
}
