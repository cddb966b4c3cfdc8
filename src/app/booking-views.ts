// Reading bookings, each actor within its scope, as the API and the pages show them.
import { type Actor, recordScope } from '../domain/access/access.ts';
import type { PlannedLength } from '../domain/booking/slot.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { addMinutes, londonToUtc, utcToLondon } from '../domain/calendar/london-time.ts';
import type { Finding } from '../domain/outcome.ts';
import type { Db } from '../store/database.ts';
import { type BookingRow, type BookingStatus, findBooking, listBookingRows } from '../store/repositories/bookings.repository.ts';
import type { AppContext } from './context.ts';
import { badRequest, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import { assertCanSee } from './records.ts';

export type BookingView = {
  id: string;
  version: number;
  recordId: string;
  standard: string;
  policy: string | null;
  method: string;
  methodName: string;
  apprentice: { id: string; name: string };
  assessor: { id: string; name: string };
  /** UK date and times of the assessment. */
  date: IsoDate;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  /** The slot held for the assessor: the method's longest time with the apprentice's extra time. */
  minutes: number;
  bookedOn: IsoDate;
  venue: string | null;
  remoteLink: string | null;
  /** booked; held once its assessment is submitted; cancelled. */
  status: BookingStatus;
  cancelledOn: IsoDate | null;
  cancellationCharge: string | null;
  cancellationReason: string | null;
  /** When the assessor confirmed they will be there (an instant); null until then, and after a move to another time or assessor. */
  confirmedAt: string | null;
  /** Warnings when it was booked or last moved (the order of methods); never a block. */
  warnings: Finding[];
  /** The reasonable adjustment agreed for the apprentice. */
  extraTimePercent: number;
  adjustments: string | null;
};

/** The booking as made or moved, with the planned length it was checked against. */
export type BookingOutcome = BookingView & { slot: PlannedLength };

export function toView(ctx: AppContext, r: BookingRow): BookingView {
  const start = new Date(r.startsAt);
  const end = new Date(r.endsAt);
  const local = utcToLondon(start);
  return {
    id: r.id,
    version: r.version,
    recordId: r.epaRecordId,
    standard: r.standard,
    policy: r.policy,
    method: r.method,
    methodName: ctx.catalogue.standards.get(r.standard)?.methods.get(r.method)?.name ?? r.method,
    apprentice: { id: r.apprenticeId, name: `${r.givenNames} ${r.familyName}` },
    assessor: { id: r.assessorId, name: r.assessorName },
    date: local.date,
    startTime: local.time,
    endTime: utcToLondon(end).time,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    minutes: Math.round((end.getTime() - start.getTime()) / 60_000),
    bookedOn: r.bookedOn,
    venue: r.venue,
    remoteLink: r.remoteLink,
    status: r.status,
    cancelledOn: r.cancelledOn,
    cancellationCharge: r.cancellationCharge,
    cancellationReason: r.cancellationReason,
    confirmedAt: r.confirmedAt ? new Date(r.confirmedAt).toISOString() : null,
    warnings: (r.warnings ?? []) as Finding[],
    extraTimePercent: r.extraTimePercent,
    adjustments: r.adjustments,
  };
}

/** One booking the actor may see; someone else's is "not found", not "forbidden". */
export async function getBooking(ctx: AppContext, actor: Actor, id: string): Promise<BookingView> {
  return readBooking(ctx, ctx.db, actor, id);
}

/** The booking as `db` sees it: inside a transaction, the change it has made so far. */
export async function readBooking(ctx: AppContext, db: Db, actor: Actor, id: string): Promise<BookingView> {
  if (!isUuid(id)) throw notFound(`booking ${id}`);
  const row = await findBooking(db, recordScope(actor), id);
  if (!row) throw notFound(`booking ${id}`);
  return toView(ctx, row);
}

export type BookingFilter = {
  recordId?: string;
  status?: BookingStatus;
  assessorId?: string;
  standard?: string;
  from?: IsoDate;
  to?: IsoDate;
  limit?: number;
  offset?: number;
};

/** Bookings the actor may see, soonest first; `from`/`to` are UK dates, inclusive. */
export async function listBookings(ctx: AppContext, actor: Actor, filter: BookingFilter = {}): Promise<BookingView[]> {
  if (filter.recordId !== undefined) await assertCanSee(ctx, actor, filter.recordId);
  if (filter.assessorId && !isUuid(filter.assessorId)) return [];
  const rows = await listBookingRows(ctx.db, recordScope(actor), {
    ...(filter.recordId !== undefined ? { recordId: filter.recordId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.assessorId ? { assessorId: filter.assessorId } : {}),
    ...(filter.standard ? { standard: filter.standard } : {}),
    ...(filter.from ? { from: dayStart(filter.from) } : {}),
    ...(filter.to ? { before: dayStart(filter.to, 1) } : {}),
    limit: Math.min(filter.limit ?? 100, 500),
    offset: filter.offset ?? 0,
  });
  return rows.map((r) => toView(ctx, r));
}

/** Midnight in the UK at the start of `date` (or `days` later), as an instant. */
function dayStart(date: IsoDate, days = 0): Date {
  const midnight = londonToUtc(date, '00:00');
  if (!midnight.ok) throw badRequest(midnight.problem.code, midnight.problem.message);
  return addMinutes(midnight.value, days * 24 * 60);
}
