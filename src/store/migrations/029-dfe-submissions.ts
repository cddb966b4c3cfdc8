// What reaches the DfE Assessor Service, and what it answered. One row per record for its
// EPA outcomes (re-sent whole when they change), one per certificate claim (created, then
// submitted, then read back until printed and delivered). An item the API refused keeps the
// API's messages and waits for a person; one the network lost is retried with backoff.
// The data the API needs where it arises: the family name as the ILR holds it, and the
// certificate's postal contact (the employer's address by default).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dfe_submissions (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      kind text not null check (kind in ('epa', 'certificate')),
      certificate_id uuid references certificates(id),
      state text not null default 'queued' check (state in ('queued', 'held', 'sent', 'rejected', 'submitted', 'done')),
      dfe_reference text,
      dfe_status text,
      problems jsonb not null default '[]',
      sent_outcomes jsonb,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      not_before date,
      released_early_by uuid references users(id),
      sent_at timestamptz,
      -- Milliseconds, as JavaScript holds them: the queue's pages are keyset on it.
      updated_at timestamptz not null default date_trunc('milliseconds', now()),
      created_at timestamptz not null default now(),
      check ((kind = 'certificate') = (certificate_id is not null))
    )`.execute(db);
  await sql`create unique index dfe_submissions_one_epa on dfe_submissions (epa_record_id) where kind = 'epa'`.execute(db);
  await sql`create unique index dfe_submissions_one_certificate on dfe_submissions (certificate_id) where kind = 'certificate'`.execute(db);
  await sql`create index dfe_submissions_due on dfe_submissions (next_attempt_at) where state in ('queued', 'sent', 'submitted')`.execute(db);
  await sql`create index dfe_submissions_state on dfe_submissions (state, updated_at desc, id)`.execute(db);
  // The work queue "DfE: refused or held back" asks per record.
  await sql`create index dfe_submissions_needs_person on dfe_submissions (epa_record_id) where state in ('rejected', 'held')`.execute(db);
  await sql`alter table apprentices add column ilr_family_name text`.execute(db);
  await sql`
    alter table organisations
      add column address_line1 text, add column address_line2 text, add column address_line3 text,
      add column city text, add column post_code text, add column contact_name text`.execute(db);
  await sql`alter table certificates add column postal_contact jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table certificates drop column postal_contact`.execute(db);
  await sql`
    alter table organisations
      drop column address_line1, drop column address_line2, drop column address_line3,
      drop column city, drop column post_code, drop column contact_name`.execute(db);
  await sql`alter table apprentices drop column ilr_family_name`.execute(db);
  await sql`drop table dfe_submissions`.execute(db);
}
