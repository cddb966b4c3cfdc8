// The EPAO's calendar: a week of every assessor's bookings, by day (UK time), with the bank
// holidays shown, for one standard version or one assessor if asked. An adapter: the
// bookings' views decide what it holds.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listAssessors } from '../../../app/assessors.ts';
import { listBookings } from '../../../app/booking-views.ts';
import { today } from '../../../app/context.ts';
import { isUuid } from '../../../app/ids.ts';
import { isoWeekday } from '../../../domain/booking/availability.ts';
import { addDays, isIsoDate } from '../../../domain/calendar/dates.ts';
import { actorOf, type Services } from '../kit.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MOST = 500;

export async function showCalendar({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const q = request.query as Record<string, unknown>;
  const asked = isIsoDate(q.week) ? q.week : today(ctx);
  const monday = addDays(asked, 1 - isoWeekday(asked));
  const standard = typeof q.standard === 'string' && ctx.catalogue.standards.has(q.standard) ? q.standard : '';
  const assessorId = typeof q.assessor === 'string' && isUuid(q.assessor) ? q.assessor : '';
  const bookings = await listBookings(ctx, actor, {
    from: monday,
    to: addDays(monday, 6),
    status: 'booked',
    limit: MOST,
    ...(standard ? { standard } : {}),
    ...(assessorId ? { assessorId } : {}),
  });
  const week = DAYS.map((name, i) => {
    const date = addDays(monday, i);
    return { name, date, bankHoliday: ctx.holidays.isBankHoliday(date), bookings: bookings.filter((b) => b.date === date) };
  });
  const filters = new URLSearchParams({ ...(standard ? { standard } : {}), ...(assessorId ? { assessor: assessorId } : {}) });
  return view(request, reply, 'calendar.njk', {
    title: 'Calendar',
    week,
    full: bookings.length >= MOST,
    standards: [...ctx.catalogue.standards.keys()].sort(),
    assessors: await listAssessors(ctx, actor),
    values: { standard, assessor: assessorId },
    previousWeek: `?${new URLSearchParams({ ...Object.fromEntries(filters), week: addDays(monday, -7) })}`,
    nextWeek: `?${new URLSearchParams({ ...Object.fromEntries(filters), week: addDays(monday, 7) })}`,
  });
}
