// Moving a booking: the form filled with where it is now, its dry run ("Check"), the confirm
// that moves it for real (optimistic version), and "Change it" back to the form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { moveBooking } from '../../../app/bookings.ts';
import { BookingMoveInput } from '../../../app/inputs-assessors.ts';
import { plainEnglish } from '../../messages.ts';
import { formatDate } from '../../render.ts';
import { actorOf, errorsOf, type FormBody, formBody, one, pageRecord, type Services } from '../kit.ts';
import { checkPage } from './check.ts';
import {
  assessorsFor,
  assessorWordOf,
  checkError,
  FIELD_OF,
  formError,
  hiddenOf,
  isoOf,
  pageBooking,
  placeErrors,
  placeFields,
  placeSummary,
  readPlace,
} from './form.ts';

async function movePage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const booking = await pageBooking(ctx, request, record);
  const [year, month, day] = booking.date.split('-');
  return view(
    request,
    reply,
    'booking-move.njk',
    {
      title: `Move the booking: ${booking.methodName}`,
      record,
      booking,
      assessors: await assessorsFor(ctx, request, record),
      values: {
        day: String(Number(day)),
        month: String(Number(month)),
        year,
        startTime: booking.startTime,
        assessorId: booking.assessor.id,
        venue: booking.venue ?? '',
        remoteLink: booking.remoteLink ?? '',
        version: String(booking.version),
      },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The move as the form gives it: the values to show again, the errors, and the input when there are none. */
function readMove(services: Services, body: FormBody) {
  const assessorWord = assessorWordOf(services.terms);
  const values = { ...readPlace(body), version: one(body, 'version') };
  const fieldErrors = placeErrors(values, assessorWord);
  const input = BookingMoveInput.safeParse({
    version: Number(values.version),
    date: isoOf(values),
    startTime: values.startTime,
    assessorId: values.assessorId,
    venue: values.venue || null,
    remoteLink: values.remoteLink || null,
  });
  if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.assessorId = `Select the ${assessorWord} from the list`;
  return { values, fieldErrors, input: input.success && Object.keys(fieldErrors).length === 0 ? input.data : null };
}

async function move(services: Services, request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
  const { ctx, terms } = services;
  const record = await pageRecord(ctx, request);
  const booking = await pageBooking(ctx, request, record);
  const { values, fieldErrors, input } = readMove(services, formBody(request));
  if (!input) return movePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

  const assessors = await assessorsFor(ctx, request, record);
  const base = `/records/${record.id}/bookings/${booking.id}/move`;
  const hidden = hiddenOf({ 'date-day': values.day, 'date-month': values.month, 'date-year': values.year, ...placeFields(values), version: values.version });
  const page = { action: 'move' as const, record, confirmUrl: base, backUrl: base, changeUrl: `${base}/change`, hidden };
  const was = { key: 'Now booked', value: `${formatDate(booking.date)} at ${booking.startTime} (UK time) with ${booking.assessor.name}` };
  try {
    const outcome = await moveBooking(ctx, actorOf(request), booking.id, input, { dryRun });
    if (!dryRun) return reply.redirect(`/records/${record.id}/bookings?done=moved&booking=${booking.id}`, 303);
    const summary = [was, ...placeSummary(terms, record, booking.methodName, values, assessors, outcome)];
    return checkPage(services, request, reply, { ...page, summary, outcome });
  } catch (error) {
    if (formError(error)) {
      const errors = { [FIELD_OF[error.code] ?? 'date-day']: plainEnglish(error) };
      return movePage(services, request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, 400);
    }
    if (!checkError(error)) throw error;
    const summary = [was, ...placeSummary(terms, record, booking.methodName, values, assessors)];
    return checkPage(services, request, reply, { ...page, summary, error, changed: !dryRun });
  }
}

export const showMove = (services: Services, request: FastifyRequest, reply: FastifyReply) => movePage(services, request, reply);
export const checkMove = (services: Services, request: FastifyRequest, reply: FastifyReply) => move(services, request, reply, true);
export const confirmMove = (services: Services, request: FastifyRequest, reply: FastifyReply) => move(services, request, reply, false);

/** "Change it" on the check page: the form again, filled in as it was sent. */
export async function changeMove(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  return movePage(services, request, reply, { values: { ...readPlace(body), version: one(body, 'version') } });
}
