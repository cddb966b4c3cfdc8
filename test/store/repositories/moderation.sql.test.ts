import { it } from 'vitest';
import {
  assessmentForModeration,
  batchForSignOff,
  markBatchSignedOff,
  moderationOf,
  openBatches,
  recordModeration,
  sampledAwaitingModeration,
  undecidedSamples,
} from '../../../src/store/repositories/moderation.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the moderation repository sends', async () => {
  await expectSqlSnapshot('moderation', {
    sampledAwaitingModeration: (db) => sampledAwaitingModeration(db),
    openBatches: (db) => openBatches(db),
    moderationOf: (db) => moderationOf(db, ID),
    assessmentForModeration: (db) => assessmentForModeration(db, ID),
    recordModeration: (db) =>
      recordModeration(db, ID, { moderationStatus: 'changed', moderatedBy: USER, moderatedAt: AT, moderatedGrade: 'pass', moderationReason: 'evidence thin' }),
    batchForSignOff: (db) => batchForSignOff(db, ID),
    undecidedSamples: (db) => undecidedSamples(db, ID),
    markBatchSignedOff: (db) => markBatchSignedOff(db, ID, USER, AT),
  });
});
