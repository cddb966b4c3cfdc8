// An assessor's private calendar subscription: the feed's secret, stored as its SHA-256 (a
// new one replaces the old; none, and the feed is stopped).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessors add column calendar_token_hash text`.execute(db);
  await sql`create unique index assessors_calendar_token on assessors (calendar_token_hash) where calendar_token_hash is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index assessors_calendar_token`.execute(db);
  await sql`alter table assessors drop column calendar_token_hash`.execute(db);
}
