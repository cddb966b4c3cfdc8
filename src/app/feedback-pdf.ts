// The feedback report of a fail as a PDF, to keep or send on: the same report the page
// shows (feedbackReport decides what is in it), laid out on A4 with pdfkit as the results
// statement is. Built-in Helvetica, uncompressed and dated from the app's clock, so the
// same report gives the same bytes.
import PDFDocument from 'pdfkit';
import type { Actor } from '../domain/access/access.ts';
import type { AppContext } from './context.ts';
import { feedbackReport } from './result-views.ts';

type Report = Awaited<ReturnType<typeof feedbackReport>>;

const GRADE: Record<string, string> = { fail: 'Fail', pass: 'Pass', distinction: 'Distinction' };
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "2026-11-23" as "23 November 2026", the way the pages write dates. */
const formatIsoDate = (date: string) => (date ? LONG_DATE.format(new Date(`${date}T00:00:00Z`)) : '');
const JUDGEMENT: Record<string, string> = { met: 'Met', 'not-met': 'Not met', 'not-evidenced': 'Not evidenced' };

export async function feedbackReportPdf(ctx: AppContext, actor: Actor, recordId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const report = await feedbackReport(ctx, actor, recordId);
  const standard = ctx.catalogue.standards.get(report.record.standard)?.standard;
  const pdf = await render(ctx.now(), report, standard ? `${standard.title} (${standard.code}, version ${standard.version})` : report.record.standard);
  return { pdf, fileName: `feedback-report-${report.record.uln}-${report.result.releasedOn}.pdf` };
}

function render(now: Date, report: Report, standard: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      compress: false,
      info: { Title: 'End-point assessment feedback report', Author: 'Capstone', Producer: 'Capstone', Creator: 'Capstone', CreationDate: now, ModDate: now },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    const heading = (text: string) => {
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(13).text(text);
      doc.moveDown(0.3);
    };
    const line = (label: string, value: string) => {
      doc.font('Helvetica-Bold').fontSize(11).text(`${label}: `, { continued: true });
      doc.font('Helvetica').text(value);
    };
    const bullet = (text: string) => doc.font('Helvetica').fontSize(11).text(`•  ${text}`, { indent: 10 });

    doc.font('Helvetica-Bold').fontSize(18).text('End-point assessment: feedback report');
    doc.moveDown();
    line('Apprentice', `${report.record.givenNames} ${report.record.familyName}`);
    line('ULN', report.record.uln);
    line('Standard', standard);
    line('Result released on', formatIsoDate(report.result.releasedOn));
    line('Overall grade', GRADE[report.result.overall] ?? report.result.overall);
    for (const m of report.methods) line(m.name, m.grade ? (GRADE[m.grade] ?? m.grade) : 'Not graded');

    heading('What was not met');
    for (const m of report.methods.filter((x) => x.grade === 'fail')) {
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(`${m.name}${m.attempt && m.attempt > 1 ? `, attempt ${m.attempt}` : ''}`);
      if (m.unmet.length === 0) bullet('Every pass criterion was met, but the grade was changed to a fail at moderation.');
      for (const u of m.unmet)
        bullet(`${u.id} ${u.statement} (${u.judgement ? JUDGEMENT[u.judgement] : 'Not judged'})${u.note ? `. Assessor's note: ${u.note}` : ''}`);
      if (m.moderationReason) bullet(`The IQA's reason for the change: ${m.moderationReason}`);
      doc.moveDown(0.5);
    }

    if (report.result.feedback) {
      heading('Feedback');
      doc.font('Helvetica').fontSize(11).text(report.result.feedback);
    }

    heading('What can happen next');
    for (const a of report.arranged) bullet(`A ${a.kindText} of the ${a.methodName} (attempt ${a.attempt}) is arranged for ${formatIsoDate(a.plannedOn)}.`);
    for (const m of report.methods) {
      if (!m.next) continue;
      bullet(
        m.next.windowPassed
          ? `${m.name}: the time to re-sit or re-take it ended on ${formatIsoDate(m.next.windowEnds ?? '')}.`
          : `${m.name}: it can be re-sat or re-taken as attempt ${m.next.attempt}${m.next.windowEnds ? `, completed by ${formatIsoDate(m.next.windowEnds)}` : ''}${m.next.cap ? `, graded at most ${m.next.cap} unless exceptional circumstances are found` : ''}.`,
      );
    }
    if (report.appeal.deadline)
      bullet(`An appeal can be lodged until ${formatIsoDate(report.appeal.deadline)} (${report.appeal.workingDays} working days after release).`);
    doc.end();
  });
}
