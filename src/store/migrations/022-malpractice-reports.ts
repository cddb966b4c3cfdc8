// Malpractice and maladministration reported by anyone signed in: whom a case concerns (and
// the person, where it names one), its log of notes as it is investigated, and the sanction
// an upheld case carries; an assessor suspended by one is booked no more.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table malpractice_cases
    add column concerns text not null default 'unknown'
      check (concerns in ('apprentice', 'assessor', 'provider', 'employer', 'epao-staff', 'unknown')),
    add column concerns_user_id uuid references users(id),
    add column sanction text check (sanction in ('assessor-suspended'))`.execute(db);
  await sql`
    create table malpractice_notes (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references malpractice_cases(id),
      written_by uuid not null references users(id),
      written_at timestamptz not null default now(),
      note text not null
    )`.execute(db);
  await sql`create index malpractice_notes_case on malpractice_notes (case_id, written_at)`.execute(db);
  await sql`alter table assessors add column suspended_on date, add column suspended_reason text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessors drop column suspended_on, drop column suspended_reason`.execute(db);
  await sql`drop table malpractice_notes`.execute(db);
  await sql`alter table malpractice_cases drop column concerns, drop column concerns_user_id, drop column sanction`.execute(db);
}
