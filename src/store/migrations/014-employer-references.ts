// Employers named in an import by the EPAO's own reference for them (an MIS code, an account
// number) rather than Capstone's id, and created on first sight when the importer allows it;
// and what an import run was asked to do beyond its file (creating employers).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisations add column reference text`.execute(db);
  // A reference names one employer, whatever its case.
  await sql`create unique index organisations_employer_reference on organisations (lower(reference)) where kind = 'employer' and reference is not null`.execute(
    db,
  );
  await sql`alter table import_runs add column options jsonb not null default '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_runs drop column options`.execute(db);
  await sql`drop index organisations_employer_reference`.execute(db);
  await sql`alter table organisations drop column reference`.execute(db);
}
