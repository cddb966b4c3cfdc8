// A re-assessment an upheld appeal orders is arranged as a re-attempt of its own kind, with
// the appeal that ordered it and its charge (none: it puts right the EPAO's own failure).
// A re-sit or re-take is chargeable (004 Reassessment), as every earlier row was.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table reattempts
      drop constraint reattempts_kind_check,
      add constraint reattempts_kind_check check (kind in ('resit', 're-take', 'appeal-reassessment')),
      add column charge text not null default 'chargeable' check (charge in ('chargeable', 'none')),
      add column appeal_id uuid references appeals(id),
      add constraint reattempts_appeal_ordered check ((kind = 'appeal-reassessment') = (appeal_id is not null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from reattempts where kind = 'appeal-reassessment'`.execute(db);
  await sql`
    alter table reattempts
      drop constraint reattempts_appeal_ordered,
      drop column appeal_id,
      drop column charge,
      drop constraint reattempts_kind_check,
      add constraint reattempts_kind_check check (kind in ('resit', 're-take'))`.execute(db);
}
