import { it } from 'vitest';
import {
  assessmentRecord,
  assessmentsOfAssessor,
  assessorHistory,
  bookingToAssess,
  gradeAsGiven,
  insertDraft,
  markBookingHeld,
  markSubmitted,
  openBatchOf,
  regrade,
  saveDraftRow,
} from '../../../src/store/repositories/assessment-records.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the assessment-records repository sends', async () => {
  await expectSqlSnapshot('assessment-records', {
    assessmentRecord: (db) => assessmentRecord(db, ID),
    bookingToAssess: (db) => bookingToAssess(db, ID),
    insertDraft: (db) =>
      insertDraft(db, { bookingId: ID, epaRecordId: OTHER, method: 'observation', attempt: 1, previousAssessmentId: null, assessorId: OTHER }),
    saveDraftRow: (db) =>
      saveDraftRow(db, ID, 3, {
        judgements: { K1: { judgement: 'met' } },
        identityChecked: true,
        idDocument: 'passport',
        startedAt: AT,
        endedAt: new Date('2026-02-10T11:00:00Z'),
        questioningMinutes: 20,
      }),
    assessorHistory: (db) => assessorHistory(db, ID),
    'assessorHistory (the EPAO)': (db) => assessorHistory(db, null),
    openBatchOf: (db) => openBatchOf(db, ID),
    markSubmitted: (db) =>
      markSubmitted(db, ID, 3, {
        submittedAt: AT,
        provisionalGrade: 'pass',
        gradeDetail: { grade: 'pass' },
        sampled: true,
        sampleReasons: ['first-assessments'],
        sampleExplanation: 'sampled: one of the assessor’s first assessments',
        moderationBatchId: OTHER,
      }),
    markBookingHeld: (db) => markBookingHeld(db, ID),
    gradeAsGiven: (db) => gradeAsGiven(db, ID),
    regrade: (db) => regrade(db, ID, { grade: 'pass', detail: { grade: 'pass' } }, null),
    'regrade (moderated again)': (db) =>
      regrade(db, ID, { grade: 'distinction', detail: { grade: 'distinction' } }, { reasons: ['regraded'], explanation: 'moderated again' }),
    assessmentsOfAssessor: (db) => assessmentsOfAssessor(db, ID),
  });
});
