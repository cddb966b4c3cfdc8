import { it } from 'vitest';
import {
  acknowledgeAppealRow,
  appealDetail,
  assessorUserIds,
  assignReviewerRow,
  insertAppeal,
  insertResult,
  latestAttempts,
  lockAppeal,
  lockRecordRow,
  lockResultOfRecord,
  lockResultRow,
  moderatorUserIds,
  openAppealOf,
  openAppealOfRecord,
  openAppeals,
  recordAppealDecision,
  reviewerCandidates,
  setRecordStatus,
  supersedeResult,
  userById,
} from '../../../src/store/repositories/appeals.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

it('keeps the SQL the appeals repository sends', async () => {
  await expectSqlSnapshot('appeals', {
    lockResultOfRecord: (db) => lockResultOfRecord(db, ID, OTHER),
    lockResultRow: (db) => lockResultRow(db, ID),
    openAppealOf: (db) => openAppealOf(db, ID),
    insertAppeal: (db) => insertAppeal(db, { epaRecordId: ID, resultId: OTHER, lodgedOn: '2026-02-10', lodgedBy: ID, grounds: 'the grade', evidence: null }),
    lockAppeal: (db) => lockAppeal(db, ID),
    recordAppealDecision: (db) =>
      recordAppealDecision(db, ID, { status: 'rejected', decidedBy: ID, decidedOn: '2026-02-11', decision: { outcome: 'rejected' } }),
    assessorUserIds: (db) => assessorUserIds(db, ID),
    moderatorUserIds: (db) => moderatorUserIds(db, ID),
    acknowledgeAppealRow: (db) => acknowledgeAppealRow(db, ID, '2026-02-12', OTHER),
    assignReviewerRow: (db) => assignReviewerRow(db, ID, OTHER, '2026-02-12'),
    openAppealOfRecord: (db) => openAppealOfRecord(db, ID),
    reviewerCandidates: (db) => reviewerCandidates(db),
    userById: (db) => userById(db, ID),
    appealDetail: (db) => appealDetail(db, ID),
    openAppeals: (db) => openAppeals(db, { after: { lodgedOn: '2026-02-10', id: ID }, limit: 50 }),
    latestAttempts: (db) => latestAttempts(db, ID),
    lockRecordRow: (db) => lockRecordRow(db, ID),
    supersedeResult: (db) => supersedeResult(db, ID),
    insertResult: (db) =>
      insertResult(db, {
        epaRecordId: ID,
        overall: 'pass',
        capped: false,
        methodGrades: JSON.stringify({ observation: 'pass' }),
        feedback: null,
        finalAssessmentOn: '2026-02-01',
        dueOn: null,
        releasedOn: '2026-02-11',
        releasedBy: ID,
        status: 'released',
      }),
    setRecordStatus: (db) => setRecordStatus(db, ID, 'completed', new Date('2026-02-11T12:00:00Z')),
  });
});
