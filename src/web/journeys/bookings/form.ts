// What the booking pages share: reading the date, time, assessor and place from a form, the
// form's own checks on them, the lists a form offers, and the summary the check page shows.
import type { FastifyRequest } from 'fastify';
import { listAssessors } from '../../../app/assessors.ts';
import { type BookingView, getBooking } from '../../../app/bookings.ts';
import type { AppContext } from '../../../app/context.ts';
import { AppError, notFound, Refusal } from '../../../app/errors.ts';
import { MAX_VENUE, RemoteLink } from '../../../app/inputs-assessors.ts';
import type { EpaRecordView } from '../../../app/records.ts';
import type { Role } from '../../../domain/access/access.ts';
import { isIsoDate } from '../../../domain/calendar/dates.ts';
import { isClockTime } from '../../../domain/calendar/london-time.ts';
import { formatDate } from '../../render.ts';
import type { Terminology } from '../../terminology.ts';
import { actorOf, asPage, type FormBody, one } from '../kit.ts';

export const ROLES: readonly Role[] = ['epao-admin'];

export type PlaceValues = { day: string; month: string; year: string; startTime: string; assessorId: string; venue: string; remoteLink: string };
export type Choice = { id: string; name: string };

/** Where a use-case's input refusal is put right on the form. */
export const FIELD_OF: Record<string, string> = {
  UNKNOWN_METHOD: 'method',
  VENUE_REQUIRED: 'venue',
  UNKNOWN_ASSESSOR: 'assessorId',
  TIME_DOES_NOT_EXIST: 'startTime',
  DATES_OUT_OF_ORDER: 'date-day',
};

const pad = (value: string) => value.padStart(2, '0');

export const assessorWordOf = (terms: Terminology) => terms.term('assessor').toLowerCase();

/** The date and start time as typed, normalised where it is unambiguous ("9:30" is 09:30). */
export function readPlace(body: FormBody): PlaceValues {
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

export const isoOf = (v: PlaceValues) =>
  /^\d{4}$/.test(v.year) && /^\d{1,2}$/.test(v.month) && /^\d{1,2}$/.test(v.day) ? `${v.year}-${pad(v.month)}-${pad(v.day)}` : '';

/** What the form says wrong about the date, time, assessor and place (the engine judges the rest). */
export function placeErrors(v: PlaceValues, assessorWord: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.day && !v.month && !v.year) errors['date-day'] = 'Enter the date of the assessment';
  else if (!isIsoDate(isoOf(v))) errors['date-day'] = 'The date of the assessment must be a real date, like 27 3 2027';
  if (!v.startTime) errors.startTime = 'Enter the start time';
  else if (!isClockTime(v.startTime)) errors.startTime = 'Enter the start time as a 24-hour time, like 09:30 or 14:00';
  if (!v.assessorId) errors.assessorId = `Select the ${assessorWord}`;
  if (v.venue.length > MAX_VENUE) errors.venue = `The venue must be ${MAX_VENUE} characters or fewer`;
  // The schema's web address, and with no spaces: the URL parser would quietly turn one in its path into %20.
  if (v.remoteLink && (!RemoteLink.safeParse(v.remoteLink).success || /\s/.test(v.remoteLink)))
    errors.remoteLink = 'Enter the remote link as a web address, like https://meet.example.com/epa';
  return errors;
}

/** The hidden fields that carry checked values to the confirm step. */
export const hiddenOf = (values: Record<string, string>) => Object.entries(values).map(([name, value]) => ({ name, value }));

export const placeFields = (v: PlaceValues) => ({ startTime: v.startTime, assessorId: v.assessorId, venue: v.venue, remoteLink: v.remoteLink });

export function methodsOf(ctx: AppContext, record: EpaRecordView): Choice[] {
  return [...(ctx.catalogue.standards.get(record.standard)?.methods.values() ?? [])].map((m) => ({ id: m.id, name: m.name }));
}

export async function assessorsFor(ctx: AppContext, request: FastifyRequest, record: EpaRecordView): Promise<Choice[]> {
  return (await listAssessors(ctx, actorOf(request), { standard: record.standard })).map((a) => ({ id: a.id, name: a.name }));
}

/** The booking named by :bookingId, on the record named by :id; a 404 page otherwise. */
export async function pageBooking(ctx: AppContext, request: FastifyRequest, record: EpaRecordView): Promise<BookingView> {
  const { bookingId } = request.params as { bookingId: string };
  const booking = await getBooking(ctx, actorOf(request), bookingId).catch(asPage);
  if (booking.recordId !== record.id) throw notFound('page');
  return booking;
}

/** A use-case's refusal the form puts right: a 400 about one of its fields, not the rules' refusal. */
export const formError = (error: unknown): error is AppError => error instanceof AppError && error.status === 400 && !(error instanceof Refusal);
/** A refusal to show on the check page; anything else (forbidden, not found, a fault) goes to the error page. */
export const checkError = (error: unknown): error is AppError =>
  error instanceof AppError && error.status !== 403 && error.status !== 404 && error.status < 500;

/** The check page's summary of a booking's place and time, as booked (outcome) or as asked for. */
export function placeSummary(terms: Terminology, record: EpaRecordView, method: string, values: PlaceValues, assessors: Choice[], outcome?: BookingView) {
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
