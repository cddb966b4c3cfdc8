// An assessor's private calendar subscription: an iCalendar URL with a secret in it, which
// their calendar application reads again and again. The assessor (or the EPAO for them)
// makes a new one, which stops the old, or stops it; only the secret's SHA-256 is kept, so
// the URL is shown once. The feed holds their bookings from 60 days ago on, cancellations too.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../domain/access/access.ts';
import { addDays } from '../domain/calendar/dates.ts';
import { appendAudit } from '../store/audit.ts';
import { assessorByCalendarToken, hasCalendarFeed as feedExists, setCalendarTokenHash } from '../store/repositories/assessors.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { listBookings } from './booking-views.ts';
import { bookingEvent, calendarFile } from './calendar-invite.ts';
import { type AppContext, today } from './context.ts';
import { publicUrl } from './epao-settings.ts';
import { forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PAST_DAYS = 60;

function assertOwnOrEpao(actor: Actor, assessorId: string) {
  if (actor.role === 'epao-admin' || (actor.role === 'assessor' && actor.assessorId === assessorId)) return;
  throw forbidden('an assessor’s calendar link is theirs, or the EPAO’s to make for them');
}

/** A new private link (any earlier one stops working): the URL, shown this once. */
export async function newCalendarLink(ctx: AppContext, actor: Actor, assessorId: string): Promise<{ url: string }> {
  assertOwnOrEpao(actor, assessorId);
  if (!isUuid(assessorId)) throw notFound(`assessor ${assessorId}`);
  const secret = randomBytes(32).toString('base64url');
  await inTransaction(ctx.db, async (trx) => {
    if (!(await setCalendarTokenHash(trx, assessorId, sha256(secret)))) throw notFound(`assessor ${assessorId}`);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'calendar-link', entity: 'assessor', entityId: assessorId });
  });
  return { url: `${publicUrl()}/calendar/${secret}.ics` };
}

export async function stopCalendarLink(ctx: AppContext, actor: Actor, assessorId: string): Promise<void> {
  assertOwnOrEpao(actor, assessorId);
  if (!isUuid(assessorId)) throw notFound(`assessor ${assessorId}`);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await setCalendarTokenHash(trx, assessorId, null))) throw notFound(`assessor ${assessorId}`);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'calendar-link-stopped', entity: 'assessor', entityId: assessorId });
  });
}

/** The feed a link's secret opens: the assessor's bookings as they see them; unknown or stopped, not found. */
export async function calendarFeed(ctx: AppContext, secret: string): Promise<string> {
  const owner = secret.length >= 20 && secret.length <= 100 ? await assessorByCalendarToken(ctx.db, sha256(secret)) : undefined;
  if (!owner) throw notFound('calendar');
  const actor: Actor = { userId: owner.userId, role: 'assessor', organisationId: null, apprenticeId: null, assessorId: owner.id, name: owner.name };
  const bookings = await listBookings(ctx, actor, { assessorId: owner.id, from: addDays(today(ctx), -PAST_DAYS), limit: 500 });
  const stamp = ctx.now();
  const events = bookings.map((booking) =>
    bookingEvent({ booking, standardTitle: ctx.catalogue.standards.get(booking.standard)?.standard.title ?? booking.standard, stamp }),
  );
  return calendarFile(events, `End-point assessments: ${owner.name}`);
}

/** Whether the assessor has a calendar link working now. */
export const hasCalendarFeed = (db: AppContext['db'], assessorId: string): Promise<boolean> => feedExists(db, assessorId);
