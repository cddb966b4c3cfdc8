// How much work the server will do to read the words of one uploaded document. A real
// 10,000-word report is a few MB of Word XML or a few dozen PDF pages, read in well under
// a second; a document past these limits is a decompression bomb or something the word
// count has no business unpacking, and is refused rather than read.

const MB = 1_048_576;

export type DocumentLimits = {
  /** Bytes a document may unpack to: a .docx's entries, a PDF's streams other than images. */
  unpackedBytes: number;
  /** A PDF's image streams: never read for words, but unpacked by a careless reader; screenshots are large. */
  imageBytes: number;
  /** Entries in a .docx (a Word document has a few dozen, one per part and picture). */
  entries: number;
  /** Pages of a PDF. */
  pages: number;
  /** Wall-clock time for one document's reading, start of the worker included. */
  timeMs: number;
  /** The reading worker's JavaScript heap. */
  heapMb: number;
  /**
   * What the whole process may grow by while one document is read. The heap limit does not
   * cover buffers, and pdf.js unpacks streams into buffers; a stream the cheap look could not
   * measure (under another filter) is stopped by this.
   */
  memoryMb: number;
  /** Documents read at once in one process; the rest wait their turn. */
  concurrent: number;
};

export const DOCUMENT_LIMITS: DocumentLimits = {
  unpackedBytes: 50 * MB,
  imageBytes: 200 * MB,
  entries: 1000,
  pages: 300,
  timeMs: 20_000,
  heapMb: 256,
  memoryMb: 512,
  concurrent: 2,
};

/** What a refused document is told, whichever limit it passed. */
export const TOO_COMPLEX_MESSAGE =
  'this document is too large or complex to read: save it again as a plain .docx or .pdf, without embedded media, and upload it again';
