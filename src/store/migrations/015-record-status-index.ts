// The records by status: a status's or a work queue's count (awaiting gateway review,
// approved with nothing booked) reads its own rows through this index, not every record.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index epa_records_status on epa_records (status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index epa_records_status`.execute(db);
}
