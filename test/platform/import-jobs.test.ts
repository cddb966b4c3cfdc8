// A CSV import from the pages as a pg-boss job: the upload is queued on the jobs' own queue,
// a worker takes it, and its run ends with the report, as in production (src/jobs/imports.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import { importRunState, startImport, storedImportReport } from '../../src/app/import-reports.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { type Jobs, startJobs } from '../../src/jobs/scheduler.ts';
import { freshPostgresUrl } from './harness.ts';

describe('imports as pg-boss jobs', () => {
  let opened: Awaited<ReturnType<typeof openApp>>;
  let database: Awaited<ReturnType<typeof freshPostgresUrl>>;
  let jobs: Jobs;
  let admin: Actor;
  let providerId: string;
  let employerId: string;

  beforeAll(async () => {
    database = await freshPostgresUrl('capstone_import_jobs');
    opened = await openApp({ DATABASE_URL: database.url }, { memory: true });
    const db = opened.ctx.db;
    const org = async (kind: 'epao' | 'provider' | 'employer', name: string) =>
      (
        await db
          .insertInto('organisations')
          .values({ kind, name, ukprn: kind === 'provider' ? '10000528' : null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const epao = await org('epao', 'The EPAO');
    providerId = await org('provider', 'Riverside College');
    employerId = await org('employer', 'Harbour Foods');
    const user = await db
      .insertInto('users')
      .values({ email: 'admin@jobs.test', name: 'Admin', role: 'epao-admin', organisationId: epao, apprenticeId: null, passwordHash: 'not-a-hash' })
      .returning('id')
      .executeTakeFirstOrThrow();
    admin = { userId: user.id, name: 'Admin', role: 'epao-admin', organisationId: epao, apprenticeId: null, assessorId: null };
    jobs = await startJobs(opened.ctx, { databaseUrl: database.url, runOnStart: false, pollingIntervalSeconds: 0.5 });
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
    await opened?.close();
    await database?.drop();
  });

  it('runs an upload on the imports queue and keeps its report', async () => {
    const key = crypto.randomUUID();
    const csv = [
      'uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date',
      `1234567899,Ada,Lovelace,2005-03-01,${employerId},${providerId},ST0071@1.2,2024-09-02`,
      `1234567805,Bad,Future,2030-03-01,${employerId},${providerId},ST0071@1.2,2024-09-02`,
    ].join('\n');
    await startImport(opened.ctx, admin, key, csv, jobs.imports);
    const deadline = Date.now() + 20_000;
    while ((await importRunState(opened.ctx, admin, key))?.status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await importRunState(opened.ctx, admin, key)).toMatchObject({ status: 'done', total: 2, validated: 2 });
    const report = await storedImportReport(opened.ctx, admin, key);
    expect(report, JSON.stringify(report)).toMatchObject({ total: 2, imported: 1, rejected: 1 });
    expect(report?.rows[1]).toMatchObject({ status: 'rejected', reasons: [{ code: 'DATE_OF_BIRTH_IN_FUTURE' }] });
  });
});
