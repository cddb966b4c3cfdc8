// Backups: the demo data (every table, evidence files, a signed audit log) is backed up and
// restored into an empty database, row for row; a database with rows is refused; a damaged
// archive is refused before anything is written; and the capstone command does it end to end.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/app/demo.ts';
import { buildServer } from '../../src/http/server.ts';
import { appendAudit, verifyAudit } from '../../src/store/audit.ts';
import type { AuditSigner } from '../../src/store/audit-key.ts';
import { sequenceOnce } from '../../src/store/audit-sequencer.ts';
import { backupDatabase } from '../../src/store/backup.ts';
import { BackupError } from '../../src/store/backup-archive.ts';
import { type Db, openDatabase } from '../../src/store/database.ts';
import { MemoryStorage } from '../../src/store/local-storage.ts';
import { restoreDatabase } from '../../src/store/restore.ts';
import { emptyDatabase, freshDatabase } from '../fresh-database.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

/** Every public table's rows as a sorted list of JSON texts: equal snapshots mean equal data. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(`public.${name}`)} t`.execute(db);
    out[name] = rows.rows.map((r) => r.j).sort();
  }
  return out;
}

/** Rows in the few tables the demo leaves empty, so every table's round trip is checked. */
async function fillTheRest(db: Db): Promise<void> {
  for (const statement of [
    sql`insert into sign_in_attempts (email, attempted_at, succeeded, address) values ('someone@example.test', now(), false, '10.0.0.1')`,
    sql`insert into sign_in_throttle (key, failures, last_failure_at) values ('["pair","someone@example.test","10.0.0.1"]', 1, now())`,
    sql`insert into sessions (id_hash, user_id, expires_at) select 'session-hash', id, now() + interval '1 day' from users order by email limit 1`,
    sql`insert into api_tokens (token_hash, name, user_id, scope, expires_at, revoked_at) select 'token-hash', 'MIS', id, 'read', now() + interval '90 days', now() from users order by email limit 1`,
    sql`insert into idempotency_keys (actor, key, request_hash, status, response) values ('actor', 'key-1', 'hash', 201, '{"id": "x", "n": [1, 2.5]}')`,
    sql`insert into assessor_availability (assessor_id, starts_at, ends_at) select id, now(), now() + interval '90 minutes' from assessors order by id limit 1`,
    sql`insert into assessor_relationships (assessor_id, organisation_id, nature) select a.id, o.id, 'former line manager' from assessors a, organisations o order by a.id, o.id limit 1`,
    sql`insert into malpractice_cases (epa_record_id, opened_on, allegation, status) select id, '2026-11-20', 'copied "work"\nline two', 'open' from epa_records order by id limit 1`,
    sql`insert into registration_clashes (uln, standard, standard_code, existing_record_id, requested_provider_id, requested_on, request)
        select r.uln, r.standard, r.standard_code, r.id, o.id, '2026-11-20', '{"givenNames": "Ada"}' from epa_records r, organisations o
        where o.kind = 'provider' order by r.id, o.id limit 1`,
    sql`insert into withdrawal_requests (epa_record_id, requested_by, requested_on, reason, status)
        select r.id, u.id, '2026-11-20', 'Left the employer; "moved" north', 'requested' from epa_records r, users u order by r.id, u.email limit 1`,
    sql`insert into gateway_declarations (epa_record_id, party, declared_by, declared_on, statement)
        select r.id, 'employer', u.id, '2026-11-20', 'I confirm … ☃' from epa_records r, users u where u.role = 'employer' order by r.id, u.email limit 1`,
    sql`insert into password_tokens (token_hash, user_id, purpose, expires_at) select 'link-hash', id, 'reset', now() + interval '1 hour' from users order by email limit 1`,
    sql`insert into mail_templates (kind, subject, body) values ('invitation', 'Welcome ☃', 'Hello {{name}}: {{link}}')`,
    sql`insert into malpractice_notes (case_id, written_by, note) select c.id, u.id, 'Spoke to them ☃' from malpractice_cases c, users u order by c.id, u.email limit 1`,
    sql`insert into complaints (complainant_id, subject, details, received_on) select id, 'Late ☃', 'Moved "late"', '2026-11-20' from users order by email limit 1`,
    sql`insert into assessor_weekly_hours (assessor_id, weekday, starts, ends) select id, 1, '09:00', '17:00' from assessors order by id limit 1`,
    sql`insert into assessor_leave (assessor_id, from_date, to_date, reason) select id, '2026-12-21', '2027-01-01', 'Christmas ☃' from assessors order by id limit 1`,
    sql`insert into outbox (to_address, subject, body, kind, dedupe_key) values ('a@example.test', 'Reminder', 'Body ☃ \u2028 end', 'reminder', 'dedupe-1')`,
    sql`insert into dfe_submissions (epa_record_id, kind, state, problems, sent_outcomes)
        select id, 'epa', 'rejected', '[{"code": "DFE_REFUSED", "message": "ULN, FamilyName and Standard not found. ☃"}]', '[{"epaDate": "2026-03-18", "epaOutcome": "Fail"}]'
        from epa_records r where not exists (select 1 from dfe_submissions s where s.epa_record_id = r.id) order by id limit 1`,
    sql`insert into schedule_proposals (kind, proposed_by, schedule_from, schedule_to, proposal)
        select 'schedule', id, '2026-04-01', '2026-04-30', '{"placements": [], "unplaced": [{"reason": "no assessor ☃"}]}' from users order by email limit 1`,
    sql`insert into import_runs (id, user_id, actor, file_sha256, file, status, total, validated)
        select gen_random_uuid(), id, '{"role": "epao-admin"}', 'sha', 'uln,given_names\r\n"1, ☃"', 'queued', 1, 0 from users order by email limit 1`,
  ])
    await statement.execute(db);
}

