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
  await sql`create index dfe_submissions_changed on dfe_submissions (updated_at desc, id)`.execute(db);
  // A record's items (its timeline; the work queue "DfE: refused or held back").
  await sql`create index dfe_submissions_record on dfe_submissions (epa_record_id)`.execute(db);
  // An item's facts are read by record: its results and certificates have their index (010); its re-attempts now too.
  await sql`create index reattempts_record on reattempts (epa_record_id)`.execute(db);
  // What must reach DfE is queued where it happens, by whichever path: a result released,
  // superseded or cancelled, a withdrawal, a certificate claimed. An outcome already sent is
  // queued again (one waiting for a person stays so). "Due" is a time long past, so that
  // Capstone's own clock, not the database's, decides when it goes. Nothing before this
  // migration is queued: what Capstone held before the connection is not sent unasked.
  await sql`
    create function dfe_queue_outcomes(record uuid) returns void language sql as $$
      insert into dfe_submissions (epa_record_id, kind, next_attempt_at) values (record, 'epa', '2000-01-01')
      on conflict (epa_record_id) where kind = 'epa'
      do update set state = 'queued', next_attempt_at = '2000-01-01', updated_at = date_trunc('milliseconds', now())
      where dfe_submissions.state in ('done', 'held')
    $$`.execute(db);
  await sql`
    create function dfe_result_changed() returns trigger language plpgsql as $$
    begin
      perform dfe_queue_outcomes(new.epa_record_id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger dfe_result_changed after insert or update of status on results
      for each row when (new.status in ('released', 'superseded', 'cancelled'))
      execute function dfe_result_changed()`.execute(db);
  await sql`
    create function dfe_record_withdrawn() returns trigger language plpgsql as $$
    begin
      perform dfe_queue_outcomes(new.id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger dfe_record_withdrawn after update of status on epa_records
      for each row when (new.status = 'withdrawn' and old.status is distinct from 'withdrawn')
      execute function dfe_record_withdrawn()`.execute(db);
  await sql`
    create function dfe_certificate_claimed() returns trigger language plpgsql as $$
    begin
      insert into dfe_submissions (epa_record_id, kind, certificate_id, next_attempt_at) values (new.epa_record_id, 'certificate', new.id, '2000-01-01')
      on conflict (certificate_id) where kind = 'certificate' do nothing;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger dfe_certificate_claimed after insert on certificates
      for each row execute function dfe_certificate_claimed()`.execute(db);
  await sql`alter table apprentices add column ilr_family_name text`.execute(db);
  await sql`
    alter table organisations
      add column address_line1 text, add column address_line2 text, add column address_line3 text,
      add column city text, add column post_code text, add column contact_name text`.execute(db);
  await sql`alter table certificates add column postal_contact jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger dfe_certificate_claimed on certificates`.execute(db);
  await sql`drop trigger dfe_record_withdrawn on epa_records`.execute(db);
  await sql`drop trigger dfe_result_changed on results`.execute(db);
  await sql`drop function dfe_certificate_claimed(), dfe_record_withdrawn(), dfe_result_changed(), dfe_queue_outcomes(uuid)`.execute(db);
  await sql`drop index reattempts_record`.execute(db);
  await sql`alter table certificates drop column postal_contact`.execute(db);
  await sql`
    alter table organisations
      drop column address_line1, drop column address_line2, drop column address_line3,
      drop column city, drop column post_code, drop column contact_name`.execute(db);
  await sql`alter table apprentices drop column ilr_family_name`.execute(db);
  await sql`drop table dfe_submissions`.execute(db);
}
