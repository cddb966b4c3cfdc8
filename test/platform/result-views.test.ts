// The read-only use-cases behind the moderation and results pages, over the demo data:
// moderationCase (and its refusal of one's own assessment), resultOverview (provisional
// grades are EPAO business until release) and feedbackReport (a fail's unmet criteria,
// what can happen next, and who may read it).

import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { feedbackReportPdf } from '../../src/app/feedback-pdf.ts';
import { moderationCase } from '../../src/app/moderation.ts';
import { feedbackReport, resultOverview } from '../../src/app/result-views.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('the result and moderation views', () => {
  let t: TestApp;
  const records: Record<string, string> = {};
  const actor = async (email: string): Promise<Actor> => {
    const u = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    const assessor = await t.ctx.db.selectFrom('assessors').select('id').where('userId', '=', u.id).executeTakeFirst();
    return { userId: u.id, role: u.role, organisationId: u.organisationId, apprenticeId: u.apprenticeId, assessorId: assessor?.id ?? null, name: u.name };
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-23');
    await loadDemo(t.ctx);
    const rows = await t.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['epaRecords.id', 'apprentices.givenNames'])
      .execute();
    for (const r of rows) records[r.givenNames] = r.id;
  }, 60_000);
  afterAll(() => t.close());

  it('shows the EPAO the grades before release and why it must wait; the apprentice sees neither', async () => {
    const staff = await resultOverview(t.ctx, await actor('admin@demo.capstone.test'), records.Mia as string);
    expect(staff.result).toBeNull();
    expect(staff.awaitingModeration).toBe(true);
    expect(staff.releasable).toBe(false);
    expect(staff.blockers.map((b) => b.code)).toEqual(['MODERATION_PENDING']);
    expect(staff.provisional?.overall).toBe('pass');
    expect(staff.methods.map((m) => m.moderation)).toEqual(['pending', 'pending', 'pending']);
    const own = await resultOverview(t.ctx, await actor('mia.robinson@apprentice.demo.capstone.test'), records.Mia as string);
    expect(own.provisional).toBeNull();
    expect(own.blockers).toEqual([]);
    expect(own.methods.every((m) => m.provisionalGrade === null && m.moderation === null)).toBe(true);
  });

  it('calls a released result with nothing assessed since already released', async () => {
    const ethan = await resultOverview(t.ctx, await actor('admin@demo.capstone.test'), records.Ethan as string);
    expect(ethan.result?.overall).toBe('distinction');
    expect(ethan.alreadyReleased).toBe(true);
    expect(ethan.releasable).toBe(false);
  });

  it('gives a fail’s report: the unmet pass criteria, the re-sit arranged, the appeal lodged', async () => {
    const report = await feedbackReport(t.ctx, await actor('employer@lakeside.demo.capstone.test'), records.Sophie as string);
    const observation = report.methods.find((m) => m.id === 'observation');
    expect(observation?.grade).toBe('fail');
    expect(observation?.unmet.map((u) => [u.id, u.judgement])).toEqual([['observation.P12', 'not-met']]);
    expect(observation?.next).toMatchObject({ attempt: 2, cap: 'pass', windowPassed: false, retakeNeedsGateway: true });
    expect(report.methods.filter((m) => m.id !== 'observation').every((m) => m.unmet.length === 0 && m.next === null)).toBe(true);
    expect(report.arranged).toMatchObject([{ method: 'observation', kind: 'resit', attempt: 2 }]);
    expect(report.appeal.lodged).toMatchObject([{ status: 'lodged' }]);
    expect(report.result.feedback).toContain('observation.P12');
  });

  it('gives the same report as a PDF: the criterion not met, the feedback and the re-sit', async () => {
    const employer = await actor('employer@lakeside.demo.capstone.test');
    const { pdf, fileName } = await feedbackReportPdf(t.ctx, employer, records.Sophie as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fileName).toMatch(/^feedback-report-\d{10}-\d{4}-\d\d-\d\d\.pdf$/);
    const text = (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain('feedback report');
    expect(text).toContain('observation.P12');
    expect(text).toContain('(Not met)');
    expect(text).toMatch(/re-sit of the Practical observation with Q&As \(attempt 2\) is arranged/);
    // The same bytes for the same report: nothing in it but the report and the app's clock.
    expect((await feedbackReportPdf(t.ctx, employer, records.Sophie as string)).pdf.equals(pdf)).toBe(true);
    await expect(feedbackReportPdf(t.ctx, await actor('employer@harbour.demo.capstone.test'), records.Sophie as string)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses the report to someone else’s employer, and for a result that is not a fail', async () => {
    await expect(feedbackReport(t.ctx, await actor('employer@harbour.demo.capstone.test'), records.Sophie as string)).rejects.toMatchObject({ status: 404 });
    await expect(feedbackReport(t.ctx, await actor('admin@demo.capstone.test'), records.Ethan as string)).rejects.toMatchObject({ code: 'NOT_A_FAIL' });
    await expect(feedbackReport(t.ctx, await actor('admin@demo.capstone.test'), records.Mia as string)).rejects.toMatchObject({ status: 404 });
  });

  it('says when the moderator is the assessor, and lets nobody outside the EPAO open a case', async () => {
    const assessment = await t.ctx.db
      .selectFrom('assessments')
      .select('id')
      .where('epaRecordId', '=', records.Mia as string)
      .where('method', '=', 'discussion')
      .executeTakeFirstOrThrow();
    const iqa = await moderationCase(t.ctx, await actor('iqa@demo.capstone.test'), assessment.id);
    expect(iqa).toMatchObject({ assessorName: 'Helen Marsh', conflict: null, awaiting: true, decision: null });
    // Helen is not an IQA; were she moderating, the domain's conflict is what the page shows.
    const helen = { ...(await actor('assessor.one@demo.capstone.test')), role: 'iqa' as const };
    expect((await moderationCase(t.ctx, helen, assessment.id)).conflict?.code).toBe('OWN_ASSESSMENT');
    await expect(moderationCase(t.ctx, await actor('provider@riverside.demo.capstone.test'), assessment.id)).rejects.toMatchObject({ status: 403 });
  });
});
