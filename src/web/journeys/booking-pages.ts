// The EPAO books, moves and cancels a record's assessments. Nothing is changed on the first
// submit: the use-case runs as a dry run (src/app/bookings.ts, { dryRun: true }) and the
// "Check" page shows its verdict — refusals that block, warnings that do not, each with
// its source, and a cancellation's charge — with a confirm button carrying the values only
// when nothing blocks. Confirming runs the same use-case for real, which checks it all again.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listAssessors } from '../../app/assessors.ts';
import { type BookingView, bookAssessment, cancelBooking, getBooking, listBookings, moveBooking } from '../../app/bookings.ts';
import { type AppContext, today } from '../../app/context.ts';
import { AppError, notFound } from '../../app/errors.ts';
import { BookingCancelInput, BookingCreateInput, BookingMoveInput } from '../../app/inputs-assessors.ts';
import type { EpaRecordView } from '../../app/records.ts';
import type { Role } from '../../domain/access/access.ts';
import { isIsoDate } from '../../domain/calendar/dates.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import type { RecordSection } from '../record-sections.ts';
import { formatDate } from '../render.ts';
import { actorOf, asPage, errorsOf, type FormBody, type JourneyOptions, one, pageRecord } from './kit.ts';

const ROLES: readonly Role[] = ['epao-admin'];
const MAX_VENUE = 300;
const MAX_LINK = 500;
const MAX_REASON = 1000;

type Action = 'book' | 'move' | 'cancel';
type PlaceValues = { day: string; month: string; year: string; startTime: string; assessorId: string; venue: string; remoteLink: string };
type BookValues = PlaceValues & { method: string };

/** Where a use-case's input refusal is put right on the form. */
const FIELD_OF: Record<string, string> = {
  UNKNOWN_METHOD: 'method',
  VENUE_REQUIRED: 'venue',
  UNKNOWN_ASSESSOR: 'assessorId',
  TIME_DOES_NOT_EXIST: 'startTime',
  DATES_OUT_OF_ORDER: 'date-day',
};

const pad = (value: string) => value.padStart(2, '0');

/** The date and start time as typed, normalised where it is unambiguous ("9:30" is 09:30). */
function readPlace(body: FormBody): PlaceValues {
  const time = one(body, 'startTime').trim().replace('.', ':');
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time);
  return {
    day: one(body, 'date-day').trim(),
    month: one(body, 'date-month').trim(),
    year: one(body, 'date-year').trim(),
    startTime: clock ? `${pad(clock[1] as string)}:${clock[2]}` : time,
    assessorId: one(body, 'assessorId'),
    venue: one(body, 'venue').trim(),
    remoteLink: one(body, 'remoteLink').trim(),
  };
}

const isoOf = (v: PlaceValues) =>
  /^\d{4}$/.test(v.year) && /^\d{1,2}$/.test(v.month) && /^\d{1,2}$/.test(v.day) ? `${v.year}-${pad(v.month)}-${pad(v.day)}` : '';

/** What the form says wrong about the date, time, assessor and place (the engine judges the rest). */
function placeErrors(v: PlaceValues, assessorWord: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.day && !v.month && !v.year) errors['date-day'] = 'Enter the date of the assessment';
  else if (!isIsoDate(isoOf(v))) errors['date-day'] = 'The date of the assessment must be a real date, like 27 3 2027';
  if (!v.startTime) errors.startTime = 'Enter the start time';
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.startTime)) errors.startTime = 'Enter the start time as a 24-hour time, like 09:30 or 14:00';
  if (!v.assessorId) errors.assessorId = `Select the ${assessorWord}`;
  if (v.venue.length > MAX_VENUE) errors.venue = `The venue must be ${MAX_VENUE} characters or fewer`;
  if (v.remoteLink && (v.remoteLink.length > MAX_LINK || !/^https?:\/\/\S+$/i.test(v.remoteLink) || !URL.canParse(v.remoteLink)))
    errors.remoteLink = 'Enter the remote link as a web address, like https://meet.example.com/epa';
  return errors;
}

/** The hidden fields that carry checked values to the confirm step. */
const hiddenOf = (values: Record<string, string>) => Object.entries(values).map(([name, value]) => ({ name, value }));

