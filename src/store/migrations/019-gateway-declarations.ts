// Each party's own gateway declaration: the employer and the apprentice confirm theirs
// themselves, signed in, before the provider submits the gateway. One per party and record.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table gateway_declarations (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      party text not null check (party in ('employer', 'apprentice')),
      declared_by uuid not null references users(id),
      declared_on date not null,
      statement text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index gateway_declarations_one_per_party on gateway_declarations (epa_record_id, party)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table gateway_declarations`.execute(db);
}
