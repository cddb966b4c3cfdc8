// The course option an apprentice is registered on, for a standard version with options
// (its data file's courseOptions): DfE's certificate for such a version names it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table epa_records add column course_option text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table epa_records drop column course_option`.execute(db);
}
