// Assessors in the database: the assessor with their user account, their declared
// relationships and availability, and the writes an appointment or a declaration makes.
import { type Selectable, sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type AssessorRow = {
  id: string;
  version: number;
  userId: string;
  standards: string[];
  standardisedOn: IsoDate | null;
  qualifications: unknown;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  homeRegion: string | null;
  name: string;
  email: string;
};

/** An assessor's caps (most assessments a day and a week) and home region; null where none is set. */
export type AssessorWorkload = { maxPerDay: number | null; maxPerWeek: number | null; homeRegion: string | null };
export type RelationshipRow = Selectable<Database['assessorRelationships']>;
export type AvailabilityRow = Selectable<Database['assessorAvailability']>;

/** Assessors with their user's name and email, by name; every assessor when `ids` is not given. */
export async function assessorRows(db: Db, ids?: readonly string[]): Promise<AssessorRow[]> {
  let query = db
    .selectFrom('assessors')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .select([
      'assessors.id',
      'assessors.version',
      'assessors.userId',
      'assessors.standards',
      'assessors.standardisedOn',
      'assessors.qualifications',
      'assessors.maxPerDay',
      'assessors.maxPerWeek',
      'assessors.homeRegion',
      'users.name',
      'users.email',
    ])
    .orderBy('users.name')
    .orderBy('assessors.id');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('assessors.id', 'in', ids);
  }
  return query.execute();
}

/** The relationships declared by these assessors, oldest first. */
export async function relationshipsOf(db: Db, assessorIds: readonly string[]): Promise<RelationshipRow[]> {
  return db.selectFrom('assessorRelationships').selectAll().where('assessorId', 'in', assessorIds).orderBy('declaredAt').orderBy('id').execute();
}

/** These assessors' availability windows, earliest first. */
export async function availabilityOf(db: Db, assessorIds: readonly string[]): Promise<AvailabilityRow[]> {
  return db.selectFrom('assessorAvailability').selectAll().where('assessorId', 'in', assessorIds).orderBy('startsAt').orderBy('id').execute();
}

