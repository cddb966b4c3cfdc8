// Real documents for the demo data: PDFs made with pdfkit, so uploads, type checks and
// word counts run on the demo exactly as on a provider's files.
import PDFDocument from 'pdfkit';

const FILLER =
  'The customer contacted us about a delayed refund and I reviewed the account history before calling back to agree the next steps with them and with the finance team'.split(
    ' ',
  );

/** `n` words of plausible report text. */
export function demoWords(n: number): string {
  return Array.from({ length: n }, (_, i) => FILLER[i % FILLER.length]).join(' ');
}

export function demoPdf(title: string, body: string, annex?: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text(title);
    doc.moveDown().font('Helvetica').fontSize(10).text(body);
    if (annex) doc.addPage().font('Helvetica-Bold').fontSize(14).text('Annex A').moveDown().font('Helvetica').fontSize(10).text(annex);
    doc.end();
  });
}
