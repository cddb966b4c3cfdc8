// Cancelling a booking: the form asking why, its dry run ("Check", with the cancellation's
// charge), the confirm that cancels for real (optimistic version), and "Change it".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cancelBooking } from '../../../app/bookings.ts';
import { BookingCancelInput, MAX_CANCEL_REASON } from '../../../app/inputs-assessors.ts';
import { limitText } from '../../field-errors.ts';
import { formatDate } from '../../render.ts';
import { actorOf, errorsOf, type FormBody, formBody, one, pageRecord, type Services } from '../kit.ts';
import { checkPage } from './check.ts';
import { checkError, hiddenOf, pageBooking } from './form.ts';

async function cancelPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const booking = await pageBooking(ctx, request, record);
  return view(
    request,
    reply,
    'booking-cancel.njk',
    {
      title: `Cancel the booking: ${booking.methodName}`,
      record,
      booking,
      values: { reason: '', version: String(booking.version) },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The cancellation as the form gives it: the values to show again, the errors, and the input when there are none. */
function readCancel(body: FormBody) {
  const values = { reason: one(body, 'reason').trim(), version: one(body, 'version') };
  const fieldErrors: Record<string, string> = {};
  if (!values.reason) fieldErrors.reason = 'Enter the reason for cancelling';
  else if (values.reason.length > MAX_CANCEL_REASON) fieldErrors.reason = `The reason must be ${limitText(MAX_CANCEL_REASON)} characters or fewer`;
  const input = BookingCancelInput.safeParse({ version: Number(values.version), reason: values.reason });
  if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.reason = 'The form is out of date: open it again from the bookings';
  return { values, fieldErrors, input: input.success && Object.keys(fieldErrors).length === 0 ? input.data : null };
}

async function cancel(services: Services, request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
  const { ctx, terms } = services;
  const record = await pageRecord(ctx, request);
  const booking = await pageBooking(ctx, request, record);
  const { values, fieldErrors, input } = readCancel(formBody(request));
  if (!input) return cancelPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

  const base = `/records/${record.id}/bookings/${booking.id}/cancel`;
  const page = { action: 'cancel' as const, record, confirmUrl: base, backUrl: base, changeUrl: `${base}/change`, hidden: hiddenOf(values) };
  const summary = [
    { key: 'Apprentice', value: `${record.apprentice.givenNames} ${record.apprentice.familyName}` },
    { key: 'Assessment method', value: booking.methodName },
    { key: 'Date', value: formatDate(booking.date) },
    { key: 'Time', value: `${booking.startTime} to ${booking.endTime} (UK time)` },
    { key: terms.term('assessor'), value: booking.assessor.name },
    { key: 'Reason', value: values.reason },
  ];
  try {
    const outcome = await cancelBooking(ctx, actorOf(request), booking.id, input, { dryRun });
    if (!dryRun) return reply.redirect(`/records/${record.id}/bookings?done=cancelled&booking=${booking.id}`, 303);
    return checkPage(services, request, reply, { ...page, summary, outcome });
  } catch (error) {
    if (!checkError(error)) throw error;
    return checkPage(services, request, reply, { ...page, summary, error, changed: !dryRun });
  }
}

export const showCancel = (services: Services, request: FastifyRequest, reply: FastifyReply) => cancelPage(services, request, reply);
export const checkCancel = (services: Services, request: FastifyRequest, reply: FastifyReply) => cancel(services, request, reply, true);
export const confirmCancel = (services: Services, request: FastifyRequest, reply: FastifyReply) => cancel(services, request, reply, false);

/** "Change it" on the check page: the form again, filled in as it was sent. */
export async function changeCancel(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  return cancelPage(services, request, reply, { values: { reason: one(body, 'reason'), version: one(body, 'version') } });
}
