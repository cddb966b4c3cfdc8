// An assessor's time as they keep it: the hours they work each week (UK time), and the days
// they are away (leave), beside the one-off windows of assessor_availability.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessor_weekly_hours (
      id uuid primary key default gen_random_uuid(),
      assessor_id uuid not null references assessors(id),
      weekday smallint not null check (weekday between 1 and 7),
      starts text not null check (starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      ends text not null check (ends ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ends > starts)
    )`.execute(db);
  await sql`create index assessor_weekly_hours_assessor on assessor_weekly_hours (assessor_id)`.execute(db);
  await sql`
    create table assessor_leave (
      id uuid primary key default gen_random_uuid(),
      assessor_id uuid not null references assessors(id),
      from_date date not null,
      to_date date not null check (to_date >= from_date),
      reason text
    )`.execute(db);
  await sql`create index assessor_leave_assessor on assessor_leave (assessor_id, to_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table assessor_leave`.execute(db);
  await sql`drop table assessor_weekly_hours`.execute(db);
}
