// Re-planning: which bookings already made may move. Only those the admin freed, of an
// apprentice in the instance (so their plan can be checked again), on a day of the schedule,
// and not inside the method's notice period: an apprentice who has been given their notice
// keeps their date (001 §5: "2 weeks' notice of the practical observation").
import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import type { ExistingBooking } from './model.ts';
import type { CompiledRecord, Item } from './problem.ts';

/** `bookedOn`: when it was booked, which its notice and lead times count from while it stays on its day. */
export type Incumbent = { bookingId: string; assessor: number; day: number; start: number; bookedOn: IsoDate };

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Whether a booking on `date` is inside its method's notice period as seen on `today`. */
export function insideNotice(record: CompiledRecord, method: string, date: IsoDate, today: IsoDate): boolean {
  const notice = record.resolved.index.methods.get(method)?.noticeDays?.value ?? 0;
  return daysBetween(today, date) < notice;
}

export function splitMovable(
  bookings: readonly ExistingBooking[],
  today: IsoDate,
  at: { records: CompiledRecord[]; recordIndex: Map<string, number>; assessorIndex: Map<string, number>; dayIndex: Map<IsoDate, number> },
): { moving: Item[]; staying: ExistingBooking[] } {
  const moving: Item[] = [];
  const staying: ExistingBooking[] = [];
  for (const b of bookings) {
    const r = at.recordIndex.get(b.recordId);
    const record = r === undefined ? undefined : at.records[r];
    const day = at.dayIndex.get(b.date);
    const assessor = at.assessorIndex.get(b.assessorId);
    const free = b.movable && record && r !== undefined && day !== undefined && assessor !== undefined && !insideNotice(record, b.method, b.date, today);
    if (!free || r === undefined || day === undefined || assessor === undefined) {
      staying.push(b);
      continue;
    }
    moving.push({
      record: r,
      method: b.method,
      minutes: b.minutes,
      venue: b.venue,
      region: b.region,
      incumbent: { bookingId: b.id, assessor, day, start: minutesOf(b.start), bookedOn: b.bookedOn },
    });
  }
  return { moving, staying };
}
