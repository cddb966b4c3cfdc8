// Adding an assessor's availability: a day and a time span in UK time, stored as instants.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addAvailability } from '../../../app/assessors.ts';
import { AppError } from '../../../app/errors.ts';
import { AvailabilityInput } from '../../../app/inputs-assessors.ts';
import { isClockTime, londonToUtc } from '../../../domain/calendar/london-time.ts';
import { plainEnglish } from '../../messages.ts';
import { readDate } from '../date-fields.ts';
import { actorOf, formBody, one, type Services } from '../kit.ts';
import { assessorPage } from './assessor.ts';
import { addError, assessorOf, clockTime, noErrors } from './form.ts';

export async function addTimes(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessor = await assessorOf(services.ctx, request);
  const body = formBody(request);
  const errors = noErrors();
  const date = readDate(body, 'availableOn', 'Date', true);
  const from = clockTime(one(body, 'from'));
  const until = clockTime(one(body, 'until'));
  const values = { availability: { date: date.parts, from, until } };
  if (date.error) {
    errors.dateErrors.availableOn = date.error;
    addError(errors, 'availableOn', date.error.text, `#availableOn-${date.error.part}`);
  }
  if (!isClockTime(from)) addError(errors, 'from', 'Enter the start time as hours and minutes, like 09:00');
  if (!isClockTime(until)) addError(errors, 'until', 'Enter the end time as hours and minutes, like 17:00');
  if (errors.errors.length > 0 || !date.value) return assessorPage(services, request, reply, values, errors, 400);
  const startsAt = londonToUtc(date.value, from);
  const endsAt = londonToUtc(date.value, until);
  if (!startsAt.ok) addError(errors, 'from', plainEnglish(startsAt.problem));
  if (!endsAt.ok) addError(errors, 'until', plainEnglish(endsAt.problem));
  if (!startsAt.ok || !endsAt.ok) return assessorPage(services, request, reply, values, errors, 400);
  const input = AvailabilityInput.safeParse({ startsAt: startsAt.value.toISOString(), endsAt: endsAt.value.toISOString() });
  if (!input.success) {
    addError(errors, 'until', 'The end time must be after the start time');
    return assessorPage(services, request, reply, values, errors, 400);
  }
  try {
    await addAvailability(services.ctx, actorOf(request), assessor.id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    addError(errors, 'until', error.code === 'DATES_OUT_OF_ORDER' ? 'The end time must be after the start time' : plainEnglish(error));
    return assessorPage(services, request, reply, values, errors, error.status);
  }
  return reply.redirect(`/admin/assessors/${assessor.id}?done=availability#availability`, 303);
}