const publicTableCount = async (db: Db) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(db)).rows[0]?.n);

const refusal = async (work: Promise<unknown>): Promise<string> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).code;
};

describe.each(ENGINES)('backup and restore (%s)', (engine) => {
  let t: TestApp;
  let dir: string;
  let archive: string;
  let source: Record<string, string[]>;
  let signer: AuditSigner;

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-11-23');
    await loadDemo(t.ctx);
    await fillTheRest(t.ctx.db);
    signer = t.ctx.audit.signer as AuditSigner;
    await sequenceOnce(t.ctx.db, { signer });
    dir = mkdtempSync(join(tmpdir(), 'capstone-backup-'));
    archive = join(dir, 'capstone.backup.gz');
    const progress: string[] = [];
    const report = await backupDatabase(t.ctx.db, t.ctx.storage, archive, { onProgress: (m) => progress.push(m) });
    expect(report.files).toBeGreaterThan(0);
    expect(progress).toContain(`audit_log: ${(await t.ctx.db.selectFrom('auditLog').select('id').execute()).length} rows`);
    expect(existsSync(`${archive}.tmp`)).toBe(false);
    source = await snapshot(t.ctx.db);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row of every table, the evidence files and a verifiable audit log into an empty database', async () => {
    // Every table has rows (the demo's, and fillTheRest's), so "equal" is about real data.
    for (const [table, rows] of Object.entries(source)) expect(rows.length, table).toBeGreaterThan(0);
    expect(Object.keys(source).length).toBeGreaterThan(20);
    const target = await emptyDatabase();
    const handle = openDatabase({ url: target.url, poolSize: 2 });
    try {
      const storage = new MemoryStorage();
      const report = await restoreDatabase(handle.db, storage, archive);
      expect(report.checkpointKeyIds).toEqual([signer.keyId]);
      expect(await snapshot(handle.db)).toEqual(source);

      for (const f of await handle.db.selectFrom('files').select(['storageKey', 'sha256']).execute())
        expect(
          createHash('sha256')
            .update(await storage.get(f.storageKey))
            .digest('hex'),
        ).toBe(f.sha256);
      const audit = await verifyAudit(handle.db, { publicKeyPem: signer.publicKeyPem });
      expect(audit.breaks).toEqual([]);
      expect(audit.entries).toBe(source.audit_log?.length);
      // The identity sequence continues after the restored entries instead of colliding with them.
      const id = await appendAudit(handle.db, { actorId: null, actor: 'test', action: 'after-restore', entity: 'test', entityId: '1' });
      expect(id).toBeGreaterThan(Math.max(...(source.audit_log ?? []).map((j) => JSON.parse(j).id)));
      await sql`insert into sign_in_attempts (email, attempted_at, succeeded) values ('later@example.test', now(), true)`.execute(handle.db);

      const opened = await openApp({ DATABASE_URL: target.url }, { memory: true });
      const app = await buildServer(opened.ctx);
      try {
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: 'admin@demo.capstone.test', password: DEMO_PASSWORD },
        });
        expect(signIn.statusCode).toBe(200);
      } finally {
        await app.close();
        await opened.close();
      }
    } finally {
      await handle.close();
      await target.drop();
    }
  });

  it('loads parents before children where the role cannot switch foreign-key checks off', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    const role = `capstone_restorer_${Date.now()}`;
    const name = `${role}_db`;
    await admin.connect();
    await admin.query(`create role ${role} login password 'restorer'`);
    await admin.query(`create database ${name} owner ${role}`);
    const url = new URL(inject('databaseAdminUrl'));
    url.username = role;
    url.password = 'restorer';
    url.pathname = `/${name}`;
    const handle = openDatabase({ url: url.toString(), poolSize: 2 });
    try {
      const progress: string[] = [];
      await restoreDatabase(handle.db, new MemoryStorage(), archive, { onProgress: (m) => progress.push(m) });
      expect(progress.some((m) => m.includes('parents before children'))).toBe(true);
      expect(await snapshot(handle.db)).toEqual(source);
    } finally {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  it('refuses to restore into a database that has rows, and changes nothing', async () => {
    expect(await refusal(restoreDatabase(t.ctx.db, new MemoryStorage(), archive))).toBe('NOT_EMPTY');
    expect(await snapshot(t.ctx.db)).toEqual(source);
    // One organisation is enough to make a migrated database "not empty".
    const target = await emptyDatabase();
    const handle = openDatabase({ url: target.url, poolSize: 2 });
    try {
      const opened = await openApp({ DATABASE_URL: target.url }, { memory: true });
      await opened.ctx.db.insertInto('organisations').values({ kind: 'epao', name: 'Already here' }).execute();
      await opened.close();
      const before = await snapshot(handle.db);
      expect(await refusal(restoreDatabase(handle.db, new MemoryStorage(), archive))).toBe('NOT_EMPTY');
      expect(await snapshot(handle.db)).toEqual(before);
    } finally {
      await handle.close();
      await target.drop();
    }
  });

  it('restores into a freshly migrated database that has no rows yet', async () => {
    const target = await freshDatabase();
    const handle = openDatabase({ url: target.url, poolSize: 2 });
    try {
      await restoreDatabase(handle.db, new MemoryStorage(), archive);
      expect(await snapshot(handle.db)).toEqual(source);
    } finally {
      await handle.close();
      await target.drop();
    }
  });

  it('refuses a backup from a newer Capstone, and a database whose schema is ahead of the backup', async () => {
    /** The archive with its header edited and its checksum made again, as a careful forger would. */
    const reheader = (edit: (header: { migrations: string[] }) => void) => {
      const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
      const header = JSON.parse(lines[0] as string);
      edit(header);
      lines[0] = JSON.stringify(header);
      const body = `${lines.slice(0, -2).join('\n')}\n`;
      const trailer = { ...JSON.parse(lines.at(-2) as string), sha256: createHash('sha256').update(body).digest('hex') };
      const file = join(dir, `reheadered-${Date.now()}.gz`);
      writeFileSync(file, gzipSync(`${body}${JSON.stringify(trailer)}\n`));
      return file;
    };
    const empty = await emptyDatabase();
    const migrated = await freshDatabase();
    const emptyHandle = openDatabase({ url: empty.url, poolSize: 2 });
    const migratedHandle = openDatabase({ url: migrated.url, poolSize: 2 });
    try {
      const future = reheader((h) => h.migrations.push('999-from-the-future'));
      expect(await refusal(restoreDatabase(emptyHandle.db, new MemoryStorage(), future))).toBe('NEWER_BACKUP');
      expect(await publicTableCount(emptyHandle.db)).toBe(0);
      // Back to before 009, the last migration that changes tables (010 adds indexes only).
      const older = reheader((h) => h.migrations.splice(h.migrations.indexOf('009-audit-checkpoints')));
      const before = await snapshot(migratedHandle.db);
      expect(await refusal(restoreDatabase(migratedHandle.db, new MemoryStorage(), older))).toBe('SCHEMA_AHEAD');
      expect(await snapshot(migratedHandle.db)).toEqual(before);
      // Built to the older level, the tables are not the ones the archive describes.
      expect(await refusal(restoreDatabase(emptyHandle.db, new MemoryStorage(), older))).toBe('SCHEMA_MISMATCH');
      expect(await publicTableCount(emptyHandle.db)).toBe(0);
    } finally {
      await emptyHandle.close();
      await migratedHandle.close();
      await empty.drop();
      await migrated.drop();
    }
  });

  it('refuses a truncated archive, a flipped byte, an altered row and a file that is no backup, writing nothing', async () => {
    const bytes = readFileSync(archive);
    const text = gunzipSync(bytes).toString('utf8');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] = (flipped[Math.floor(bytes.length / 2)] as number) ^ 0xff;
    const cases: [string, Buffer, string][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'DAMAGED'],
      ['flipped', flipped, 'DAMAGED'],
      // Re-compressed after an edit: gzip is happy, the checksum is not.
      ['altered', gzipSync(text.replace('admin@demo.capstone.test', 'admin@evil.capstone.test')), 'DAMAGED'],
      ['cut at a line', gzipSync(text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1)), 'DAMAGED'],
      ['not gzip', Buffer.from('uln,given_names\n1234567890,Amelia\n'), 'NOT_A_BACKUP'],
      ['other gzip', gzipSync('{"hello": "world"}\n'), 'NOT_A_BACKUP'],
    ];
    const target = await emptyDatabase();
    const handle = openDatabase({ url: target.url, poolSize: 2 });
    try {
      for (const [name, content, code] of cases) {
        const file = join(dir, `${name}.gz`);
        writeFileSync(file, content);
        const storage = new MemoryStorage();
        expect(await refusal(restoreDatabase(handle.db, storage, file)), name).toBe(code);
        expect(await publicTableCount(handle.db), name).toBe(0);
        await expect(storage.get(JSON.parse(source.files?.[0] ?? '{}').sha256)).rejects.toThrow();
      }
    } finally {
      await handle.close();
      await target.drop();
    }
  });
});