/** A user with the assessor role and the assessor's row; a taken email fails on users_email_key. */
export async function insertAssessor(
  tx: Db,
  assessor: {
    email: string;
    name: string;
    organisationId: string | null;
    passwordHash: string;
    standards: string[];
    standardisedOn: IsoDate | null;
    qualifications: unknown;
  } & AssessorWorkload,
): Promise<{ userId: string; assessorId: string }> {
  const user = await tx
    .insertInto('users')
    .values({
      email: assessor.email,
      name: assessor.name,
      role: 'assessor',
      organisationId: assessor.organisationId,
      apprenticeId: null,
      passwordHash: assessor.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('assessors')
    .values({
      userId: user.id,
      standards: assessor.standards,
      standardisedOn: assessor.standardisedOn,
      qualifications: JSON.stringify(assessor.qualifications),
      maxPerDay: assessor.maxPerDay,
      maxPerWeek: assessor.maxPerWeek,
      homeRegion: assessor.homeRegion,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, assessorId: row.id };
}

/** Writes the changes given if the assessor is still at `version`; false if it has moved on. */
export async function updateAssessorRow(
  tx: Db,
  id: string,
  version: number,
  changes: { standards?: string[]; standardisedOn?: IsoDate | null; qualifications?: unknown } & Partial<AssessorWorkload>,
): Promise<boolean> {
  const updated = await tx
    .updateTable('assessors')
    .set({
      ...(changes.standards !== undefined ? { standards: changes.standards } : {}),
      ...(changes.standardisedOn !== undefined ? { standardisedOn: changes.standardisedOn } : {}),
      ...(changes.qualifications !== undefined ? { qualifications: JSON.stringify(changes.qualifications) } : {}),
      ...(changes.maxPerDay !== undefined ? { maxPerDay: changes.maxPerDay } : {}),
      ...(changes.maxPerWeek !== undefined ? { maxPerWeek: changes.maxPerWeek } : {}),
      ...(changes.homeRegion !== undefined ? { homeRegion: changes.homeRegion } : {}),
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function renameUser(tx: Db, userId: string, name: string): Promise<void> {
  await tx.updateTable('users').set({ name }).where('id', '=', userId).execute();
}

/** Locks the assessor's row; false if there is no such assessor. */
export async function lockAssessorRow(tx: Db, id: string): Promise<boolean> {
  const row = await tx.selectFrom('assessors').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function apprenticeExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('apprentices').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function organisationKind(db: Db, id: string): Promise<Database['organisations']['kind'] | undefined> {
  const row = await db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind;
}

export async function insertRelationship(
  tx: Db,
  relationship: { assessorId: string; apprenticeId: string | null; organisationId: string | null; nature: string },
): Promise<Pick<RelationshipRow, 'id' | 'apprenticeId' | 'organisationId' | 'nature' | 'declaredAt'>> {
  return tx
    .insertInto('assessorRelationships')
    .values(relationship)
    .returning(['id', 'apprenticeId', 'organisationId', 'nature', 'declaredAt'])
    .executeTakeFirstOrThrow();
}

export async function insertAvailability(
  tx: Db,
  window: { assessorId: string; startsAt: Date; endsAt: Date },
): Promise<Pick<AvailabilityRow, 'id' | 'startsAt' | 'endsAt'>> {
  return tx.insertInto('assessorAvailability').values(window).returning(['id', 'startsAt', 'endsAt']).executeTakeFirstOrThrow();
}

/** Sets (or, null, clears) the SHA-256 of the assessor's calendar feed's secret; whether the assessor exists. */
export async function setCalendarTokenHash(tx: Db, assessorId: string, hash: string | null): Promise<boolean> {
  const done = await tx.updateTable('assessors').set({ calendarTokenHash: hash }).where('id', '=', assessorId).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** The assessor whose calendar feed this secret's hash opens, if any (and not disabled). */
export async function assessorByCalendarToken(db: Db, hash: string) {
  return db
    .selectFrom('assessors')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .select(['assessors.id', 'assessors.userId', 'users.name'])
    .where('assessors.calendarTokenHash', '=', hash)
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
}

/** Whether the assessor has a calendar feed. */
export async function hasCalendarFeed(db: Db, assessorId: string): Promise<boolean> {
  const row = await db.selectFrom('assessors').select('calendarTokenHash').where('id', '=', assessorId).executeTakeFirst();
  return Boolean(row?.calendarTokenHash);
}

export type WeeklyHoursRow = { weekday: number; starts: string; ends: string };

export async function weeklyHoursOf(db: Db, assessorId: string): Promise<WeeklyHoursRow[]> {
  return db
    .selectFrom('assessorWeeklyHours')
    .select(['weekday', 'starts', 'ends'])
    .where('assessorId', '=', assessorId)
    .orderBy('weekday')
    .orderBy('starts')
    .execute();
}

/** The week's hours, all replaced at once. */
export async function replaceWeeklyHours(tx: Db, assessorId: string, hours: readonly WeeklyHoursRow[]): Promise<void> {
  await tx.deleteFrom('assessorWeeklyHours').where('assessorId', '=', assessorId).execute();
  if (hours.length > 0)
    await tx
      .insertInto('assessorWeeklyHours')
      .values(hours.map((h) => ({ assessorId, ...h })))
      .execute();
}

/** Leave that ends on or after `from`, soonest first. */
export async function leaveOf(db: Db, assessorId: string, from: string) {
  return db
    .selectFrom('assessorLeave')
    .select(['id', 'fromDate', 'toDate', 'reason'])
    .where('assessorId', '=', assessorId)
    .where('toDate', '>=', from)
    .orderBy('fromDate')
    .limit(200)
    .execute();
}

export async function insertLeave(tx: Db, leave: { assessorId: string; fromDate: string; toDate: string; reason: string | null }) {
  return tx.insertInto('assessorLeave').values(leave).returning(['id', 'fromDate', 'toDate', 'reason']).executeTakeFirstOrThrow();
}

export async function deleteLeave(tx: Db, assessorId: string, leaveId: string): Promise<boolean> {
  const done = await tx.deleteFrom('assessorLeave').where('id', '=', leaveId).where('assessorId', '=', assessorId).executeTakeFirst();
  return Number(done.numDeletedRows) === 1;
}
