// Bookings in the database: read within an actor's scope, and each change (a booking, a
// move, a cancellation) written in one statement with the record's update and its audit
// entries. The facts a decision needs are in booking-facts.repository.ts.
import { type RawBuilder, sql } from 'kysely';
import type { RecordScope } from '../../domain/access/access.ts';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Finding } from '../../domain/outcome.ts';
import { type AuditInput, auditInsertMany } from '../audit.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';

export type BookingStatus = Database['bookings']['status'];

/** A booking row as stored. */
export type StoredBooking = {
  id: string;
  version: number;
  epaRecordId: string;
  method: string;
  assessorId: string;
  startsAt: Date;
  endsAt: Date;
  bookedOn: IsoDate;
  venue: string | null;
  remoteLink: string | null;
  status: BookingStatus;
  cancelledOn: IsoDate | null;
  cancellationCharge: string | null;
  cancellationReason: string | null;
  warnings: unknown;
  confirmedAt: Date | null;
};

/** A booking with what its view shows of the record, the apprentice and the assessor. */
export type BookingRow = Omit<StoredBooking, 'startsAt' | 'endsAt'> & {
  startsAt: Date | string;
  endsAt: Date | string;
  standard: string;
  policy: string | null;
  extraTimePercent: number;
  adjustments: string | null;
  apprenticeId: string;
  givenNames: string;
  familyName: string;
  assessorName: string;
};

function bookingsQuery(db: Db) {
  return db
    .selectFrom('bookings')
    .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
    .innerJoin('users as assessorUser', 'assessorUser.id', 'assessors.userId')
    .select([
      'bookings.id',
      'bookings.version',
      'bookings.epaRecordId',
      'bookings.method',
      'bookings.assessorId',
      'bookings.startsAt',
      'bookings.endsAt',
      'bookings.bookedOn',
      'bookings.venue',
      'bookings.remoteLink',
      'bookings.status',
      'bookings.cancelledOn',
      'bookings.cancellationCharge',
      'bookings.cancellationReason',
      'bookings.warnings',
      'bookings.confirmedAt',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.extraTimePercent',
      'epaRecords.adjustments',
      'apprentices.id as apprenticeId',
      'apprentices.givenNames',
      'apprentices.familyName',
      'assessorUser.name as assessorName',
    ]);
}

type BookingsQuery = ReturnType<typeof bookingsQuery>;

/** An assessor sees only its own bookings; a provider, employer or apprentice only their apprentices'. */
function scoped(query: BookingsQuery, scope: RecordScope): BookingsQuery {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'provider':
      return query.where('apprentices.providerId', '=', scope.organisationId);
    case 'employer':
      return query.where('apprentices.employerId', '=', scope.organisationId);
    case 'apprentice':
      return query.where('apprentices.id', '=', scope.apprenticeId);
    case 'assessor':
      return query.where('bookings.assessorId', '=', scope.assessorId);
    case 'none':
      return query.where(sql<boolean>`false`);
  }
}

export async function findBooking(db: Db, scope: RecordScope, id: string): Promise<BookingRow | undefined> {
  return scoped(bookingsQuery(db), scope).where('bookings.id', '=', id).executeTakeFirst();
}

export type BookingListFilter = {
  recordId?: string;
  status?: BookingStatus;
  assessorId?: string;
  /** A standard version, e.g. ST0071@1.2. */
  standard?: string;
  /** Instants: bookings starting at or after `from` and before `before`. */
  from?: Date;
  before?: Date;
  limit: number;
  offset: number;
};

/** Soonest first. */
export async function listBookingRows(db: Db, scope: RecordScope, filter: BookingListFilter): Promise<BookingRow[]> {
  let query = scoped(bookingsQuery(db), scope);
  if (filter.recordId !== undefined) query = query.where('bookings.epaRecordId', '=', filter.recordId);
  if (filter.status) query = query.where('bookings.status', '=', filter.status);
  if (filter.assessorId) query = query.where('bookings.assessorId', '=', filter.assessorId);
  if (filter.standard) query = query.where('epaRecords.standard', '=', filter.standard);
  if (filter.from) query = query.where('bookings.startsAt', '>=', filter.from);
  if (filter.before) query = query.where('bookings.startsAt', '<', filter.before);
  return query.orderBy('bookings.startsAt').orderBy('bookings.id').limit(filter.limit).offset(filter.offset).execute();
}

