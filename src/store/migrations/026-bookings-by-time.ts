// The EPAO's calendar reads a week of every assessor's bookings by their start.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index bookings_starts_at on bookings (starts_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index bookings_starts_at`.execute(db);
}
