// The results statement (004 Appendix One: the name "as it will appear on the results
// statement/certificate"): one page with the apprentice, the standard, each method's grade
// and the overall grade, for a released result.
import PDFDocument from 'pdfkit';
import type { Actor } from '../domain/access/access.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { recordForCertificate } from '../store/repositories/certificates.repository.ts';
import { latestResult, type ResultRow } from '../store/repositories/results.repository.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';
import { assertCanSee } from './records.ts';
import { notReleased } from './result-standing.ts';

const GRADE_LABEL: Record<string, string> = { fail: 'Fail', pass: 'Pass', distinction: 'Distinction' };

export async function resultsStatementPdf(ctx: AppContext, actor: Actor, recordId: string): Promise<{ pdf: Buffer; fileName: string }> {
  await assertCanSee(ctx, actor, recordId);
  const record = await recordForCertificate(ctx.db, recordId);
  if (!record) throw notFound(`EPA record ${recordId}`);
  // The latest result that was not replaced; before release there is no statement.
  const result = await latestResult(ctx.db, recordId);
  if (!result) throw notFound(`a released result for EPA record ${recordId}`);
  if (result.status !== 'released') throw notReleased(result);
  const doc = statementDocument(ctx.now());
  drawStatement(doc, statementOf(ctx, record, result));
  return { pdf: await finished(doc), fileName: `results-statement-${record.uln}-${result.releasedOn}.pdf` };
}

export type StatementRecord = { uln: string; givenNames: string; familyName: string; standard: string; policy: string | null };

/** What a statement says of a record and its released result. */
export function statementOf(ctx: AppContext, record: StatementRecord, result: ResultRow): Statement {
  const resolved = resolve(ctx.catalogue, record.standard, record.policy);
  if (!resolved.ok) throw new Error(resolved.problem.message);
  const standard = resolved.value.index.standard;
  return {
    name: `${record.givenNames} ${record.familyName}`,
    uln: record.uln,
    standard: `${standard.title} (${standard.code}, version ${standard.version}, level ${standard.level})`,
    methods: standard.methods.map((m) => ({ name: m.name, grade: GRADE_LABEL[result.methodGrades[m.id] ?? ''] ?? 'Not graded' })),
    overall: GRADE_LABEL[result.overall] ?? result.overall,
    capped: result.capped,
    releasedOn: result.releasedOn,
    feedback: result.overall === 'fail' ? result.feedback : null,
  };
}

export type Statement = {
  name: string;
  uln: string;
  standard: string;
  methods: { name: string; grade: string }[];
  overall: string;
  capped: boolean;
  releasedOn: string;
  feedback: string | null;
};

/**
 * An A4 document in the built-in Helvetica (no font is fetched or embedded). Uncompressed, and
 * dated from the app's clock, so the same results give the same bytes (pdfkit derives the
 * file id from the document info). Many statements go in one document, a page each: pdfkit
 * parses a font's metrics once a document, which is most of the cost of a page.
 */
export function statementDocument(now: Date, title = 'End-point assessment results statement'): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: title, Author: 'Capstone', Producer: 'Capstone', Creator: 'Capstone', CreationDate: now, ModDate: now },
  });
}

/** The document's bytes once it has ended. */
export function finished(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    doc.end();
  });
}

/** One statement on the document's current page. */
export function drawStatement(doc: PDFKit.PDFDocument, s: Statement): void {
  doc.font('Helvetica-Bold').fontSize(18).text('End-point assessment: results statement');
  doc.moveDown();
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(11).text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  };
  line('Apprentice', s.name);
  line('ULN', s.uln);
  line('Standard', s.standard);
  line('Result released on', s.releasedOn);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Grades');
  doc.moveDown(0.3);
  for (const m of s.methods) line(m.name, m.grade);
  doc.moveDown(0.3);
  line('Overall grade', s.overall);
  if (s.capped) doc.font('Helvetica-Oblique').fontSize(10).text('A re-sat or re-taken method is graded at most pass (001 §8).');
  if (s.feedback) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text('Feedback');
    doc.font('Helvetica').fontSize(11).text(s.feedback);
  }
}
