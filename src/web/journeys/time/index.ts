// An assessor's time on the web, for them and for the EPAO: the hours they work each week,
// their leave, and a week of their bookings with the bank holidays shown. An adapter:
// src/app/assessor-time.ts and the bookings' views decide.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { addLeave, assessorTime, removeLeave, setWeeklyHours } from '../../../app/assessor-time.ts';
import { getAssessor } from '../../../app/assessors.ts';
import { listBookings } from '../../../app/booking-views.ts';
import { today } from '../../../app/context.ts';
import { AppError } from '../../../app/errors.ts';
import type { Role } from '../../../domain/access/access.ts';
import { isoWeekday, weeklyHoursProblems } from '../../../domain/booking/availability.ts';
import { addDays, type IsoDate, isIsoDate } from '../../../domain/calendar/dates.ts';
import { plainEnglish } from '../../messages.ts';
import { dateItems, dateParts, readDate } from '../date-fields.ts';
import { actorOf, asPage, type ErrorItem, formBody, handle, one, type PageHandler, type Services } from '../kit.ts';
import { showCalendar } from './calendar.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** The Monday of the week `date` is in. */
const mondayOf = (date: IsoDate) => addDays(date, 1 - isoWeekday(date));

async function timePage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const actor = actorOf(request);
  const id = idOf(request);
  const time = await assessorTime(ctx, actor, id).catch(asPage);
  const assessor = await getAssessor(ctx, actor, id).catch(asPage);
  const asked = String((request.query as Record<string, unknown>).week ?? '');
  const monday = mondayOf(isIsoDate(asked) ? asked : today(ctx));
  const bookings = await listBookings(ctx, actor, { assessorId: id, from: monday, to: addDays(monday, 6), limit: 200 });
  const week = DAYS.map((name, i) => {
    const date = addDays(monday, i);
    return { name, date, bankHoliday: ctx.holidays.isBankHoliday(date), bookings: bookings.filter((b) => b.date === date && b.status !== 'cancelled') };
  });
  const hours = Object.fromEntries(DAYS.map((_, i) => [i + 1, time.weeklyHours.find((h) => h.weekday === i + 1) ?? null]));
  return view(
    request,
    reply,
    'assessor-time.njk',
    {
      title: `Time: ${assessor.name}`,
      assessor,
      own: actor.role === 'assessor',
      mayChange: actor.role !== 'iqa',
      days: DAYS,
      hours,
      leave: time.leave,
      week,
      previousWeek: addDays(monday, -7),
      nextWeek: addDays(monday, 7),
      done: (request.query as Record<string, unknown>).done ?? null,
      values: { hours: Object.fromEntries(DAYS.map((_, i) => [i + 1, hours[i + 1] ?? { starts: '', ends: '' }])), reason: '' },
      fromItems: dateItems(dateParts(null), undefined),
      toItems: dateItems(dateParts(null), undefined),
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** A refusal shown on the page, on its field; anything else is the error page. */
function refusedOnPage(services: Services, request: FastifyRequest, reply: FastifyReply, error: unknown, field: string) {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
  const text = plainEnglish(error);
  return timePage(services, request, reply, { fieldErrors: { [field]: text }, errors: [{ text, href: `#${field}` }] }, error.status);
}

async function saveHours(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const errors: ErrorItem[] = [];
  const hours = DAYS.flatMap((name, i) => {
    const starts = one(body, `starts-${i + 1}`).trim();
    const ends = one(body, `ends-${i + 1}`).trim();
    if (!starts && !ends) return [];
    const day = { weekday: i + 1, starts, ends };
    // The domain's rule for one day's span (one span a day here, so nothing overlaps).
    if (weeklyHoursProblems([day]).length > 0) {
      errors.push({ text: `${name}: enter the hours as two times, the first before the second, like 09:00 and 17:00`, href: `#starts-${i + 1}` });
      return [];
    }
    return [day];
  });
  if (errors.length > 0) return timePage(services, request, reply, { errors, fieldErrors: { hours: errors[0]?.text } }, 400);
  try {
    await setWeeklyHours(services.ctx, actorOf(request), idOf(request), { hours });
  } catch (error) {
    return refusedOnPage(services, request, reply, error, 'starts-1');
  }
  return reply.redirect(`/assessors/${idOf(request)}/time?done=hours`, 303);
}

async function saveLeave(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const from = readDate(body, 'leaveFrom', 'First day', true);
  const to = readDate(body, 'leaveTo', 'Last day', true);
  const reason = one(body, 'reason').trim().slice(0, 200);
  if (from.error || to.error || !from.value || !to.value) {
    const errors = [from.error && { text: from.error.text, href: '#leaveFrom-day' }, to.error && { text: to.error.text, href: '#leaveTo-day' }].filter(
      (e): e is ErrorItem => Boolean(e),
    );
    return timePage(
      services,
      request,
      reply,
      {
        errors,
        fromItems: dateItems(from.parts, from.error),
        toItems: dateItems(to.parts, to.error),
        fieldErrors: { leaveFrom: from.error?.text, leaveTo: to.error?.text },
      },
      400,
    );
  }
  try {
    await addLeave(services.ctx, actorOf(request), idOf(request), { fromDate: from.value, toDate: to.value, ...(reason ? { reason } : {}) });
  } catch (error) {
    return refusedOnPage(services, request, reply, error, 'leaveTo-day');
  }
  return reply.redirect(`/assessors/${idOf(request)}/time?done=leave#leave`, 303);
}

async function dropLeave({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const { id, leaveId } = request.params as { id: string; leaveId: string };
  await removeLeave(ctx, actorOf(request), id, leaveId).catch(asPage);
  return reply.redirect(`/assessors/${id}/time?done=removed#leave`, 303);
}

export function timeRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const as = (roles: readonly Role[]) => ({ config: { roles } });
  return async (app) => {
    app.get(
      '/assessors/:id/time',
      as(['epao-admin', 'iqa', 'assessor']),
      on((s, rq, rp) => timePage(s, rq, rp)),
    );
    app.get('/admin/calendar', as(['epao-admin', 'iqa']), on(showCalendar));
    app.post('/assessors/:id/time/hours', as(['epao-admin', 'assessor']), on(saveHours));
    app.post('/assessors/:id/time/leave', as(['epao-admin', 'assessor']), on(saveLeave));
    app.post('/assessors/:id/time/leave/:leaveId/remove', as(['epao-admin', 'assessor']), on(dropLeave));
  };
}
