// Indexes on the foreign keys the booking, appeal and malpractice queries look rows up by.
// Without them each lookup reads the whole table: harmless with a demo's dozen records,
// a sequential scan per request with an EPAO's hundred thousand.
import { type Kysely, sql } from 'kysely';

const INDEXES = [
  ['assessor_relationships_assessor', 'assessor_relationships (assessor_id)'],
  ['assessor_availability_assessor', 'assessor_availability (assessor_id, starts_at)'],
  ['appeals_record', 'appeals (epa_record_id)'],
  ['malpractice_cases_record', 'malpractice_cases (epa_record_id)'],
  ['bookings_record', 'bookings (epa_record_id)'],
  ['results_record', 'results (epa_record_id)'],
  ['certificates_record', 'certificates (epa_record_id)'],
  ['assessments_assessor', 'assessments (assessor_id)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, on] of INDEXES) await sql`create index if not exists ${sql.raw(name)} on ${sql.raw(on)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql`drop index if exists ${sql.raw(name)}`.execute(db);
}
