// Migration 007 on a database that already holds apprentices: the rows of each ULN are
// keyed as the identity rule keys them, a ULN that already holds two people is left
// unkeyed (outside the constraint) instead of failing the migration, the temporary ULN
// is exempt, and from then on the database refuses a second person under a keyed ULN.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/store/database.ts';
import * as m001 from '../../src/store/migrations/001-platform-core.ts';
import * as m002 from '../../src/store/migrations/002-assessment-to-certificate.ts';
import * as m003 from '../../src/store/migrations/003-audit-append-only.ts';
import * as m004 from '../../src/store/migrations/004-one-assessment-per-attempt.ts';
import * as m007 from '../../src/store/migrations/007-registration-clashes.ts';
import { emptyDatabase } from '../fresh-database.ts';
import { ENGINES } from './harness.ts';

describe.each(ENGINES)('migration 007 over existing apprentices (%s)', () => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let db: Kysely<unknown>;
  let providerId: string;
  let employerId: string;

  const insert = (uln: string, familyName: string, dateOfBirth = '2005-03-01') =>
    sql`insert into apprentices (uln, given_names, family_name, date_of_birth, provider_id, employer_id)
        values (${uln}, 'Ada', ${familyName}, ${dateOfBirth}, ${providerId}, ${employerId})`.execute(db);
  const keys = async (uln: string) =>
    (await sql<{ key: string | null }>`select identity_key as key from apprentices where uln = ${uln} order by family_name`.execute(db)).rows.map((r) => r.key);

  beforeAll(async () => {
    const pg = await emptyDatabase();
    drop = pg.drop;
    handle = openDatabase({ url: pg.url });
    db = handle.db as unknown as Kysely<unknown>;
    for (const m of [m001, m002, m003, m004]) await m.up(db);
    providerId = (await sql<{ id: string }>`insert into organisations (kind, name, ukprn) values ('provider', 'P', '10000001') returning id`.execute(db))
      .rows[0]?.id as string;
    employerId = (await sql<{ id: string }>`insert into organisations (kind, name) values ('employer', 'E') returning id`.execute(db)).rows[0]?.id as string;
    await insert('1234567899', 'Lovelace');
    await insert('1234567899', 'LOVELACE');
    await insert('1100000002', 'Hopper');
    await insert('1100000002', 'Clarke');
    await insert('9999999999', 'Turing');
    await insert('9999999999', 'Babbage');
    await m007.up(db);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it('keys each person as the identity rule does, and leaves a ULN already holding two people, and the temporary ULN, unkeyed', async () => {
    expect(await keys('1234567899')).toEqual(['lovelace|2005-03-01', 'lovelace|2005-03-01']);
    expect(await keys('1100000002')).toEqual([null, null]);
    expect(await keys('9999999999')).toEqual([null, null]);
  });

  it('refuses a second person under a ULN from then on, and takes the same one', async () => {
    const second = sql`insert into apprentices (uln, given_names, family_name, date_of_birth, provider_id, employer_id, identity_key)
      values ('1234567899', 'Grace', 'Hopper', '2005-03-01', ${providerId}, ${employerId}, 'hopper|2005-03-01')`.execute(db);
    await expect(second).rejects.toMatchObject({ code: '23P01' });
    await sql`insert into apprentices (uln, given_names, family_name, date_of_birth, provider_id, employer_id, identity_key)
      values ('1234567899', 'Ada', 'Lovelace', '2005-03-01', ${providerId}, ${employerId}, 'lovelace|2005-03-01')`.execute(db);
    expect(await keys('1234567899')).toHaveLength(3);
  });

  it('is undone by its down migration', async () => {
    await m007.down(db);
    const columns = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.columns where table_name = 'apprentices' and column_name = 'identity_key'`.execute(db);
    expect(columns.rows[0]?.n).toBe(0);
  });
});
