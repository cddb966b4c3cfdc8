// People: the one-time links that set a password (an invitation, or a reset), stored as
// their SHA-256 like sessions; and a user the EPAO has disabled, who signs in no more.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column disabled_at timestamptz`.execute(db);
  await sql`
    create table password_tokens (
      token_hash text primary key,
      user_id uuid not null references users(id),
      purpose text not null check (purpose in ('invite', 'reset')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index password_tokens_user on password_tokens (user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table password_tokens`.execute(db);
  await sql`alter table users drop column disabled_at`.execute(db);
}
