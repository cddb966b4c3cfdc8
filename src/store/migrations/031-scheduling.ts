// Scheduling: an assessor's caps (most assessments a day and a week) and home region, which
// the booking use-case and the scheduler both read; and the schedule proposals an admin
// reviews and accepts (the proposal as the solver made it, and what accepting it did).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessors
    add column max_per_day integer check (max_per_day between 1 and 20),
    add column max_per_week integer check (max_per_week between 1 and 100),
    add column home_region text check (char_length(home_region) <= 100)`.execute(db);
  await sql`create table schedule_proposals (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('schedule', 'replan')),
    status text not null default 'proposed' check (status in ('proposed', 'accepting', 'accepted', 'discarded')),
    proposed_by uuid not null references users (id),
    proposed_at timestamptz not null default now(),
    schedule_from date not null,
    schedule_to date not null,
    standard text,
    proposal jsonb not null,
    claimed_at timestamptz,
    accepted_by uuid references users (id),
    accepted_at timestamptz,
    outcome jsonb
  )`.execute(db);
  await sql`create index schedule_proposals_newest on schedule_proposals (proposed_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table schedule_proposals`.execute(db);
  await sql`alter table assessors drop column max_per_day, drop column max_per_week, drop column home_region`.execute(db);
}
