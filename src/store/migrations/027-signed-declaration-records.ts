// A party's gateway declaration held on a signed Gateway Declaration Record: the provider
// uploads the signed form and names who signed it (004 Section 1: the record may "be signed
// and dated by all parties"). The signer's name and the form sit beside the declaration;
// declared_by is then whoever recorded it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table gateway_declarations
      add column signed_by text,
      add column evidence_file_id uuid references files(id),
      add constraint gateway_declarations_signed_record check ((signed_by is null) = (evidence_file_id is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table gateway_declarations drop constraint gateway_declarations_signed_record, drop column evidence_file_id, drop column signed_by`.execute(
    db,
  );
}
