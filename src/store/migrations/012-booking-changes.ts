// A count on each record of the changes to its bookings (a booking, a move, a cancellation).
// A booking is decided over facts read without locks and written in one statement only if
// the record's version and this count are still those it read, so two bookings of one
// apprentice can never both be decided on facts that leave the other out.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table epa_records add column booking_changes integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table epa_records drop column booking_changes`.execute(db);
}
