// Sign-in throttling that holds under parallel requests and across processes: one row per
// counter (an account, a client address, the pair), locked while an attempt is reserved
// (domain/access/sign-in-throttle.ts). The client address joins the attempts log, and a
// one-row marker records that the demo data was loaded into this database, so the sign-in
// page lists the demo accounts only where they are.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_throttle (
      key text primary key,
      failures integer not null check (failures >= 0),
      last_failure_at timestamptz not null,
      blocked_until timestamptz
    )`.execute(db);
  // Forgotten counters are found by when they last saw a failure.
  await sql`create index sign_in_throttle_last_failure on sign_in_throttle (last_failure_at)`.execute(db);
  await sql`alter table sign_in_attempts add column address text`.execute(db);
  await sql`
    create table demo_data (
      only_row boolean primary key default true check (only_row),
      loaded_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists demo_data`.execute(db);
  await sql`alter table sign_in_attempts drop column if exists address`.execute(db);
  await sql`drop table if exists sign_in_throttle`.execute(db);
}
