// A provider's or employer's request that the EPAO withdraw an apprentice, and the EPAO's
// answer: confirmed (the record is withdrawn, its bookings to come cancelled with the
// policy's charges) or declined with a reason. One open request per record at a time.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table withdrawal_requests (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      requested_by uuid not null references users(id),
      requested_on date not null,
      reason text not null,
      status text not null check (status in ('requested', 'confirmed', 'declined')),
      decided_by uuid references users(id),
      decided_on date,
      decision_reason text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index withdrawal_requests_one_open on withdrawal_requests (epa_record_id) where status = 'requested'`.execute(db);
  await sql`create index withdrawal_requests_record on withdrawal_requests (epa_record_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table withdrawal_requests`.execute(db);
}
