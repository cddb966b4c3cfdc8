// `capstone dfe send [--dry-run]` as a process, against the fake Assessor Service: a dry run
// counts and writes nothing; a send sends; without a connection only a dry run is possible;
// the key never appears in what it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import { startJobs } from '../../src/jobs/scheduler.ts';
import { ST0071_APPROVAL } from '../fake-dfe/approvals.ts';
import { startFakeAssessorService } from '../fake-dfe/server.ts';
import { freshDatabase } from '../fresh-database.ts';
import { validUln } from '../helpers.ts';

const KEY = 'sk-cli-0d5e8b-never-printed';
const ULN = validUln(760000000);

describe('capstone dfe send', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let fake: Awaited<ReturnType<typeof startFakeAssessorService>>;

  /** Runs the command (asynchronously: the fake answers from this process). */
  const capstone = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('./bin/capstone', args, { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'capstone-dfe-'));
    database = await freshDatabase();
    fake = await startFakeAssessorService({
      subscriptionKey: KEY,
      approvals: [ST0071_APPROVAL],
    });
    fake.service.addLearner({ uln: ULN, familyName: 'Okoro', givenNames: 'Tunde', standardReference: 'ST0071', learnStartDate: '2024-09-02' });
    const opened = await openApp({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    try {
      const db = opened.ctx.db;
      const provider = await db
        .insertInto('organisations')
        .values({ kind: 'provider', name: 'P', ukprn: '10000099' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const employer = await db.insertInto('organisations').values({ kind: 'employer', name: 'E' }).returning('id').executeTakeFirstOrThrow();
      const a = await db
        .insertInto('apprentices')
        .values({
          uln: ULN,
          givenNames: 'Tunde',
          familyName: 'Okoro',
          dateOfBirth: '2004-01-01',
          email: null,
          providerId: provider.id,
          employerId: employer.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const r = await db
        .insertInto('epaRecords')
        .values({
          apprenticeId: a.id,
          uln: ULN,
          standard: 'ST0071@1.2',
          standardCode: 'ST0071',
          policy: null,
          status: 'in-epa',
          startDate: '2024-09-02',
          registeredOn: '2025-09-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('results')
        .values({
          epaRecordId: r.id,
          overall: 'fail',
          capped: false,
          methodGrades: '{}',
          feedback: 'x',
          finalAssessmentOn: '2026-01-20',
          releasedOn: '2026-01-22',
          status: 'released',
        })
        .execute();
    } finally {
      await opened.close();
    }
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to send unconnected (exit 2), dry-runs without writing, then sends; never printing the key', async () => {
    const offline = await capstone(['dfe', 'send']);
    expect([offline.status, offline.stdout]).toEqual([2, '']);
    expect(offline.stderr).toContain('DFE_API_URL and DFE_SUBSCRIPTION_KEY');
    expect((await capstone(['dfe', 'nonsense'])).status).toBe(2);
    const env = { DFE_API_URL: fake.url, DFE_SUBSCRIPTION_KEY: KEY };
    const dry = await capstone(['dfe', 'send', '--dry-run', '--json'], env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, epa: { waiting: 1, sent: 0 }, counts: { queued: 1 } });
    expect(fake.requests).toEqual([]);
    const sent = await capstone(['dfe', 'send'], env);
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('EPA outcomes: 1 accepted');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/epa']);
    for (const out of [offline, dry, sent]) expect(out.stdout + out.stderr).not.toContain(KEY);
    const again = await capstone(['dfe', 'send', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ epa: { sent: 0 }, counts: { queued: 0, done: 1 } });
  }, 60_000);

  it('runs as a job when connected: scheduled every 10 minutes, once at start; its log says counts, never the key', async () => {
    vi.stubEnv('DFE_API_URL', fake.url);
    vi.stubEnv('DFE_SUBSCRIPTION_KEY', KEY);
    const opened = await openApp({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    const logged: string[] = [];
    try {
      const db = opened.ctx.db;
      const record = await db.selectFrom('epaRecords').select(['id']).where('uln', '=', ULN).executeTakeFirstOrThrow();
      // A re-sit passed since (the fail superseded): the record's outcomes are queued again.
      await db.updateTable('results').set({ status: 'superseded' }).where('epaRecordId', '=', record.id).execute();
      await db
        .insertInto('results')
        .values({
          epaRecordId: record.id,
          overall: 'pass',
          capped: true,
          methodGrades: '{}',
          feedback: null,
          finalAssessmentOn: '2026-03-10',
          releasedOn: '2026-03-12',
          status: 'released',
        })
        .execute();
      const before = fake.requests.length;
      const log = { info: (details: object, message: string) => void logged.push(`${message} ${JSON.stringify(details)}`), error() {} };
      const jobs = await startJobs(opened.ctx, { databaseUrl: database.url, pollingIntervalSeconds: 0.5, log });
      try {
        const deadline = Date.now() + 20_000;
        const put = () => fake.requests.slice(before).some((r) => r.method === 'PUT' && r.path === '/api/v1/epa');
        while (Date.now() < deadline && !(put() && logged.some((l) => l.startsWith('DfE run')))) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(put()).toBe(true);
        const schedules = await sql<{ cron: string }>`select cron from pgboss.schedule where name = 'dfe'`.execute(db);
        expect(schedules.rows.map((r) => r.cron)).toEqual(['*/10 * * * *']);
        expect(logged.some((l) => l.startsWith('DfE run'))).toBe(true);
        expect(logged.join('\n')).not.toContain(KEY);
      } finally {
        await jobs.stop();
      }
    } finally {
      await opened.close();
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
