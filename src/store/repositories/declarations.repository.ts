// The parties' own gateway declarations in the database, and the records whose employer or
// apprentice has yet to declare (their home page's task).
import type { Db } from '../database.ts';

/**
 * A declaration on file: `by` 'self' when the party made it signed in (`name` is theirs);
 * 'signed-record' when the provider uploaded the signed form (`name` is who signed it,
 * `recordedBy` who uploaded it, `fileId` the form).
 */
export type DeclarationRow = {
  party: 'employer' | 'apprentice';
  declaredOn: string;
  name: string;
  statement: string;
  by: 'self' | 'signed-record';
  fileId: string | null;
  recordedBy: string;
};

export async function declarationsOf(db: Db, recordId: string): Promise<DeclarationRow[]> {
  const rows = await db
    .selectFrom('gatewayDeclarations')
    .innerJoin('users', 'users.id', 'gatewayDeclarations.declaredBy')
    .select([
      'gatewayDeclarations.party',
      'gatewayDeclarations.declaredOn',
      'gatewayDeclarations.statement',
      'gatewayDeclarations.signedBy',
      'gatewayDeclarations.evidenceFileId',
      'users.name',
    ])
    .where('gatewayDeclarations.epaRecordId', '=', recordId)
    .orderBy('gatewayDeclarations.party')
    .execute();
  return rows.map((r) => ({
    party: r.party,
    declaredOn: r.declaredOn,
    name: r.signedBy ?? r.name,
    statement: r.statement,
    by: r.signedBy === null ? 'self' : 'signed-record',
    fileId: r.evidenceFileId,
    recordedBy: r.name,
  }));
}

/** The declaration, or undefined when the party already declared for this record. */
export async function insertDeclaration(
  tx: Db,
  values: {
    epaRecordId: string;
    party: 'employer' | 'apprentice';
    declaredBy: string;
    declaredOn: string;
    statement: string;
    signedBy?: string;
    evidenceFileId?: string;
  },
): Promise<{ id: string } | undefined> {
  return tx
    .insertInto('gatewayDeclarations')
    .values(values)
    .onConflict((oc) => oc.columns(['epaRecordId', 'party']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/**
 * Records open for gateway (registered, or back after a rejection) whose employer (by its
 * organisation) or apprentice has not declared yet, oldest registration first, at most `limit`.
 */
export async function awaitingDeclaration(
  db: Db,
  who: { party: 'employer'; organisationId: string } | { party: 'apprentice'; apprenticeId: string },
  openStatuses: readonly string[],
  limit: number,
) {
  let query = db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select(['epaRecords.id', 'epaRecords.standard', 'apprentices.givenNames', 'apprentices.familyName'])
    .where('epaRecords.status', 'in', [...openStatuses] as never[])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('gatewayDeclarations')
            .select('gatewayDeclarations.id')
            .whereRef('gatewayDeclarations.epaRecordId', '=', 'epaRecords.id')
            .where('gatewayDeclarations.party', '=', who.party),
        ),
      ),
    );
  query = who.party === 'employer' ? query.where('apprentices.employerId', '=', who.organisationId) : query.where('apprentices.id', '=', who.apprenticeId);
  return query.orderBy('epaRecords.registeredOn').orderBy('epaRecords.id').limit(limit).execute();
}
