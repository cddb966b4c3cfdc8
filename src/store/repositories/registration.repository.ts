// Registration in the database: the people and active EPA records behind ULNs, and one
// registration written (the person if new, the record and the audit entry) in one
// statement, atomic on its own, so it needs no BEGIN and COMMIT round trips.
import { sql } from 'kysely';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import { type AuditInput, auditInsert } from '../audit.ts';
import type { Db } from '../database.ts';

export type ApprenticeRow = {
  id: string;
  uln: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  email: string | null;
  ehcp: boolean;
  providerId: string;
  employerId: string;
};

/** A person under a ULN, with one of their active EPA records (null where they have none). */
export type LearnerRow = ApprenticeRow & { recordId: string | null; standard: string | null; standardCode: string | null };

/** The rows of these ULNs' people with their records not in `closed`, oldest person first; 1,000 ULNs a query. */
export async function peopleOfUlns(db: Db, ulns: readonly string[], closed: readonly RecordStatus[]): Promise<LearnerRow[]> {
  const found: LearnerRow[] = [];
  for (let i = 0; i < ulns.length; i += 1000)
    found.push(
      ...(await db
        .selectFrom('apprentices')
        .leftJoin('epaRecords', (join) => join.onRef('epaRecords.apprenticeId', '=', 'apprentices.id').on('epaRecords.status', 'not in', [...closed]))
        .select([
          'apprentices.id',
          'apprentices.uln',
          'apprentices.givenNames',
          'apprentices.familyName',
          'apprentices.dateOfBirth',
          'apprentices.email',
          'apprentices.ehcp',
          'apprentices.providerId',
          'apprentices.employerId',
          'epaRecords.id as recordId',
          'epaRecords.standard',
          'epaRecords.standardCode',
        ])
        .where('apprentices.uln', 'in', ulns.slice(i, i + 1000))
        .orderBy('apprentices.createdAt')
        .orderBy('apprentices.id')
        .execute()),
    );
  return found;
}

/**
 * What a registration reads, in one round trip: the organisations it names and the
 * people and active records of its ULN (`onePerson` false: the temporary ULN, no one).
 */
export async function registrationFacts(
  db: Db,
  organisationIds: readonly string[],
  uln: string,
  onePerson: boolean,
  closed: readonly RecordStatus[],
): Promise<{ organisations: { id: string; kind: string; name: string }[]; learner: LearnerRow[] }> {
  const result = await sql<{ organisations: { id: string; kind: string; name: string }[]; learner: LearnerRow[] }>`
    select
      coalesce((select json_agg(json_build_object('id', o.id, 'kind', o.kind, 'name', o.name))
                from organisations o where o.id = any(${organisationIds}::uuid[])), '[]') as organisations,
      coalesce((select json_agg(json_build_object(
                  'id', a.id, 'uln', a.uln, 'givenNames', a.given_names, 'familyName', a.family_name, 'dateOfBirth', a.date_of_birth,
                  'email', a.email, 'ehcp', a.ehcp, 'providerId', a.provider_id, 'employerId', a.employer_id,
                  'recordId', r.id, 'standard', r.standard, 'standardCode', r.standard_code) order by a.created_at, a.id)
                from apprentices a
                left join epa_records r on r.apprentice_id = a.id and r.status not in (${sql.join(closed.map((x) => sql.lit(x)))})
                where a.uln = ${uln} and ${onePerson}), '[]') as learner`.execute(db);
  return result.rows[0] ?? { organisations: [], learner: [] };
}

export type NewRecord = {
  id: string;
  uln: string;
  standard: string;
  standardCode: string;
  policy: string | null;
  status: RecordStatus;
  startDate: string;
  plannedEndDate: string | null;
  registeredOn: string;
  channel: 'face-to-face' | 'non-facing' | 'both' | null;
  /** Only where the version has course options (a single registration names one). */
  courseOption?: string | null;
  extraTimePercent: number;
  adjustments: string | null;
  updatedAt: Date;
};

export type NewApprenticeRow = Omit<ApprenticeRow, 'id'> & { id: string; identityKey: string | null };

/** The EPA record under an existing person's row, or under a new row made in the same statement, with its audit entry. */
export async function insertRegistration(
  db: Db,
  record: NewRecord,
  person: { existingId: string } | { row: NewApprenticeRow },
  audit: AuditInput,
): Promise<void> {
  const r = record;
  const values = sql`
    ${r.id}, ${r.uln}, ${r.standard}, ${r.standardCode}, ${r.policy}, ${r.status}, ${r.startDate},
    ${r.plannedEndDate}, ${r.registeredOn}, ${r.channel}, ${r.extraTimePercent}, ${r.adjustments}, ${r.updatedAt}`;
  const columns = sql`id, uln, standard, standard_code, policy, status, start_date, planned_end_date, registered_on, channel, extra_time_percent, adjustments, updated_at`;
  const entry = auditInsert(audit);
  if ('existingId' in person) {
    await sql`with audit as (${entry}) insert into epa_records (apprentice_id, ${columns}) values (${person.existingId}, ${values})`.execute(db);
    return;
  }
  const a = person.row;
  await sql`
    with audit as (${entry}),
    apprentice as (
      insert into apprentices (id, uln, given_names, family_name, date_of_birth, email, ehcp, provider_id, employer_id, identity_key)
      values (${a.id}, ${a.uln}, ${a.givenNames}, ${a.familyName}, ${a.dateOfBirth}, ${a.email}, ${a.ehcp}, ${a.providerId}, ${a.employerId}, ${a.identityKey})
      returning id
    )
    insert into epa_records (apprentice_id, ${columns}) select apprentice.id, ${values} from apprentice`.execute(db);
}

/** Rows per multi-row INSERT (apprentices: 10 parameters a row, EPA records: 15): well under PostgreSQL's 65,535. */
const BATCH = 500;

/** Many people, records or held registrations, inside the caller's transaction, 500 rows a statement. */
export async function insertApprentices(tx: Db, rows: readonly NewApprenticeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await tx
      .insertInto('apprentices')
      .values(rows.slice(i, i + BATCH))
      .execute();
}

export async function insertRecords(tx: Db, rows: readonly (NewRecord & { apprenticeId: string })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await tx
      .insertInto('epaRecords')
      .values(rows.slice(i, i + BATCH))
      .execute();
}
