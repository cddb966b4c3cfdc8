// A CSV import sent from the pages runs as background work (a pg-boss job) rather than
// inside the request: the run keeps the file until it is read, the progress the page shows,
// and the report it ends with.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_runs (
      id uuid primary key,
      user_id uuid not null references users(id),
      actor jsonb not null,
      file_sha256 text not null,
      file text,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      total integer,
      validated integer not null default 0,
      report jsonb,
      problem jsonb,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index import_runs_user on import_runs (user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_runs`.execute(db);
}
