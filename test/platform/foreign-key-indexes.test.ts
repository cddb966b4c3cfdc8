// The foreign keys that bookings, appeals and malpractice cases are looked up by are
// indexed, and the planner uses those indexes for the lookups the repositories make.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../fresh-database.ts';

describe('indexes on the foreign keys the queries look rows up by', () => {
  let client: pg.Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  it.each([
    ['assessor_relationships', 'assessor_id', 'assessor_relationships_assessor'],
    ['assessor_availability', 'assessor_id', 'assessor_availability_assessor'],
    ['appeals', 'epa_record_id', 'appeals_record'],
    ['malpractice_cases', 'epa_record_id', 'malpractice_cases_record'],
  ])('finds %s rows by %s through %s', async (table, column, index) => {
    const found = await client.query('select indexdef from pg_indexes where tablename = $1 and indexname = $2', [table, index]);
    expect(found.rows[0]?.indexdef).toContain(`(${column}`);
    // With sequential scans priced out, a lookup by the key must be able to use the index.
    await client.query('set enable_seqscan = off');
    const plan = await client.query(`explain select * from ${table} where ${column} = '00000000-0000-4000-8000-000000000001'`);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(index);
    await client.query('reset enable_seqscan');
  });
});
