// A query built once runs with each call's parameters in their places, and the fixed
// values the query was built with stay where they were.
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/store/compiled-query.ts';
import { recordingDb } from './sql-snapshot.ts';

describe('compiledOnce', () => {
  it('builds the query once and sends each call its own parameters beside the fixed ones', async () => {
    const sent: { sql: string; parameters: readonly unknown[] }[] = [];
    const db = recordingDb((sql, parameters) => sent.push({ sql, parameters }));
    let builds = 0;
    const byUln = compiledOnce<{ uln: string; after: Date }, unknown>((db, param) => {
      builds++;
      return db
        .selectFrom('epaRecords')
        .select('id')
        .where('status', '=', 'registered')
        .where('uln', '=', param('uln'))
        .where('createdAt', '>', param('after'));
    });
    const after = new Date('2026-01-05T00:00:00Z');
    await byUln(db, { uln: '1234567890', after });
    await byUln(db, { uln: '9876543210', after });
    expect(builds).toBe(1);
    expect(sent.map((s) => s.sql)).toEqual([
      'select "id" from "epa_records" where "status" = $1 and "uln" = $2 and "created_at" > $3',
      'select "id" from "epa_records" where "status" = $1 and "uln" = $2 and "created_at" > $3',
    ]);
    expect(sent.map((s) => s.parameters)).toEqual([
      ['registered', '1234567890', after],
      ['registered', '9876543210', after],
    ]);
  });

  it('refuses a parameter that does not reach the SQL as one value', async () => {
    const lost = compiledOnce<{ uln: string }, unknown>((db, param) => {
      param('uln');
      return db.selectFrom('epaRecords').select('id');
    });
    await expect(
      lost(
        recordingDb(() => {}),
        { uln: '1' },
      ),
    ).rejects.toThrow(/did not reach the SQL/);
  });
});
