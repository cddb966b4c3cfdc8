// A failed project's rework through the API and the pages: due within 1 month of the fail's
// release (001 §8; 000 Re-sits and Re-takes; 004 Section 3), instead of the first report's
// deadline after gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Parties, partiesOf, register, report, throughGateway, uploaded } from '../fixtures/epa.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('the rework of a failed project', () => {
  let t: TestApp;
  let p: Parties;
  let admin: { email: string; cookie: string };
  let provider: { email: string; cookie: string };
  /** Moves "today"; sessions last hours, so everyone signs in again. */
  let travel: (date: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, provider, p, travel } = await partiesOf(t));
  }, 60_000);
  afterAll(() => t.close());

  /** Approved at gateway on 5 January 2026 (first report due 5 March); the project failed, released on 20 March when `failed`. */
  async function recordWithFail(failed = true): Promise<string> {
    await travel('2026-01-05');
    const record = await register(t, p);
    await throughGateway(t, p, record.id);
    if (failed)
      await t.ctx.db
        .insertInto('results')
        .values({
          epaRecordId: record.id,
          overall: 'fail',
          capped: false,
          methodGrades: JSON.stringify({ observation: 'pass', project: 'fail', discussion: 'pass' }),
          feedback: 'The project does not yet show the analysis of trends the criteria ask for.',
          finalAssessmentOn: '2026-03-10',
          releasedOn: '2026-03-20',
          status: 'released',
        } as never)
        .execute();
    return record.id;
  }

  const submitReport = async (recordId: string) =>
    t.request('POST', `/api/v1/records/${recordId}/submissions`, {
      cookie: provider.cookie,
      body: { kind: 'project-report', fileId: await uploaded(t, provider.cookie, recordId, 'project-report', report(2500)) },
    });

  it('accepts a rework sent 13 days after the fail, though the first report was due on 5 March', async () => {
    const id = await recordWithFail();
    await travel('2026-04-02');
    const sent = await submitReport(id);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().outcome.due).toEqual({ date: '2026-04-20', source: expect.stringContaining('001_1e92b44f98d10fcb.txt, §8') });
  });

  it('refuses a rework sent 40 days after the fail as late, with its own code', async () => {
    const id = await recordWithFail();
    await travel('2026-04-29');
    const sent = await submitReport(id);
    expect(sent.statusCode, sent.body).toBe(422);
    expect(sent.json()).toMatchObject({
      code: 'REWORK_AFTER_DEADLINE',
      findings: [{ code: 'REWORK_AFTER_DEADLINE', due: '2026-04-20', failReleasedOn: '2026-03-20', submittedOn: '2026-04-29' }],
    });
    expect((await t.request('GET', `/api/v1/records/${id}/submissions`, { cookie: admin.cookie })).json().submissions).toEqual([]);
  });

  it('lists every finding’s code at the top of a refusal with several', async () => {
    const id = await recordWithFail();
    await travel('2026-04-29');
    const sent = await t.request('POST', `/api/v1/records/${id}/submissions`, {
      cookie: provider.cookie,
      body: { kind: 'project-report', fileId: await uploaded(t, provider.cookie, id, 'project-report', report(1000)) },
    });
    expect(sent.statusCode, sent.body).toBe(422);
    expect(sent.json()).toMatchObject({ code: 'WORD_COUNT_TOO_LOW', codes: ['WORD_COUNT_TOO_LOW', 'REWORK_AFTER_DEADLINE'] });
  });

  it('leaves a first report to its own deadline after gateway', async () => {
    const id = await recordWithFail(false);
    await travel('2026-04-02');
    const sent = await submitReport(id);
    expect([sent.statusCode, sent.json().code]).toEqual([422, 'PROJECT_AFTER_DEADLINE']);
  });

  it('shows the rework’s due date on the work page', async () => {
    const id = await recordWithFail();
    await travel('2026-03-25');
    const page = await t.request('GET', `/records/${id}/work`, { cookie: provider.cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('20 April 2026: the rework of the failed project, after the result released on 20 March 2026');
  });
});
