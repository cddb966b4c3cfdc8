import { it } from 'vitest';
import {
  apprenticeExists,
  assessorRows,
  availabilityOf,
  insertAssessor,
  insertAvailability,
  insertRelationship,
  lockAssessorRow,
  organisationKind,
  relationshipsOf,
  renameUser,
  updateAssessorRow,
} from '../../../src/store/repositories/assessors.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the assessors repository sends', async () => {
  await expectSqlSnapshot('assessors', {
    assessorRows: (db) => assessorRows(db),
    assessorRowsOfIds: (db) => assessorRows(db, [ID, OTHER]),
    relationshipsOf: (db) => relationshipsOf(db, [ID]),
    availabilityOf: (db) => availabilityOf(db, [ID]),
    insertAssessor: (db) =>
      insertAssessor(db, {
        email: 'a@example.test',
        name: 'A Assessor',
        organisationId: OTHER,
        passwordHash: 'hash',
        standards: ['ST0001 v1.0'],
        standardisedOn: '2026-01-10',
        qualifications: [],
        maxPerDay: 3,
        maxPerWeek: 10,
        homeRegion: 'LS, BD',
      }),
    updateAssessorRow: (db) => updateAssessorRow(db, ID, 3, { standards: ['ST0001 v1.0'], standardisedOn: '2026-01-10', qualifications: [] }),
    updateAssessorRowWorkload: (db) => updateAssessorRow(db, ID, 3, { maxPerDay: null, maxPerWeek: 12, homeRegion: 'LS' }),
    renameUser: (db) => renameUser(db, ID, 'A Assessor'),
    lockAssessorRow: (db) => lockAssessorRow(db, ID),
    apprenticeExists: (db) => apprenticeExists(db, ID),
    organisationKind: (db) => organisationKind(db, ID),
    insertRelationship: (db) => insertRelationship(db, { assessorId: ID, apprenticeId: OTHER, organisationId: null, nature: 'former line manager' }),
    insertAvailability: (db) => insertAvailability(db, { assessorId: ID, startsAt: AT, endsAt: new Date('2026-02-10T17:00:00Z') }),
  });
});
