// The platform core: organisations, people and access, apprentices and their EPA
// records, gateway, assessors, bookings, submissions, files, idempotency and the audit chain.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await peopleAndAccess(db);
  await recordsAndGateway(db);
  await assessorsAndBookings(db);
  await submissionsAndAudit(db);
}

/** Organisations, apprentices, users, sessions, sign-in attempts and API tokens. */
async function peopleAndAccess(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('epao', 'provider', 'employer')),
      name text not null check (length(name) between 1 and 200),
      ukprn text unique check (ukprn ~ '^1[0-9]{7}$'),
      created_at timestamptz not null default now(),
      check (kind <> 'provider' or ukprn is not null)
    )`.execute(db);
  await sql`
    create table apprentices (
      id uuid primary key default gen_random_uuid(),
      uln text not null check (uln ~ '^[0-9]{10}$'),
      given_names text not null check (length(given_names) between 1 and 100),
      family_name text not null check (length(family_name) between 1 and 100),
      date_of_birth date not null,
      email text,
      ehcp boolean not null default false,
      provider_id uuid not null references organisations(id),
      employer_id uuid not null references organisations(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index apprentices_uln on apprentices (uln)`.execute(db);
  await sql`create index apprentices_provider on apprentices (provider_id)`.execute(db);
  await sql`create index apprentices_employer on apprentices (employer_id)`.execute(db);
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null unique check (email = lower(email)),
      name text not null,
      role text not null check (role in ('epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice')),
      organisation_id uuid references organisations(id),
      apprentice_id uuid references apprentices(id),
      password_hash text not null,
      created_at timestamptz not null default now(),
      check (role <> 'apprentice' or apprentice_id is not null),
      check (role not in ('provider', 'employer', 'epao-admin') or organisation_id is not null)
    )`.execute(db);
  await sql`
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);
  await sql`
    create table sign_in_attempts (
      id bigserial primary key,
      email text not null,
      attempted_at timestamptz not null default now(),
      succeeded boolean not null
    )`.execute(db);
  await sql`create index sign_in_attempts_email on sign_in_attempts (email, attempted_at)`.execute(db);
  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      name text not null,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`.execute(db);
}

/** EPA records, their files and gateway submissions. */
async function recordsAndGateway(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table epa_records (
      id uuid primary key default gen_random_uuid(),
      apprentice_id uuid not null references apprentices(id),
      uln text not null,
      standard text not null check (standard ~ '^ST[0-9]{4}@[0-9]+\.[0-9]+$'),
      standard_code text not null,
      policy text,
      status text not null check (status in ('registered', 'gateway-submitted', 'gateway-rejected', 'gateway-approved', 'in-epa', 'completed', 'withdrawn')),
      start_date date not null,
      planned_end_date date,
      registered_on date not null,
      gateway_approved_on date,
      epa_start date,
      epa_end date,
      channel text check (channel in ('face-to-face', 'non-facing', 'both')),
      showcase_format text check (showcase_format in ('report', 'presentation')),
      extra_time_percent integer not null default 0 check (extra_time_percent between 0 and 100),
      adjustments text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One active EPA record per ULN and standard; the temporary ULN is shared by many.
  await sql`
    create unique index epa_records_one_active on epa_records (uln, standard_code)
      where status not in ('withdrawn', 'completed') and uln <> '9999999999'`.execute(db);
  await sql`create index epa_records_apprentice on epa_records (apprentice_id)`.execute(db);
  await sql`create index epa_records_uln on epa_records (uln)`.execute(db);
  await sql`
    create table files (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      purpose text not null,
      file_name text not null,
      media_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 text not null,
      storage_key text not null,
      ksbs text[] not null default '{}',
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index files_record on files (epa_record_id)`.execute(db);
  await sql`
    create table gateway_submissions (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      submitted_by uuid references users(id),
      submitted_at timestamptz not null default now(),
      submitted_on date not null,
      request jsonb not null,
      outcome jsonb not null,
      status text not null check (status in ('submitted', 'approved', 'rejected')),
      decided_by uuid references users(id),
      decided_at timestamptz,
      reasons jsonb
    )`.execute(db);
  await sql`create index gateway_submissions_record on gateway_submissions (epa_record_id)`.execute(db);
}

/** Assessors, their relationships and availability, and bookings. */
async function assessorsAndBookings(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessors (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null unique references users(id),
      standards text[] not null default '{}',
      standardised_on date,
      qualifications jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table assessor_relationships (
      id uuid primary key default gen_random_uuid(),
      assessor_id uuid not null references assessors(id),
      apprentice_id uuid references apprentices(id),
      organisation_id uuid references organisations(id),
      nature text not null,
      declared_at timestamptz not null default now(),
      check ((apprentice_id is null) <> (organisation_id is null))
    )`.execute(db);
  await sql`
    create table assessor_availability (
      id uuid primary key default gen_random_uuid(),
      assessor_id uuid not null references assessors(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`
    create table bookings (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      method text not null,
      assessor_id uuid not null references assessors(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      booked_on date not null,
      venue text,
      remote_link text,
      status text not null check (status in ('booked', 'cancelled')),
      cancelled_on date,
      cancellation_charge text,
      cancellation_reason text,
      warnings jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at),
      check (venue is not null or remote_link is not null)
    )`.execute(db);
  // An assessor cannot hold two assessments that overlap, however the requests race.
  await sql`
    alter table bookings add constraint bookings_assessor_free
      exclude using gist (assessor_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'booked')`.execute(db);
  await sql`create unique index bookings_one_per_method on bookings (epa_record_id, method) where status = 'booked'`.execute(db);
  await sql`create index bookings_assessor on bookings (assessor_id, starts_at)`.execute(db);
}

/** Submissions, idempotency keys and the audit chain. */
async function submissionsAndAudit(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table submissions (
      id uuid primary key default gen_random_uuid(),
      epa_record_id uuid not null references epa_records(id),
      kind text not null check (kind in ('project-report', 'showcase', 'portfolio')),
      file_id uuid references files(id),
      submitted_on date not null,
      word_count integer,
      outcome jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index submissions_record on submissions (epa_record_id)`.execute(db);
  await sql`
    create table idempotency_keys (
      actor text not null,
      key text not null,
      request_hash text not null,
      status integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (actor, key)
    )`.execute(db);
  await sql`
    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor text not null,
      action text not null,
      entity text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_entity on audit_log (entity, entity_id)`.execute(db);
  // The head of the chain, written with each entry: removing the last entries shows too.
  await sql`
    create table audit_head (
      id boolean primary key default true check (id),
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`insert into audit_head (seq, hash) values (0, ${GENESIS})`.execute(db);
}

/** The hash the first entry chains from. */
const GENESIS = '0'.repeat(64);

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_head',
    'audit_log',
    'idempotency_keys',
    'submissions',
    'bookings',
    'assessor_availability',
    'assessor_relationships',
    'assessors',
    'gateway_submissions',
    'files',
    'epa_records',
    'api_tokens',
    'sign_in_attempts',
    'sessions',
    'users',
    'apprentices',
    'organisations',
  ])
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
}
