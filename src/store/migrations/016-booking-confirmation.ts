// The assessor's confirmation of a booking: when they said they will be there. A booking
// moved to another time or assessor is confirmed again. The index serves the work queue of
// bookings soon to come that nobody has confirmed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bookings add column confirmed_at timestamptz`.execute(db);
  await sql`create index bookings_unconfirmed on bookings (starts_at) where status = 'booked' and confirmed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index bookings_unconfirmed`.execute(db);
  await sql`alter table bookings drop column confirmed_at`.execute(db);
}
