// Multipart bodies written by hand, for what a browser never sends (a body cut short, a
// content type without its boundary, two files): the upload routes must answer each with
// the form and an error on its file field, never a server error. The form's token goes
// first so the pages' CSRF check, which reads it from the parsed body, is passed.
export const BOUNDARY = 'capstone-test-boundary';

export type RawPart = { name: string; value: string } | { name: string; fileName: string; type: string; bytes: Uint8Array };

/** The body and its content type; `close: false` leaves out the closing boundary. */
export function rawMultipart(parts: RawPart[], { close = true }: { close?: boolean } = {}): { headers: Record<string, string>; data: Buffer } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `Content-Disposition: form-data; name="${part.name}"`
        : `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${head}\r\n\r\n`), Buffer.from('value' in part ? part.value : part.bytes), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, data: Buffer.concat(chunks) };
}

/** The malformed bodies every upload route is sent, the token read before the fault: each must come back as the form with `text` on #file. */
export function malformedBodies(
  token: string,
  file: { name: string; type: string; bytes: Uint8Array },
): { name: string; body: ReturnType<typeof rawMultipart>; text: string }[] {
  const csrf = { name: '_csrf', value: token };
  const part = { name: 'file', fileName: file.name, type: file.type, bytes: file.bytes };
  const unreadable = 'The selected file could not be uploaded';
  return [
    { name: 'a file with no closing boundary', body: rawMultipart([csrf, part], { close: false }), text: unreadable },
    { name: 'a field with no closing boundary', body: rawMultipart([csrf, { name: 'annexMarker', value: 'Annex' }], { close: false }), text: unreadable },
    { name: 'two files', body: rawMultipart([csrf, part, { ...part, name: 'other' }]), text: 'Select only one file' },
  ];
}

/** The page as the upload answered it: its status, title, the summary's link to #file and the message on the field. */
export async function fileErrorOf(response: { status(): number; text(): Promise<string> }) {
  const html = await response.text();
  return {
    status: response.status(),
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? '',
    linksToFile: html.includes('href="#file"'),
    fieldError:
      /<p id="file-error" class="govuk-error-message">([\s\S]*?)<\/p>/
        .exec(html)?.[1]
        ?.replace(/<[^>]+>/g, '')
        .trim() ?? '',
  };
}

/** A body cut short before its token is complete: nothing can be read, so the pages refuse it as a forged form (403). */
export const tokenCutShort = (token: string) => rawMultipart([{ name: '_csrf', value: token }], { close: false });
/** A content type without its boundary: nothing can be read either. */
export const noBoundary = (token: string) => ({
  headers: { 'content-type': 'multipart/form-data' },
  data: Buffer.from(`--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--x--\r\n`),
});
