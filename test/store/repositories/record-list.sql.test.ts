import { it } from 'vitest';
import { RECORD_QUEUES, recordListCount, recordListPage } from '../../../src/store/repositories/record-list.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-20T12:00:00Z');
const EVERY_FILTER = {
  words: ['leo', '50%_off'],
  status: 'in-epa' as const,
  standard: 'ST0071',
  providerId: ORG,
  employerId: ORG,
  assessorId: ORG,
  windowEndsFrom: '2026-01-01',
  windowEndsTo: '2026-12-31',
  overdueOn: '2026-06-01',
};

it('keeps the SQL the apprentices list sends', async () => {
  await expectSqlSnapshot('record-list', {
    firstPageNewest: (db) => recordListPage(db, { kind: 'all' }, {}, { sort: 'newest', after: null, limit: 51 }),
    nextPageByName: (db) =>
      recordListPage(db, { kind: 'provider', organisationId: ORG }, {}, { sort: 'name', after: { key: ['baker', 'leo'], id: ID }, limit: 51 }),
    nextPageByStatus: (db) => recordListPage(db, { kind: 'all' }, {}, { sort: 'status', after: { key: ['2', 'baker', 'leo'], id: ID }, limit: 51 }),
    nextPageByGateway: (db) => recordListPage(db, { kind: 'all' }, {}, { sort: 'gateway', after: { key: ['2026-01-01'], id: ID }, limit: 51 }),
    nextPageByWindowEnd: (db) => recordListPage(db, { kind: 'all' }, {}, { sort: 'window-end', after: { key: ['infinity'], id: ID }, limit: 51 }),
    everyFilter: (db) => recordListPage(db, { kind: 'employer', organisationId: ORG }, EVERY_FILTER, { sort: 'newest', after: null, limit: 51, offset: 10 }),
    countEveryFilter: (db) => recordListCount(db, { kind: 'all' }, EVERY_FILTER),
    releasedOnly: (db) => recordListPage(db, { kind: 'all' }, { releasedOnly: true }, { sort: 'newest', after: null, limit: 1000 }),
    ...Object.fromEntries(
      RECORD_QUEUES.map((id) => [
        `queue ${id}`,
        (db: Parameters<typeof recordListCount>[0]) =>
          recordListCount(
            db,
            { kind: 'all' },
            {
              queue: {
                id,
                now: NOW,
                today: '2026-03-20',
                unconfirmedUntil: new Date(NOW.getTime() + 14 * 86_400_000),
                appealsLateIfLodgedBy: { acknowledge: '2026-03-12', decide: '2026-02-19' },
                releasableFrom: ['in-epa'],
                methodCounts: { 'ST0071@1.2': 3 },
              },
            },
          ),
      ]),
    ),
  });
});
