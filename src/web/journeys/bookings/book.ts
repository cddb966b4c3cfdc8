// A record's bookings, and booking a method: the form, its dry run ("Check"), the confirm
// that books for real, and "Change it" back to the form filled in as it was sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type BookingView, bookAssessment, listBookings } from '../../../app/bookings.ts';
import { BookingCreateInput } from '../../../app/inputs-assessors.ts';
import type { EpaRecordView } from '../../../app/records.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, errorsOf, type FormBody, formBody, one, pageRecord, type Services } from '../kit.ts';
import { checkPage } from './check.ts';
import {
  assessorsFor,
  assessorWordOf,
  type Choice,
  checkError,
  FIELD_OF,
  formError,
  hiddenOf,
  isoOf,
  methodsOf,
  type PlaceValues,
  placeErrors,
  placeFields,
  placeSummary,
  readPlace,
} from './form.ts';

type BookValues = PlaceValues & { method: string };

/** The record's bookings with the form to book a method (filled in and with errors when `extra` says). */
export async function bookingsPage(services: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const { ctx, view } = services;
  const record = await pageRecord(ctx, request);
  const bookings = await listBookings(ctx, actorOf(request), { recordId: record.id, limit: 500 });
  const query = request.query as Record<string, unknown>;
  const done = typeof query.done === 'string' ? query.done : '';
  const changed = bookings.find((b) => b.id === query.booking);
  return view(
    request,
    reply,
    'bookings.njk',
    {
      title: `Bookings: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      record,
      bookings,
      methods: methodsOf(ctx, record),
      assessors: await assessorsFor(ctx, request, record),
      done: changed && ['booked', 'moved', 'cancelled'].includes(done) ? { action: done, booking: changed } : null,
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The new booking as the form gives it: the values to show again, the errors, and the input when there are none. */
function readBook({ ctx, terms }: Services, body: FormBody, record: EpaRecordView) {
  const assessorWord = assessorWordOf(terms);
  const values: BookValues = { method: one(body, 'method'), ...readPlace(body) };
  const fieldErrors: Record<string, string> = {};
  if (!methodsOf(ctx, record).some((m) => m.id === values.method)) fieldErrors.method = 'Select the assessment method';
  Object.assign(fieldErrors, placeErrors(values, assessorWord));
  const input = BookingCreateInput.safeParse({
    method: values.method,
    date: isoOf(values),
    startTime: values.startTime,
    assessorId: values.assessorId,
    ...(values.venue ? { venue: values.venue } : {}),
    ...(values.remoteLink ? { remoteLink: values.remoteLink } : {}),
  });
  if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.assessorId = `Select the ${assessorWord} from the list`;
  return { values, fieldErrors, input: input.success && Object.keys(fieldErrors).length === 0 ? input.data : null };
}

function bookSummary({ ctx, terms }: Services, record: EpaRecordView, values: BookValues, assessors: Choice[], outcome?: BookingView) {
  const method = methodsOf(ctx, record).find((m) => m.id === values.method)?.name ?? values.method;
  return placeSummary(terms, record, method, values, assessors, outcome);
}

async function book(services: Services, request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
  const { ctx } = services;
  const record = await pageRecord(ctx, request);
  const { values, fieldErrors, input } = readBook(services, formBody(request), record);
  if (!input) return bookingsPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  const assessors = await assessorsFor(ctx, request, record);
  const hidden = hiddenOf({ method: values.method, 'date-day': values.day, 'date-month': values.month, 'date-year': values.year, ...placeFields(values) });
  const page = {
    action: 'book' as const,
    record,
    confirmUrl: `/records/${record.id}/bookings`,
    backUrl: `/records/${record.id}/bookings#book`,
    changeUrl: `/records/${record.id}/bookings/change`,
    hidden,
  };
  try {
    const outcome = await bookAssessment(ctx, actorOf(request), record.id, input, { dryRun });
    if (!dryRun) return reply.redirect(`/records/${record.id}/bookings?done=booked&booking=${outcome.id}`, 303);
    return checkPage(services, request, reply, { ...page, summary: bookSummary(services, record, values, assessors, outcome), outcome });
  } catch (error) {
    if (formError(error)) {
      const errors = { [FIELD_OF[error.code] ?? 'method']: plainEnglish(error) };
      return bookingsPage(services, request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, 400);
    }
    if (!checkError(error)) throw error;
    return checkPage(services, request, reply, { ...page, summary: bookSummary(services, record, values, assessors), error, changed: !dryRun });
  }
}

export const showBookings = (services: Services, request: FastifyRequest, reply: FastifyReply) => bookingsPage(services, request, reply);
export const checkBooking = (services: Services, request: FastifyRequest, reply: FastifyReply) => book(services, request, reply, true);
export const confirmBooking = (services: Services, request: FastifyRequest, reply: FastifyReply) => book(services, request, reply, false);

/** "Change it" on the check page: the form again, filled in as it was sent. */
export async function changeBooking(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  return bookingsPage(services, request, reply, { values: readBook(services, formBody(request), record).values });
}
