import { it } from 'vitest';
import {
  apprenticeNames,
  employersByReference,
  insertEmployers,
  organisationKindsOf,
  organisationNames,
  organisationsOfKind,
  providersByUkprn,
} from '../../../src/store/repositories/parties.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';

it('keeps the SQL the parties repository sends', async () => {
  await expectSqlSnapshot('parties', {
    organisationsOfKind: (db) => organisationsOfKind(db, ['provider', 'employer']),
    apprenticeNames: (db) => apprenticeNames(db, [ID]),
    'apprenticeNames (none)': (db) => apprenticeNames(db, []),
    organisationNames: (db) => organisationNames(db, [ID]),
    organisationKindsOf: (db) => organisationKindsOf(db, ['00000000-0000-4000-8000-000000000001']),
    providersByUkprn: (db) => providersByUkprn(db, ['10000528']),
    employersByReference: (db) => employersByReference(db, ['ACME-01', 'new-7']),
    insertEmployers: (db) => insertEmployers(db, [{ id: ID, name: 'Acme Retail', reference: 'ACME-01' }]),
  });
});
