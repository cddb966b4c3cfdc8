import { it } from 'vitest';
import { claimUnsent, markAllDelivered, markSent } from '../../../src/store/repositories/outbox.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the outbox repository sends', async () => {
  await expectSqlSnapshot('outbox', {
    markAllDelivered: (db) => markAllDelivered(db, AT),
    claimUnsent: (db) => claimUnsent(db, []),
    'claimUnsent (skipping failures)': (db) => claimUnsent(db, ['00000000-0000-4000-8000-000000000001']),
    markSent: (db) => markSent(db, '00000000-0000-4000-8000-000000000001', AT),
  });
});
