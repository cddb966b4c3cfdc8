// From the day an assessment is held to the certificate: assessment records and their
// judgements, moderation, results, re-attempts, certificates, appeals, malpractice,
// withdrawal, and the mail outbox the reminders write to.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await assessmentsAndModeration(db);
  await resultsAndCertificates(db);
  await casesAndOutbox(db);
}

/** Held bookings, withdrawal, moderation batches and assessments. */
async function assessmentsAndModeration(db: Kysely<unknown>): Promise<void> {
  // A booking whose assessment is submitted is held; it no longer blocks a re-sit booking.
  await sql`alter table bookings drop constraint bookings_status_check`.execute(db);
  await sql`alter table bookings add constraint bookings_status_check check (status in ('booked', 'held', 'cancelled'))`.execute(db);
  await sql`alter table epa_records add column withdrawn_on date`.execute(db);
  await sql`alter table epa_records add column withdrawal_reason text`.execute(db);
  await sql`
    create table moderation_batches (
      id uuid primary key default gen_random_uuid(),
      assessor_id uuid not null references assessors(id),
      opened_at timestamptz not null default now(),
      signed_off_by uuid references users(id),
      signed_off_at timestamptz
    )`.execute(db);
  await sql`create unique index moderation_batches_open on moderation_batches (assessor_id) where signed_off_at is null`.execute(db);
  await sql`
    create table assessments (
      id uuid primary key default gen_random_uuid(),
      booking_id uuid not null unique references bookings(id),
      epa_record_id uuid not null references epa_records(id),
      method text not null,
      attempt integer not null default 1 check (attempt >= 1),
      previous_assessment_id uuid references assessments(id),
      assessor_id uuid not null references assessors(id),
      status text not null check (status in ('draft', 'submitted')),
      identity_checked boolean not null default false,
      id_document text,
      started_at timestamptz,
      ended_at timestamptz,
      questioning_minutes numeric(6, 1),
      judgements jsonb not null default '{}',
      session_findings jsonb not null default '[]',
      provisional_grade text check (provisional_grade in ('fail', 'pass', 'distinction')),
      grade_detail jsonb,
      submitted_at timestamptz,
      sampled boolean,
      sample_reasons jsonb,
      sample_explanation text,
      moderation_status text check (moderation_status in ('pending', 'agreed', 'changed', 'signed-off')),
      moderation_batch_id uuid references moderation_batches(id),
      moderated_by uuid references users(id),
      moderated_at timestamptz,
      moderated_grade text check (moderated_grade in ('fail', 'pass', 'distinction')),
      moderation_reason text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check (status = 'draft' or provisional_grade is not null)
    )`.execute(db);
  await sql`create index assessments_record on assessments (epa_record_id)`.execute(db);
  await sql`create index assessments_moderation on assessments (moderation_status) where moderation_status = 'pending'`.execute(db);
}

/** Results, re-attempts and certificates. */
async function resultsAndCertificates(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table results (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      overall text not null check (overall in ('fail', 'pass', 'distinction')),
      capped boolean not null,
      method_grades jsonb not null,
      feedback text,
      final_assessment_on date not null,
      due_on date,
      released_on date not null,
      released_by uuid references users(id),
      status text not null check (status in ('released', 'suspended', 'cancelled', 'superseded')),
      version integer not null default 1,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index results_one_current on results (epa_record_id) where status in ('released', 'suspended')`.execute(db);
  await sql`
    create table reattempts (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      method text not null,
      kind text not null check (kind in ('resit', 're-take')),
      attempt integer not null check (attempt >= 2),
      previous_assessment_id uuid not null references assessments(id),
      exceptional_circumstances boolean not null default false,
      exceptional_reason text,
      planned_on date not null,
      window_ends date,
      requested_by uuid references users(id),
      created_at timestamptz not null default now(),
      used_by_assessment_id uuid references assessments(id)
    )`.execute(db);
  await sql`create unique index reattempts_one_open on reattempts (epa_record_id, method) where used_by_assessment_id is null`.execute(db);
  await sql`
    create table certificates (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      result_id uuid not null references results(id),
      status text not null check (status in ('requested', 'issued', 'sent', 'reprint-requested')),
      claimed_given_names text not null,
      claimed_family_name text not null,
      claimed_uln text not null,
      requested_on date not null,
      issued_on date,
      sent_on date,
      reprints integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index certificates_one_per_result on certificates (result_id)`.execute(db);
}

/** Appeals, malpractice cases and the mail outbox. */
async function casesAndOutbox(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appeals (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      result_id uuid not null references results(id),
      lodged_on date not null,
      lodged_by uuid references users(id),
      grounds text not null,
      status text not null check (status in ('lodged', 'upheld', 'rejected')),
      decided_by uuid references users(id),
      decided_on date,
      decision jsonb
    )`.execute(db);
  await sql`
    create table malpractice_cases (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      result_id uuid references results(id),
      opened_by uuid references users(id),
      opened_on date not null,
      allegation text not null,
      status text not null check (status in ('open', 'dismissed', 'upheld')),
      outcome text check (outcome in ('result-stands', 'result-cancelled')),
      decided_by uuid references users(id),
      decided_on date,
      notes text
    )`.execute(db);
  await sql`
    create table outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      body text not null,
      kind text not null,
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'malpractice_cases', 'appeals', 'certificates', 'reattempts', 'results', 'assessments', 'moderation_batches'])
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  await sql`alter table epa_records drop column if exists withdrawn_on`.execute(db);
  await sql`alter table epa_records drop column if exists withdrawal_reason`.execute(db);
}
