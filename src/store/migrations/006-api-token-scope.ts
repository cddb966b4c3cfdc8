// API tokens a provider's system can live with: a scope (read tokens may only
// read), an expiry, and when each was last used. Tokens made before this get 90 days from
// the migration, not from their creation, so none stops working the moment it runs.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table api_tokens
      add column scope text not null default 'write' check (scope in ('read', 'write')),
      add column expires_at timestamptz,
      add column last_used_at timestamptz`.execute(db);
  await sql`update api_tokens set expires_at = now() + interval '90 days'`.execute(db);
  await sql`alter table api_tokens alter column expires_at set not null, alter column scope drop default`.execute(db);
  // A user's list, newest first.
  await sql`create index api_tokens_user on api_tokens (user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists api_tokens_user`.execute(db);
  await sql`alter table api_tokens drop column if exists scope, drop column if exists expires_at, drop column if exists last_used_at`.execute(db);
}
