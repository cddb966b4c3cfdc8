// One assessment per method per attempt of a record: a second "attempt 1" of a method is
// impossible, however the requests race (001 §8: a further attempt is a re-sit or re-take).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index assessments_one_per_attempt on assessments (epa_record_id, method, attempt)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists assessments_one_per_attempt`.execute(db);
}
