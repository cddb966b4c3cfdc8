import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../src/app/demo.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('the demo data (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-11-23');
  });
  afterAll(() => t.close());

  it('loads once, through the use-cases, with apprentices at every stage and an intact audit chain', async () => {
    const loaded = await loadDemoIfEmpty(t.ctx);
    expect(loaded?.users.length).toBeGreaterThan(15);
    expect(await loadDemoIfEmpty(t.ctx)).toBeNull();
    const statuses = (await t.ctx.db.selectFrom('epaRecords').select('status').execute()).map((r) => r.status);
    for (const status of ['withdrawn', 'registered', 'gateway-submitted', 'gateway-rejected', 'in-epa', 'completed']) expect(statuses).toContain(status);
    const assessments = await t.ctx.db.selectFrom('assessments').select(['status', 'moderationStatus']).execute();
    expect(assessments.some((a) => a.status === 'draft')).toBe(true);
    expect(assessments.some((a) => a.moderationStatus === 'pending')).toBe(true);
    expect(assessments.some((a) => a.moderationStatus === 'signed-off' || a.moderationStatus === 'agreed')).toBe(true);
    const results = await t.ctx.db.selectFrom('results').select('overall').execute();
    expect(results.map((r) => r.overall).sort()).toEqual(['distinction', 'fail', 'pass']);
    expect(await t.ctx.db.selectFrom('reattempts').select('id').execute()).toHaveLength(1);
    expect((await t.ctx.db.selectFrom('certificates').select('status').execute()).map((c) => c.status).sort()).toEqual(['requested', 'sent']);
    expect(await t.ctx.db.selectFrom('appeals').select('status').execute()).toEqual([{ status: 'lodged' }]);

    const admin = await t.signIn('admin@demo.capstone.test', DEMO_PASSWORD);
    expect((await t.request('GET', '/api/v1/audit/verify', { cookie: admin })).json().intact).toBe(true);
    const provider = await t.signIn('provider@riverside.demo.capstone.test', DEMO_PASSWORD);
    const own = (await t.request('GET', '/api/v1/records', { cookie: provider })).json().records;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r: { provider: { name: string } }) => r.provider.name === 'Riverside Training')).toBe(true);
  });
});
