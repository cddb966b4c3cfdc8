// Finding an apprentice among a hundred thousand: names searched by any word, in any order,
// ignoring case and accents, through a trigram index rather than a scan of `like '%…%'`; and
// the apprentices list's sort orders, each an index its keyset pages can walk.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
  // unaccent() is only stable (its dictionary could change); naming the dictionary, schema and
  // all, makes the fold fixed whatever the caller's search_path, so a generated column and an
  // index may use it.
  const { rows } = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'unaccent'`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const unaccent = sql.raw(`${schema}.unaccent('${schema}.unaccent'::regdictionary, value)`);
  await sql`
    create or replace function capstone_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(${unaccent}) $$`.execute(db);
  await sql`
    alter table apprentices
      add column search_name text generated always as (capstone_fold(given_names || ' ' || family_name)) stored`.execute(db);
  await sql`create index apprentices_search_name on apprentices using gin (search_name gin_trgm_ops)`.execute(db);
  // A ULN's start is matched with like 'prefix%', which a plain index serves only under the C collation.
  await sql`create index apprentices_uln_prefix on apprentices (uln text_pattern_ops)`.execute(db);
  await sql`create index organisations_name_search on organisations using gin (capstone_fold(name) gin_trgm_ops)`.execute(db);
  await sql`create index apprentices_sort_name on apprentices (capstone_fold(family_name), capstone_fold(given_names), id)`.execute(db);
  await sql`create index epa_records_newest on epa_records (created_at desc, id desc)`.execute(db);
  await sql`create index epa_records_window_end on epa_records (epa_end, id)`.execute(db);
  await sql`create index epa_records_gateway on epa_records (gateway_approved_on, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'apprentices_uln_prefix',
    'epa_records_gateway',
    'epa_records_window_end',
    'epa_records_newest',
    'apprentices_sort_name',
    'organisations_name_search',
  ]) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
  await sql`alter table apprentices drop column if exists search_name`.execute(db);
  await sql`drop function if exists capstone_fold(text)`.execute(db);
}
