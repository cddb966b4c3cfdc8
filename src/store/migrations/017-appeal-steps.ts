// An appeal's steps after it is lodged: the evidence the appellant gives with the grounds,
// the EPAO's acknowledgement, and the reviewer it is given to (who alone decides it then).
// The open appeals are read by their status for the work queue.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals
    add column evidence text,
    add column acknowledged_on date,
    add column acknowledged_by uuid references users(id),
    add column reviewer_id uuid references users(id),
    add column reviewer_assigned_on date`.execute(db);
  await sql`create index appeals_open on appeals (lodged_on) where status = 'lodged'`.execute(db);
  await sql`create index appeals_reviewer on appeals (reviewer_id) where reviewer_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index appeals_reviewer`.execute(db);
  await sql`drop index appeals_open`.execute(db);
  await sql`alter table appeals drop column evidence, drop column acknowledged_on, drop column acknowledged_by,
    drop column reviewer_id, drop column reviewer_assigned_on`.execute(db);
}
