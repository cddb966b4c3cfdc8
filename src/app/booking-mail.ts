// The email a booking sends the apprentice where the EPAO's policy promises one: the remote
// link (VTCT, within 72 hours of booking; src/domain/booking/remote-link.ts decides when).
// Written to the outbox in the booking's own statement, so it goes exactly when the booking
// commits, once per booking version.
import { remoteLinkNotice } from '../domain/booking/remote-link.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import { renderMail } from '../domain/mail/templates.ts';
import type { Finding } from '../domain/outcome.ts';
import type { Resolved } from '../domain/standards/catalogue.ts';
import type { RecordFacts } from '../store/repositories/booking-facts.repository.ts';
import type { OutboxMail } from '../store/repositories/bookings.repository.ts';
import type { AppContext } from './context.ts';
import { cachedWords } from './mail-templates.ts';

type Booked = { id: string; version: number; method: string; startsAt: Date; remoteLink: string | null };

/** The remote link's email (in the EPAO's words), or the warning that it cannot be sent; `changed`: a new booking, or a move to another time or link. */
export async function remoteLinkMail(
  ctx: AppContext,
  r: Resolved,
  record: RecordFacts,
  booking: Booked,
  changed: boolean,
): Promise<{ mail: OutboxMail | null; warning: Finding | null }> {
  const notice = remoteLinkNotice(r, { method: booking.method, remoteLink: booking.remoteLink, changed }, record.apprenticeEmail, ctx.now());
  if (!notice) return { mail: null, warning: null };
  if (notice.kind === 'cannot-send') return { mail: null, warning: notice.warning };
  const at = utcToLondon(booking.startsAt);
  const values = {
    name: record.givenNames,
    method: r.index.methods.get(booking.method)?.name ?? booking.method,
    date: at.date,
    time: at.time,
    link: booking.remoteLink ?? '',
    rule: notice.source,
    withinHours: String(notice.withinHours),
    record: record.id,
  };
  const { subject, body } = renderMail(await cachedWords(ctx.db, 'remote-link'), values);
  return {
    warning: null,
    mail: { to: record.apprenticeEmail as string, subject, body, kind: 'remote-link', dedupeKey: `remote-link:${booking.id}:${booking.version}` },
  };
}

/** The apprentice's notice of a booking made, moved or cancelled, where they have an address; in the change's own statement. */
export async function bookingNotice(
  ctx: AppContext,
  record: RecordFacts,
  kind: 'booking-made' | 'booking-moved' | 'booking-cancelled',
  booking: { id: string; version: number; methodName: string; startsAt: Date | string; venue: string | null; remoteLink: string | null; reason?: string },
): Promise<OutboxMail | null> {
  if (!record.apprenticeEmail) return null;
  const at = utcToLondon(booking.startsAt);
  const values = {
    name: record.givenNames,
    method: booking.methodName,
    date: at.date,
    time: at.time,
    place: booking.venue ?? (booking.remoteLink ? 'online (the link is in your booking)' : 'to be confirmed'),
    reason: booking.reason ?? '',
  };
  const { subject, body } = renderMail(await cachedWords(ctx.db, kind), values);
  return { to: record.apprenticeEmail, subject, body, kind, dedupeKey: `${kind}:${booking.id}:${booking.version}` };
}