export async function recordIdOfBooking(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('bookings').select('epaRecordId').where('id', '=', id).executeTakeFirst())?.epaRecordId;
}

/**
 * The booking about to change and its assessor's name. Unless `lock` is false (a dry run),
 * the booking is locked for the change and its record with it, in this one statement, so the
 * record's facts read next (a statement of their own) are read after any change that held it.
 */
export async function bookingForChange(db: Db, id: string, options: { lock: boolean }): Promise<{ booking: StoredBooking; assessorName: string } | undefined> {
  // The record comes first in the FROM list, so it is locked before the booking, as every
  // change that locks both (a withdrawal) locks them.
  const row = await db
    .selectFrom('epaRecords')
    .innerJoin('bookings', 'bookings.epaRecordId', 'epaRecords.id')
    .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
    .innerJoin('users', 'users.id', 'assessors.userId')
    .selectAll('bookings')
    .select('users.name as assessorName')
    .where('bookings.id', '=', id)
    .$if(options.lock, (q) => q.modifyEnd(sql`for update of bookings for no key update of epa_records`))
    .executeTakeFirst();
  if (!row) return undefined;
  const { assessorName, ...booking } = row;
  return { booking: booking as StoredBooking, assessorName };
}

/** What a booking change does to its record: its status, its EPA window. */
export type RecordChanges = { status?: RecordStatus; epaStart?: IsoDate | null; epaEnd?: IsoDate | null };

/**
 * The record a booking change is written against: its update (if any) and the version and
 * count of booking changes the decision read. The change is written only if both are still
 * those, so a decision made over facts read without locks cannot miss a change made since.
 */
export type RecordWrite = { id: string; changes: RecordChanges | null; at: Date; version: number; bookingChanges: number };

/** The record's guarded update as a WITH clause: its booking changes counted, its version moved on when it changes. */
function recordUpdate(record: RecordWrite): RawBuilder<unknown> {
  const { changes } = record;
  const set = [
    sql`booking_changes = booking_changes + 1`,
    ...(changes?.status !== undefined ? [sql`status = ${changes.status}`] : []),
    ...(changes && 'epaStart' in changes ? [sql`epa_start = ${changes.epaStart ?? null}`] : []),
    ...(changes && 'epaEnd' in changes ? [sql`epa_end = ${changes.epaEnd ?? null}`] : []),
    ...(changes ? [sql`version = version + 1`, sql`updated_at = ${record.at}`] : []),
  ];
  return sql`record as (update epa_records set ${sql.join(set)}
    where id = ${record.id} and version = ${record.version} and booking_changes = ${record.bookingChanges} returning id)`;
}

/** Every write of the statement happens only where the record's guard held. */
const guardHeld = sql`exists (select 1 from record)`;

/**
 * The change, the record's update and the audit entries, as one statement: all or nothing,
 * one round trip. No rows back: the record moved on since it was read, and nothing was written.
 */
async function writeWithAudit(
  db: Db,
  change: RawBuilder<unknown>,
  record: RecordWrite,
  extra: RawBuilder<unknown>[],
  audit: AuditInput[],
): Promise<StoredBooking[]> {
  const ctes = [
    recordUpdate(record),
    ...extra,
    ...(audit.length > 0 ? [sql`audit as (${auditInsertMany(audit, guardHeld)})`] : []),
    sql`changed as (${change})`,
  ];
  const result = await sql<StoredBooking>`with ${sql.join(ctes)} select * from changed`.execute(db);
  return result.rows;
}

/** A message the change sends, written to the outbox in the same statement; once per key. */
export type OutboxMail = { to: string; subject: string; body: string; kind: string; dedupeKey: string };

function mailInsert(mails: OutboxMails): RawBuilder<unknown>[] {
  const list = (Array.isArray(mails) ? mails : [mails]).filter((m): m is OutboxMail => m !== null);
  return list.map(
    (mail, i) => sql`${sql.raw(`mail${i}`)} as (insert into outbox (to_address, subject, body, kind, dedupe_key)
      select ${mail.to}::text, ${mail.subject}::text, ${mail.body}::text, ${mail.kind}::text, ${mail.dedupeKey}::text where ${guardHeld}
      on conflict (dedupe_key) do nothing)`,
  );
}