describe('the capstone backup and restore commands', () => {
  const dirs: string[] = [];
  const temp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const capstone = (env: Record<string, string>, ...args: string[]) =>
    spawnSync('./bin/capstone', args, { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });

  it('back up an embedded DATA_DIR and restore it into another database and DATA_DIR, refusing a second restore', async () => {
    const dataDir = temp('capstone-backup-cli-');
    const file = join(temp('capstone-archive-'), 'nightly.gz');
    const opened = await openApp({ DATA_DIR: dataDir });
    let source: Record<string, string[]>;
    try {
      await loadDemo(opened.ctx);
      await sequenceOnce(opened.ctx.db, { signer: opened.ctx.audit.signer as AuditSigner });
      source = await snapshot(opened.ctx.db);
      // Taken while Capstone runs on the embedded server: the command uses it and leaves it running.
      const backup = capstone({ DATA_DIR: dataDir }, 'backup', file);
      expect(backup.stderr).toContain('audit_log: ');
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/^backup written to .*nightly\.gz: \d+ tables, \d+ rows, \d+ evidence files/);
      expect(existsSync(`${file}.tmp`)).toBe(false);
      expect(await opened.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(source.users?.length ?? -1);
    } finally {
      await opened.close();
    }

    const target = await emptyDatabase();
    const newDataDir = temp('capstone-restore-cli-');
    try {
      const restore = capstone({ DATA_DIR: newDataDir, DATABASE_URL: target.url }, 'restore', file);
      expect(restore.status, restore.stderr).toBe(0);
      expect(restore.stdout).toMatch(/^restored .*nightly\.gz \(taken /);
      // No audit key travels with a backup: the command says where the EPAO's must go.
      expect(restore.stderr).toMatch(/warning: .*audit-signing\.key/);
      const handle = openDatabase({ url: target.url, poolSize: 1 });
      try {
        expect(await snapshot(handle.db)).toEqual(source);
        for (const f of await handle.db.selectFrom('files').select(['storageKey', 'sha256']).execute())
          expect(
            createHash('sha256')
              .update(readFileSync(join(newDataDir, 'files', f.storageKey)))
              .digest('hex'),
          ).toBe(f.sha256);
      } finally {
        await handle.close();
      }

      const again = capstone({ DATA_DIR: newDataDir, DATABASE_URL: target.url }, 'restore', file);
      expect(again.status).toBe(2);
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(/^capstone: cannot restore .* \(NOT_EMPTY\): the database is not empty .*\n$/);
    } finally {
      await target.drop();
    }
  }, 180_000);

  it('refuse a missing file, a wrong file or a bad argument with one line and exit 2, creating nothing', () => {
    const scratch = temp('capstone-restore-refused-');
    const dataDir = join(scratch, 'data');
    const csv = join(scratch, 'apprentices.gz');
    writeFileSync(csv, 'uln,given_names\n1234567890,Amelia\n');
    for (const [args, message] of [
      [['restore'], /usage: capstone restore FILE/],
      [['backup', 'a', 'b'], /usage: capstone backup FILE/],
      [['restore', '/no/such/backup.gz'], /no such file/],
      [['restore', csv], /\(NOT_A_BACKUP\): it is not a Capstone backup/],
      [['backup', join(scratch, 'never-written.gz')], /no database to back up/],
    ] as const) {
      const run = capstone({ DATA_DIR: dataDir }, ...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    // A refused restore created no embedded database; a refused backup wrote no file.
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(join(scratch, 'never-written.gz'))).toBe(false);
  });
});
