// The signed audit log against someone who owns the database: every kind of tampering is
// named by `capstone audit verify`, a rewrite with re-computed hashes included, because the
// checkpoints are signed with a key the database never holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import { registerApprentice } from '../../src/app/records.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { throwawaySigner } from '../../src/store/audit-key.ts';
import { sequenceOnce } from '../../src/store/audit-sequencer.ts';
import { freshDatabase } from '../fresh-database.ts';
import { validUln } from '../helpers.ts';

// A data directory of its own (the signing key and the checkpoints file live there) over a
// database of its own on the run's server.
let dataDir: string;
let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'capstone-audit-'));
  database = await freshDatabase();
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
    for (const uln of [100000000, 200000000, 300000000, 400000000, 500000000, 600000000].map(validUln))
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
  });
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database.drop();
});

const capstone = (...args: string[]) =>
  spawnSync('./bin/capstone', args, { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url }, encoding: 'utf8' });
const verify = (...args: string[]) => {
  const run = capstone('audit', 'verify', '--json', ...args);
  if (run.status === 2) throw new Error(run.stderr);
  return {
    status: run.status,
    report: JSON.parse(run.stdout) as { intact: boolean; entries: number; pending: number; breaks: { code: string; seq: number; message: string }[] },
  };
};
const codes = (r: ReturnType<typeof verify>) => r.report.breaks.map((b) => `${b.code}@${b.seq}`);

async function withDb(work: (opened: Awaited<ReturnType<typeof openApp>>) => Promise<void>) {
  const opened = await openApp({ DATA_DIR: dataDir, DATABASE_URL: database.url });
  try {
    await work(opened);
  } finally {
    await opened.close();
  }
}

/** Tampering as the database's owner would: with the append-only triggers switched off. */
const asOwner = (statements: ReturnType<typeof sql>[]) =>
  withDb(({ ctx }) =>
    ctx.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      for (const s of statements) await s.execute(trx);
    }),
  );

/** The owner re-sequences and re-signs the whole log, with a key of their own. */
const rehashAll = () =>
  withDb(async ({ ctx }) => {
    await ctx.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from audit_checkpoints`.execute(trx);
      await sql`update audit_log set seq = null`.execute(trx);
    });
    await sequenceOnce(ctx.db, { signer: throwawaySigner() });
  });

describe('capstone audit verify (a real data directory)', () => {
  it('signs and passes an untouched log; the database refuses an ordinary edit', async () => {
    const intact = verify();
    expect(intact.status).toBe(0);
    expect(intact.report).toMatchObject({ intact: true, entries: 6, pending: 0, breaks: [] });
    await withDb(async ({ ctx }) => {
      await expect(sql`update audit_log set actor = 'someone' where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_checkpoints`.execute(ctx.db)).rejects.toThrow(/append-only/);
    });
    expect(capstone('audit', 'verify').stdout).toMatch(/^audit log intact: 6 entries match 1 signed checkpoints/);
  });

  it('names an altered entry, even when the owner re-hashes and re-signs the whole log', async () => {
    verify();
    await asOwner([sql`update audit_log set after = jsonb_set(after, '{familyName}', '"Someone Else"') where seq = 2`]);
    expect(codes(verify())).toEqual(['AUDIT_ENTRY_ALTERED@2']);
    await rehashAll();
    const rewritten = verify();
    expect(rewritten.status).toBe(1);
    expect(codes(rewritten)).toEqual(['AUDIT_ENTRY_ALTERED@2']);
    // Without the checkpoints file the database's own checkpoints are all there is: they are not signed by the key.
    const empty = join(dataDir, 'no-checkpoints.log');
    writeFileSync(empty, '');
    expect(verify('--checkpoints', empty).report.breaks.map((b) => b.code)).toEqual(['AUDIT_CHECKPOINT_FORGED']);
    expect(capstone('audit', 'verify').stdout).toContain('audit log BROKEN');
  });

  it('names an inserted entry and a deleted one', async () => {
    verify();
    await asOwner([
      sql`update audit_log set seq = -seq where seq >= 3`,
      sql`update audit_log set seq = -seq + 1 where seq < 0`,
      sql`insert into audit_log (seq, at, actor, action, entity, entity_id, before, after) values (3, now(), 'Admin', 'regrade', 'assessment', 'x', null, '{}')`,
    ]);
    expect(codes(verify())).toEqual(['AUDIT_ENTRY_INSERTED@3']);
    await asOwner([sql`delete from audit_log where seq = 3`, sql`delete from audit_log where seq = 5`]);
    expect(codes(verify())).toEqual(['AUDIT_ENTRY_MISSING@4']);
  });

  it('names the last entries deleted with the head rewound and re-signed', async () => {
    verify();
    await asOwner([sql`delete from audit_log where seq > 4`]);
    await rehashAll();
    // The owner's own checkpoint is not signed by the key; the file's signed one still covers 6 entries.
    expect(codes(verify())).toEqual(['AUDIT_CHECKPOINT_FORGED@4', 'AUDIT_ENTRY_MISSING@5']);
  });

  it('proves one entry on its own, and the proof fails for a changed entry', async () => {
    verify();
    const proof = capstone('audit', 'prove', '3');
    expect(proof.status, proof.stderr).toBe(0);
    const file = join(dataDir, 'proof.json');
    writeFileSync(file, proof.stdout);
    const key = join(dataDir, 'public.pem');
    writeFileSync(key, capstone('audit', 'public-key').stdout);
    const checked = capstone('audit', 'verify', '--entry', file, '--public-key', key);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^entry 3 \(register epa-record /);
    const forged = JSON.parse(proof.stdout);
    forged.entry.after = { ...forged.entry.after, familyName: 'Someone Else' };
    writeFileSync(file, JSON.stringify(forged));
    expect(capstone('audit', 'verify', '--entry', file, '--public-key', key).status).toBe(1);
    expect(capstone('audit', 'prove', 'abc').status).toBe(2);
  });
});
