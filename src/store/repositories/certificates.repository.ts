// Certificates in the database: the record and result a claim is checked against, the
// certificate claimed, each step it takes (issued, sent, reprinted), and the list and view
// of certificates with the employer each is sent to.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type CertificateStatus = Database['certificates']['status'];

/**
 * The record's current result (released or suspended), locked for the transaction, so a
 * claim, an appeal and a malpractice case cannot race each other on it.
 */
export async function lockCurrentResult(tx: Db, recordId: string) {
  return tx
    .selectFrom('results')
    .selectAll()
    .where('epaRecordId', '=', recordId)
    .where('status', 'in', ['released', 'suspended'])
    .forUpdate()
    .executeTakeFirst();
}

/** The record with its apprentice's names and employer, as a claim and a results statement read it. */
export async function recordForCertificate(db: Db, recordId: string) {
  return db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'epaRecords.id',
      'epaRecords.status',
      'epaRecords.uln',
      'epaRecords.standard',
      'epaRecords.standardCode',
      'epaRecords.policy',
      'apprentices.givenNames',
      'apprentices.familyName',
      'employer.id as employerId',
      'employer.name as employerName',
    ])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirst();
}

function certificatesQuery(db: Db) {
  return db
    .selectFrom('certificates')
    .innerJoin('results', 'results.id', 'certificates.resultId')
    .innerJoin('epaRecords', 'epaRecords.id', 'certificates.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select([
      'certificates.id',
      'certificates.version',
      'certificates.status',
      'certificates.epaRecordId as recordId',
      'certificates.resultId',
      'certificates.claimedGivenNames as givenNames',
      'certificates.claimedFamilyName as familyName',
      'certificates.claimedUln as uln',
      'certificates.requestedOn',
      'certificates.issuedOn',
      'certificates.sentOn',
      'certificates.reprints',
      'results.overall as grade',
      'results.status as resultStatus',
      'epaRecords.standard',
      'employer.id as employerId',
      'employer.name as employerName',
    ]);
}

/** A certificate with its result's grade and status, its standard and its employer. */
export type CertificateRow = Awaited<ReturnType<ReturnType<typeof certificatesQuery>['executeTakeFirstOrThrow']>>;

export async function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  return certificatesQuery(db).where('certificates.id', '=', id).executeTakeFirst();
}

/** Newest first, at most 1000. */
export async function listCertificateRows(db: Db, filter: { status?: CertificateStatus; recordId?: string }): Promise<CertificateRow[]> {
  let query = certificatesQuery(db);
  if (filter.status) query = query.where('certificates.status', '=', filter.status);
  if (filter.recordId) query = query.where('certificates.epaRecordId', '=', filter.recordId);
  return query.orderBy('certificates.createdAt', 'desc').limit(1000).execute();
}

/** The certificate already claimed for a result, if any. */
export async function certificateOfResult(tx: Db, resultId: string): Promise<string | undefined> {
  const existing = await tx.selectFrom('certificates').select('id').where('resultId', '=', resultId).executeTakeFirst();
  return existing?.id;
}

export type NewCertificate = {
  epaRecordId: string;
  resultId: string;
  claimedGivenNames: string;
  claimedFamilyName: string;
  claimedUln: string;
  requestedOn: string;
  /** JSON: where DfE posts it, when the claim gave an address (else the employer's). */
  postalContact?: string | null;
};

/** The certificate claimed, as requested; a second one for the same result is refused by the database (23505). */
export async function insertCertificate(tx: Db, claim: NewCertificate): Promise<{ id: string; requestedOn: string }> {
  return tx
    .insertInto('certificates')
    .values({ ...claim, status: 'requested' })
    .returning(['id', 'requestedOn'])
    .executeTakeFirstOrThrow();
}

export async function lockCertificate(tx: Db, id: string) {
  return tx.selectFrom('certificates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type CertificateStep = { status: CertificateStatus; issuedOn?: string; sentOn?: string; reprints?: number };

export async function recordCertificateStep(tx: Db, id: string, step: CertificateStep): Promise<void> {
  await tx
    .updateTable('certificates')
    .set({ ...step, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The employer a record's certificate is sent to. */
export async function employerOfRecord(tx: Db, recordId: string): Promise<{ employerId: string; name: string }> {
  return tx
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('organisations as employer', 'employer.id', 'apprentices.employerId')
    .select(['employer.id as employerId', 'employer.name'])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirstOrThrow();
}
