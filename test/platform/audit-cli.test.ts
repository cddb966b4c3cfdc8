import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import { registerApprentice } from '../../src/app/records.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { validUln } from '../helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'capstone-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const verify = () =>
  spawnSync('./bin/capstone', ['audit', 'verify', '--json'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });

async function withDb(work: (opened: Awaited<ReturnType<typeof openApp>>) => Promise<void>) {
  const opened = await openApp({ DATA_DIR: dataDir });
  try {
    await work(opened);
  } finally {
    await opened.close();
  }
}

describe('capstone audit verify (a real data directory)', () => {
  it('passes an intact chain, then catches a hand-edited row and a deleted row', async () => {
    await withDb(async ({ ctx }) => {
      const epao = await ctx.db.insertInto('organisations').values({ kind: 'epao', name: 'EPAO' }).returning('id').executeTakeFirstOrThrow();
      const provider = await ctx.db
        .insertInto('organisations')
        .values({ kind: 'provider', name: 'P', ukprn: '10000099' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const employer = await ctx.db.insertInto('organisations').values({ kind: 'employer', name: 'E' }).returning('id').executeTakeFirstOrThrow();
      const admin: Actor = {
        userId: '00000000-0000-4000-8000-000000000001',
        role: 'epao-admin',
        organisationId: epao.id,
        apprenticeId: null,
        assessorId: null,
        name: 'Admin',
      };
      const ulns = [100000000, 200000000, 300000000, 400000000].map(validUln);
      for (const uln of ulns) {
        await registerApprentice(ctx, admin, {
          uln,
          givenNames: 'A',
          familyName: `Apprentice ${uln}`,
          dateOfBirth: '2004-01-01',
          ehcp: false,
          providerId: provider.id,
          employerId: employer.id,
          standard: 'ST0071@1.2',
          policy: null,
          startDate: '2024-01-01',
          extraTimePercent: 0,
        });
      }
    });
    const intact = verify();
    expect(intact.status, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, entries: 4 });

    await withDb(async ({ ctx }) => {
      // The database refuses an ordinary edit of the log…
      await expect(sql`update audit_log set actor = 'someone' where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
      // …but a superuser can switch triggers off; then the hash chain is what tells.
      await ctx.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`update audit_log set after = jsonb_set(after, '{familyName}', '"Someone Else"') where seq = 2`.execute(trx);
      });
    });
    const edited = verify();
    expect(edited.status).toBe(1);
    expect(JSON.parse(edited.stdout).breaks).toEqual([expect.objectContaining({ code: 'AUDIT_ENTRY_ALTERED', seq: 2 })]);

    await withDb(async ({ ctx }) => {
      await ctx.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`delete from audit_log where seq = 3`.execute(trx);
      });
    });
    const deleted = verify();
    expect(deleted.status).toBe(1);
    expect(JSON.parse(deleted.stdout).breaks.map((b: { code: string }) => b.code)).toEqual(
      expect.arrayContaining(['AUDIT_ENTRY_ALTERED', 'AUDIT_ENTRY_MISSING']),
    );

    const text = spawnSync('./bin/capstone', ['audit', 'verify'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
    expect(text.stdout).toContain('audit chain BROKEN');
  }, 60_000);
});
