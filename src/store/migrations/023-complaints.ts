// Complaints: made by anyone signed in (about an apprentice's EPA or the service), acknowledged
// and answered by the EPAO, each step by its deadline in working days.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table complaints (
      id uuid primary key default gen_random_uuid(),
      complainant_id uuid not null references users(id),
      epa_record_id uuid references epa_records(id),
      subject text not null,
      details text not null,
      received_on date not null,
      acknowledged_on date,
      acknowledged_by uuid references users(id),
      responded_on date,
      responded_by uuid references users(id),
      response text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index complaints_open on complaints (received_on, id) where responded_on is null`.execute(db);
  await sql`create index complaints_complainant on complaints (complainant_id, received_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table complaints`.execute(db);
}