export function bookingPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    const assessorWord = terms.term('assessor').toLowerCase();

    function methodsOf(record: EpaRecordView) {
      return [...(ctx.catalogue.standards.get(record.standard)?.methods.values() ?? [])].map((m) => ({ id: m.id, name: m.name }));
    }

    async function assessorsFor(request: FastifyRequest, record: EpaRecordView) {
      return (await listAssessors(ctx, actorOf(request), { standard: record.standard })).map((a) => ({ id: a.id, name: a.name }));
    }

    /** The booking named by :bookingId, on the record named by :id; a 404 page otherwise. */
    async function pageBooking(request: FastifyRequest, record: EpaRecordView): Promise<BookingView> {
      const { bookingId } = request.params as { bookingId: string };
      const booking = await getBooking(ctx, actorOf(request), bookingId).catch(asPage);
      if (booking.recordId !== record.id) throw notFound('page');
      return booking;
    }

    // --- The record's bookings, and the form to book a method -----------------------

    async function bookingsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const actor = actorOf(request);
      const record = await pageRecord(ctx, request);
      const bookings = await listBookings(ctx, actor, { recordId: record.id, limit: 500 });
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
          methods: methodsOf(record),
          assessors: await assessorsFor(request, record),
          done: changed && ['booked', 'moved', 'cancelled'].includes(done) ? { action: done, booking: changed } : null,
          values: {},
          fieldErrors: {},
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/records/:id/bookings', { config: { roles: ROLES } }, async (request, reply) => bookingsPage(request, reply));

    /** The new booking as the form gives it: the values to show again, the errors, and the input when there are none. */
    function readBook(body: FormBody, record: EpaRecordView) {
      const values: BookValues = { method: one(body, 'method'), ...readPlace(body) };
      const fieldErrors: Record<string, string> = {};
      if (!methodsOf(record).some((m) => m.id === values.method)) fieldErrors.method = 'Select the assessment method';
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

    /** The check page: the verdict of a dry run (or of a confirm the rules now refuse). */
    async function checkPage(
      request: FastifyRequest,
      reply: FastifyReply,
      data: {
        action: Action;
        record: EpaRecordView;
        summary: { key: string; value: string }[];
        outcome?: BookingView & { cancellation?: { charge: string; workingDaysBefore: number; withinWorkingDays: number | null; source: string } };
        error?: AppError;
        changed?: boolean;
        confirmUrl: string;
        backUrl: string;
        /** Where "Change it" posts the values back to, to show the form filled in as it was sent. */
        changeUrl: string;
        hidden: { name: string; value: string }[];
      },
    ) {
      const { error } = data;
      const refusals = error ? ((error.details.findings as Finding[] | undefined) ?? []).map(shown) : [];
      // A conflict (the assessor is busy, the booking changed) has no rule behind it: its message is the refusal.
      if (error && refusals.length === 0) refusals.push({ code: error.code, text: conflictText(error), source: '' });
      const warnings = ((data.outcome?.warnings ?? (error?.details.warnings as Finding[] | undefined) ?? []) as Finding[]).map(shown);
      const heading = { book: 'Check the booking', move: 'Check the move', cancel: 'Check the cancellation' }[data.action];
      const errorTitle = data.changed
        ? 'Something changed since the check: this cannot be done now'
        : { book: 'This booking cannot be made', move: 'This booking cannot be moved', cancel: 'This booking cannot be cancelled' }[data.action];
      return view(
        request,
        reply,
        'booking-check.njk',
        {
          title: heading,
          heading,
          action: data.action,
          record: data.record,
          summary: data.summary,
          outcome: data.outcome ?? null,
          refusals,
          warnings,
          errorTitle,
          errors: refusals.length > 0 ? [{ text: errorTitle, href: '#refusals' }] : [],
          confirmUrl: data.confirmUrl,
          backUrl: data.backUrl,
          changeUrl: data.changeUrl,
          hidden: data.hidden,
        },
        error ? error.status : 200,
      );
    }

    function conflictText(error: AppError): string {
      if (error.code === 'STALE_VERSION')
        return 'Someone else changed this booking after you opened it, so nothing was saved. Go back to the bookings to see it as it is now, then try again';
      return plainEnglish(error);
    }

    const shown = (f: Finding) => ({ code: f.code, text: plainEnglish(f), source: f.source });

    /** A use-case's refusal the form puts right: a 400 about one of its fields. */
    const formError = (error: unknown): error is AppError => error instanceof AppError && error.status === 400 && !error.details.findings;
    /** A refusal to show on the check page; anything else (forbidden, not found, a fault) goes to the error page. */
    const checkError = (error: unknown): error is AppError => error instanceof AppError && error.status !== 403 && error.status !== 404 && error.status < 500;

    function bookSummary(record: EpaRecordView, values: BookValues, assessors: { id: string; name: string }[], outcome?: BookingView) {
      const method = methodsOf(record).find((m) => m.id === values.method)?.name ?? values.method;
      return placeSummary(record, method, values, assessors, outcome);
    }

    function placeSummary(record: EpaRecordView, method: string, values: PlaceValues, assessors: { id: string; name: string }[], outcome?: BookingView) {
      const when = outcome ? `${outcome.startTime} to ${outcome.endTime} (UK time), ${outcome.minutes} minutes held` : `${values.startTime} (UK time)`;
      return [
        { key: 'Apprentice', value: `${record.apprentice.givenNames} ${record.apprentice.familyName}` },
        { key: 'Assessment method', value: method },
        { key: 'Date', value: formatDate(isoOf(values)) },
        { key: 'Time', value: when },
        { key: terms.term('assessor'), value: outcome?.assessor.name ?? assessors.find((a) => a.id === values.assessorId)?.name ?? values.assessorId },
        { key: 'Venue', value: values.venue || 'None' },
        { key: 'Remote link', value: values.remoteLink || 'None' },
      ];
    }

    async function book(request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
      const record = await pageRecord(ctx, request);
      const { values, fieldErrors, input } = readBook(request.body as FormBody, record);
      if (!input) return bookingsPage(request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
      const assessors = await assessorsFor(request, record);
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
        return checkPage(request, reply, { ...page, summary: bookSummary(record, values, assessors, outcome), outcome });
      } catch (error) {
        if (formError(error)) {
          const errors = { [FIELD_OF[error.code] ?? 'method']: plainEnglish(error) };
          return bookingsPage(request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, 400);
        }
        if (!checkError(error)) throw error;
        return checkPage(request, reply, { ...page, summary: bookSummary(record, values, assessors), error, changed: !dryRun });
      }
    }

    const placeFields = (v: PlaceValues) => ({ startTime: v.startTime, assessorId: v.assessorId, venue: v.venue, remoteLink: v.remoteLink });

    app.post('/records/:id/bookings/check', { config: { roles: ROLES } }, async (request, reply) => book(request, reply, true));
    app.post('/records/:id/bookings', { config: { roles: ROLES } }, async (request, reply) => book(request, reply, false));
    // "Change it" on the check page: the form again, filled in as it was sent.
    app.post('/records/:id/bookings/change', { config: { roles: ROLES } }, async (request, reply) =>
      bookingsPage(request, reply, { values: readBook(request.body as FormBody, await pageRecord(ctx, request)).values }),
    );

    // --- Moving a booking -----------------------------------------------------------

    async function movePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const record = await pageRecord(ctx, request);
      const booking = await pageBooking(request, record);
      const [year, month, day] = booking.date.split('-');
      return view(
        request,
        reply,
        'booking-move.njk',
        {
          title: `Move the booking: ${booking.methodName}`,
          record,
          booking,
          assessors: await assessorsFor(request, record),
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

    app.get('/records/:id/bookings/:bookingId/move', { config: { roles: ROLES } }, async (request, reply) => movePage(request, reply));

    async function move(request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
      const record = await pageRecord(ctx, request);
      const booking = await pageBooking(request, record);
      const body = request.body as FormBody;
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
      if (!input.success || Object.keys(fieldErrors).length > 0) return movePage(request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

      const assessors = await assessorsFor(request, record);
      const base = `/records/${record.id}/bookings/${booking.id}/move`;
      const hidden = hiddenOf({
        'date-day': values.day,
        'date-month': values.month,
        'date-year': values.year,
        ...placeFields(values),
        version: values.version,
      });
      const page = { action: 'move' as const, record, confirmUrl: base, backUrl: base, changeUrl: `${base}/change`, hidden };
      const was = { key: 'Now booked', value: `${formatDate(booking.date)} at ${booking.startTime} (UK time) with ${booking.assessor.name}` };
      try {
        const outcome = await moveBooking(ctx, actorOf(request), booking.id, input.data, { dryRun });
        if (!dryRun) return reply.redirect(`/records/${record.id}/bookings?done=moved&booking=${booking.id}`, 303);
        const summary = [was, ...placeSummary(record, booking.methodName, values, assessors, outcome)];
        return checkPage(request, reply, { ...page, summary, outcome });
      } catch (error) {
        if (formError(error)) {
          const errors = { [FIELD_OF[error.code] ?? 'date-day']: plainEnglish(error) };
          return movePage(request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, 400);
        }
        if (!checkError(error)) throw error;
        const summary = [was, ...placeSummary(record, booking.methodName, values, assessors)];
        return checkPage(request, reply, { ...page, summary, error, changed: !dryRun });
      }
    }

    app.post('/records/:id/bookings/:bookingId/move/check', { config: { roles: ROLES } }, async (request, reply) => move(request, reply, true));
    app.post('/records/:id/bookings/:bookingId/move', { config: { roles: ROLES } }, async (request, reply) => move(request, reply, false));
    app.post('/records/:id/bookings/:bookingId/move/change', { config: { roles: ROLES } }, async (request, reply) => {
      const body = request.body as FormBody;
      return movePage(request, reply, { values: { ...readPlace(body), version: one(body, 'version') } });
    });

    // --- Cancelling a booking -------------------------------------------------------

    async function cancelPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const record = await pageRecord(ctx, request);
      const booking = await pageBooking(request, record);
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

    app.get('/records/:id/bookings/:bookingId/cancel', { config: { roles: ROLES } }, async (request, reply) => cancelPage(request, reply));

    async function cancel(request: FastifyRequest, reply: FastifyReply, dryRun: boolean) {
      const record = await pageRecord(ctx, request);
      const booking = await pageBooking(request, record);
      const body = request.body as FormBody;
      const values = { reason: one(body, 'reason').trim(), version: one(body, 'version') };
      const fieldErrors: Record<string, string> = {};
      if (!values.reason) fieldErrors.reason = 'Enter the reason for cancelling';
      else if (values.reason.length > MAX_REASON) fieldErrors.reason = `The reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
      const input = BookingCancelInput.safeParse({ version: Number(values.version), reason: values.reason });
      if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.reason = 'The form is out of date: open it again from the bookings';
      if (!input.success || Object.keys(fieldErrors).length > 0) return cancelPage(request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);

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
        const outcome = await cancelBooking(ctx, actorOf(request), booking.id, input.data, { dryRun });
        if (!dryRun) return reply.redirect(`/records/${record.id}/bookings?done=cancelled&booking=${booking.id}`, 303);
        return checkPage(request, reply, { ...page, summary, outcome });
      } catch (error) {
        if (!checkError(error)) throw error;
        return checkPage(request, reply, { ...page, summary, error, changed: !dryRun });
      }
    }

    app.post('/records/:id/bookings/:bookingId/cancel/check', { config: { roles: ROLES } }, async (request, reply) => cancel(request, reply, true));
    app.post('/records/:id/bookings/:bookingId/cancel', { config: { roles: ROLES } }, async (request, reply) => cancel(request, reply, false));
    app.post('/records/:id/bookings/:bookingId/cancel/change', { config: { roles: ROLES } }, async (request, reply) => {
      const body = request.body as FormBody;
      return cancelPage(request, reply, { values: { reason: one(body, 'reason'), version: one(body, 'version') } });
    });
  };
}

/** The record page's bookings section for the EPAO: how many are booked, the next, and the way in. */
export const bookingSection: RecordSection = async ({ ctx, actor, record }) => {
  if (actor.role !== 'epao-admin' || !record.gatewayApprovedOn) return null;
  const bookings = await listBookings(ctx, actor, { recordId: record.id, limit: 500 });
  const booked = bookings.filter((b) => b.status === 'booked');
  const from = today(ctx);
  return {
    template: 'booking-section.njk',
    data: { recordId: record.id, count: bookings.length, booked: booked.length, next: booked.find((b) => b.date >= from) ?? null },
  };
};
