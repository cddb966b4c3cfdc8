// Registration does not leak or squat.
//
// 1. One ULN, one person. Each apprentice row carries its identity key (family name and
//    date of birth, as domain/registration/identity.ts compares them), and an exclusion
//    constraint refuses two rows with the same ULN and different keys, however the
//    requests race. The temporary ULN is shared by many people and exempt, as in
//    epa_records_one_active. Rows already in the database are keyed by the same function;
//    where a ULN already holds two different people, its rows are left unkeyed (outside
//    the constraint) rather than the migration failing: the application still compares
//    every row of a ULN, so such a ULN takes no new registration until the EPAO puts it
//    right. A change to the rule needs a migration that keys the rows again.
// 2. Registration clashes: a registration for a ULN and standard already active with
//    another training provider, held for the EPAO to decide (transfer or reject). At most
//    one open clash per ULN, standard and requesting provider, so asking again is the
//    same clash.
import { type Kysely, sql } from 'kysely';
import { identityKey } from '../../domain/registration/identity.ts';

const BATCH = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table apprentices add column identity_key text`.execute(db);
  const rows = await sql<{ id: string; uln: string; surname: string; born: string }>`
    select id, uln, family_name as surname, date_of_birth::text as born from apprentices where uln <> '9999999999'`.execute(db);
  const keyed = rows.rows.map((r) => ({ id: r.id, uln: r.uln, key: identityKey({ familyName: r.surname, dateOfBirth: r.born }) }));
  const keysOfUln = new Map<string, Set<string>>();
  for (const r of keyed) keysOfUln.set(r.uln, (keysOfUln.get(r.uln) ?? new Set()).add(r.key));
  const consistent = keyed.filter((r) => (keysOfUln.get(r.uln)?.size ?? 0) === 1);
  for (let i = 0; i < consistent.length; i += BATCH) {
    const batch = consistent.slice(i, i + BATCH);
    await sql`
      update apprentices set identity_key = v.key
      from unnest(${batch.map((r) => r.id)}::uuid[], ${batch.map((r) => r.key)}::text[]) as v(id, key)
      where apprentices.id = v.id`.execute(db);
  }
  await sql`
    alter table apprentices add constraint apprentices_one_person_per_uln
      exclude using gist (uln with =, identity_key with <>) where (uln <> '9999999999')`.execute(db);

  await sql`
    create table registration_clashes (
      id uuid primary key default gen_random_uuid(),
      uln text not null,
      standard text not null,
      standard_code text not null,
      existing_record_id uuid not null references epa_records(id),
      requested_provider_id uuid not null references organisations(id),
      requested_by uuid references users(id),
      requested_on date not null,
      request jsonb not null,
      status text not null default 'open' check (status in ('open', 'transferred', 'rejected')),
      decided_by uuid references users(id),
      decided_at timestamptz,
      reason text check (reason is null or length(reason) between 1 and 2000),
      new_record_id uuid references epa_records(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check (status <> 'rejected' or reason is not null),
      check (status <> 'transferred' or new_record_id is not null)
    )`.execute(db);
  await sql`
    create unique index registration_clashes_one_open on registration_clashes (uln, standard_code, requested_provider_id)
      where status = 'open'`.execute(db);
  await sql`create index registration_clashes_provider on registration_clashes (requested_provider_id)`.execute(db);
  await sql`create index registration_clashes_open on registration_clashes (created_at) where status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists registration_clashes`.execute(db);
  await sql`alter table apprentices drop constraint if exists apprentices_one_person_per_uln`.execute(db);
  await sql`alter table apprentices drop column if exists identity_key`.execute(db);
}
