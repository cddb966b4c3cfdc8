// The timeline of a demo record, as the use-case reads it: every event in order, and each
// role shown only what it may know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { loadDemoIfEmpty } from '../../src/app/demo.ts';
import { recordTimeline } from '../../src/app/timeline.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { addDays, addMonths } from '../../src/domain/calendar/dates.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

const TODAY = '2026-11-23';

describe.each(ENGINES)('the timeline of an EPA record (%s)', (engine) => {
  let t: TestApp;
  const actor = async (email: string): Promise<Actor> => {
    const user = await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return (await actorForUser(t.ctx, user.id)) as Actor;
  };
  const recordOf = async (familyName: string) =>
    t.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['epaRecords.id', 'epaRecords.gatewayApprovedOn', 'epaRecords.registeredOn'])
      .where('apprentices.familyName', '=', familyName)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday(TODAY);
    await loadDemoIfEmpty(t.ctx);
  }, 60_000);
  afterAll(() => t.close());

  it('lists a completed EPA from registration to the certificate sent, oldest first', async () => {
    const ethan = await recordOf('Wright');
    const g = ethan.gatewayApprovedOn as string;
    const provider = await actor('provider@summit.demo.capstone.test');
    const events = await recordTimeline(t.ctx, provider, ethan.id);
    expect(events.map((e) => [e.kind, e.date, e.method?.id ?? e.work ?? null])).toEqual([
      ['registered', ethan.registeredOn, null],
      ['gateway-submitted', g, null],
      ['gateway-approved', g, null],
      ['booked', g, 'observation'],
      ['booked', g, 'discussion'],
      ['booked', g, 'project'],
      ['assessment-held', addDays(g, 14), 'observation'],
      ['assessment-held', addDays(g, 21), 'discussion'],
      ['work-submitted', addDays(g, 24), 'project-report'],
      ['assessment-held', addDays(g, 42), 'project'],
      ['moderated', addDays(g, 46), 'observation'],
      ['moderated', addDays(g, 46), 'discussion'],
      ['moderated', addDays(g, 46), 'project'],
      ['result-released', addDays(g, 48), null],
      ['certificate-requested', addDays(g, 50), null],
      ['certificate-issued', addDays(g, 57), null],
      ['certificate-sent', addDays(g, 59), null],
    ]);
    expect(events.every((e) => !e.upcoming)).toBe(true);
    const submitted = events.find((e) => e.kind === 'work-submitted');
    // The demo's report: 2,450 words of body and its title, the 600-word annex not counted.
    expect(submitted?.wordCount).toBe(2453);
    expect(submitted?.wordLimits).toEqual({ min: 2250, max: 2750 });
    expect(events.some((e) => e.kind === 'work-due')).toBe(false);
    expect(events.find((e) => e.kind === 'result-released')).toMatchObject({ grade: 'distinction', status: 'released' });
    // Provisional grades and the IQA's decisions are the EPAO's until the result is released.
    expect(events.filter((e) => e.kind === 'assessment-held').map((e) => e.grade)).toEqual([null, null, null]);
    expect(events.filter((e) => e.kind === 'moderated').every((e) => e.outcome === null && e.grade === null)).toBe(true);

    const admin = await actor('admin@demo.capstone.test');
    const seen = await recordTimeline(t.ctx, admin, ethan.id);
    expect(seen.filter((e) => e.kind === 'assessment-held').map((e) => e.grade)).toEqual(['distinction', 'distinction', 'distinction']);
    expect(seen.filter((e) => e.kind === 'moderated').every((e) => typeof e.outcome === 'string')).toBe(true);
  });

  it('shows a fail, the appeal, and the re-sit still to come', async () => {
    const sophie = await recordOf('Green');
    const g = sophie.gatewayApprovedOn as string;
    const apprentice = await actor('sophie.green@apprentice.demo.capstone.test');
    const events = await recordTimeline(t.ctx, apprentice, sophie.id);
    const after = events.filter((e) => e.date > addDays(g, 46));
    const resitOn = events.find((e) => e.kind === 'reattempt')?.date as string;
    expect(after.map((e) => [e.kind, e.method?.id ?? null, e.upcoming])).toEqual([
      ['result-released', null, false],
      ['appeal-lodged', null, false],
      ['booked', 'observation', false],
      ...(addMonths(g, 3) < resitOn ? [['epa-window-ends', null, true]] : []),
      ['reattempt', 'observation', true],
      ['assessment', 'observation', true],
      ...(addMonths(g, 3) >= resitOn ? [['epa-window-ends', null, true]] : []),
    ]);
    expect(events.find((e) => e.kind === 'result-released')).toMatchObject({ grade: 'fail' });
    expect(events.find((e) => e.kind === 'result-released')?.methodGrades).toContainEqual({
      method: 'observation',
      name: 'Practical observation with Q&As',
      grade: 'fail',
    });
    expect(events.find((e) => e.kind === 'reattempt')).toMatchObject({ outcome: 'resit', attempt: 2 });
    expect(events.find((e) => e.kind === 'appeal-lodged')?.reasons?.[0]).toContain('escalation');
  });

  it('gives the reasons a gateway was not approved, and a withdrawal with its reason', async () => {
    const oliver = await recordOf('Price');
    const employer = await actor('employer@harbour.demo.capstone.test');
    const rejected = (await recordTimeline(t.ctx, employer, oliver.id)).find((e) => e.kind === 'gateway-rejected');
    expect(rejected?.reasons).toEqual([
      'The employer validation statement is not signed and dated.',
      'Portfolio piece 7 is a reflective account, which cannot be used as evidence.',
    ]);
    const ruby = await recordOf('Hall');
    const riverside = await actor('provider@riverside.demo.capstone.test');
    const events = await recordTimeline(t.ctx, riverside, ruby.id);
    expect(events.map((e) => e.kind)).toEqual(['registered', 'withdrawn']);
    expect(events[1]?.reasons?.[0]).toContain('Left the employer');
  });

  it('is not found for another organisation, and refused to an assessor', async () => {
    const ethan = await recordOf('Wright');
    await expect(recordTimeline(t.ctx, await actor('provider@riverside.demo.capstone.test'), ethan.id)).rejects.toMatchObject({ status: 404 });
    await expect(recordTimeline(t.ctx, await actor('employer@harbour.demo.capstone.test'), ethan.id)).rejects.toMatchObject({ status: 404 });
    await expect(recordTimeline(t.ctx, await actor('assessor.one@demo.capstone.test'), ethan.id)).rejects.toMatchObject({ status: 403 });
  });
});