/** The messages a change sends: none, one, or several (a notice and a remote link). */
export type OutboxMails = OutboxMail | null | readonly (OutboxMail | null)[];

export type NewBooking = Omit<
  StoredBooking,
  'version' | 'status' | 'cancelledOn' | 'cancellationCharge' | 'cancellationReason' | 'warnings' | 'confirmedAt'
> & {
  warnings: Finding[];
};

/** The new booking, or undefined when the record moved on since it was read (nothing written). */
export async function insertBooking(
  db: Db,
  booking: NewBooking,
  record: RecordWrite,
  audit: AuditInput[],
  mail: OutboxMails = null,
): Promise<StoredBooking | undefined> {
  const b = booking;
  const insert = sql`insert into bookings (id, epa_record_id, method, assessor_id, starts_at, ends_at, booked_on, venue, remote_link, status, warnings)
    select ${b.id}::uuid, ${b.epaRecordId}::uuid, ${b.method}::text, ${b.assessorId}::uuid, ${b.startsAt}::timestamptz, ${b.endsAt}::timestamptz,
      ${b.bookedOn}::date, ${b.venue}::text, ${b.remoteLink}::text, 'booked', ${JSON.stringify(b.warnings)}::jsonb
    where ${guardHeld}
    returning *`;
  return (await writeWithAudit(db, insert, record, mailInsert(mail), audit))[0];
}

export type SlotChange = Pick<StoredBooking, 'assessorId' | 'startsAt' | 'endsAt' | 'bookedOn' | 'venue' | 'remoteLink'> & {
  warnings: Finding[];
  /** Whether the assessor's confirmation stands after the move (domain/booking/confirmation.ts). */
  keepsConfirmation: boolean;
};

/** The moved booking, or undefined when its version moved on meanwhile. */
export async function moveBookingRow(
  tx: Db,
  id: string,
  version: number,
  slot: SlotChange,
  record: RecordWrite,
  audit: AuditInput[],
  mail: OutboxMails = null,
): Promise<StoredBooking | undefined> {
  const update = sql`update bookings set assessor_id = ${slot.assessorId}, starts_at = ${slot.startsAt}, ends_at = ${slot.endsAt}, booked_on = ${slot.bookedOn},
    venue = ${slot.venue}, remote_link = ${slot.remoteLink}, warnings = ${JSON.stringify(slot.warnings)}::jsonb, version = version + 1,
    confirmed_at = case when ${slot.keepsConfirmation}::boolean then confirmed_at end
    where id = ${id} and version = ${version} and ${guardHeld} returning *`;
  return (await writeWithAudit(tx, update, record, mailInsert(mail), audit))[0];
}

export async function cancelBookingRow(
  tx: Db,
  id: string,
  cancellation: { cancelledOn: IsoDate; charge: string | null; reason: string },
  record: RecordWrite,
  audit: AuditInput[],
  mail: OutboxMails = null,
): Promise<StoredBooking | undefined> {
  const update = sql`update bookings set status = 'cancelled', cancelled_on = ${cancellation.cancelledOn}, cancellation_charge = ${cancellation.charge},
    cancellation_reason = ${cancellation.reason}, version = version + 1 where id = ${id} and ${guardHeld} returning *`;
  return (await writeWithAudit(tx, update, record, mailInsert(mail), audit))[0];
}

/** The assessor's confirmation, at the version it was given for; undefined when the booking moved on meanwhile. */
export async function confirmBookingRow(db: Db, id: string, version: number, at: Date, audit: AuditInput): Promise<StoredBooking | undefined> {
  const result = await sql<StoredBooking>`with changed as (update bookings set confirmed_at = ${at}, version = version + 1
      where id = ${id} and version = ${version} and status = 'booked' returning *),
    audit as (${auditInsertMany([audit], sql`exists (select 1 from changed)`)})
    select * from changed`.execute(db);
  return result.rows[0];
}
