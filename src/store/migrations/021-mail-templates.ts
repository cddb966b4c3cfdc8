// The EPAO's own words for each e-mail (a kind without a row uses Capstone's), and each
// person's choice not to receive reminders.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_templates (
      kind text primary key,
      subject text not null,
      body text not null,
      version integer not null default 1,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table users add column reminders_off boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column reminders_off`.execute(db);
  await sql`drop table mail_templates`.execute(db);
}
