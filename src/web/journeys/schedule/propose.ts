// The schedule's first page: the form that asks the scheduler for a proposal (or a re-plan)
// over some days, for every standard or one version, and the recent proposals. Nothing is
// booked here: the proposal is kept for review. A refusal comes back on the field it is
// about, in plain words; the form keeps what was entered.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { ProposeInput } from '../../../app/scheduling/inputs.ts';
import { listScheduleProposals, MAX_SCHEDULE_DAYS, proposeSchedule } from '../../../app/scheduling/proposals.ts';
import { fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { type DateField, type DateParts, dateItems, readDate } from '../date-fields.ts';
import { actorOf, type ErrorItem, formBody, one, type Services } from '../kit.ts';
import { STATUS_NAMES } from './review-rows.ts';

/** Where each field's message links to in the error summary. */
const HREFS: Record<string, string> = { from: '#from-day', to: '#to-day', standard: '#standard', form: '#propose-heading' };

type FormState = {
  parts: { from: DateParts; to: DateParts };
  standard: string;
  /** The message on each field; `form` for one about the whole form. */
  fieldErrors: Record<string, string>;
  /** Which date inputs to mark: a reader's error names one part; a refusal marks them all. */
  marks?: { from?: DateField['error'] | string; to?: DateField['error'] | string };
};

const EMPTY: FormState = { parts: { from: { day: '', month: '', year: '' }, to: { day: '', month: '', year: '' } }, standard: '', fieldErrors: {} };

export async function showScheduleForm({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, state: FormState = EMPTY, status = 200) {
  const proposals = await listScheduleProposals(ctx, actorOf(request), { limit: 20 });
  const errors: ErrorItem[] = Object.entries(state.fieldErrors).map(([field, text]) => ({ text, href: HREFS[field] ?? '#propose-heading' }));
  return view(
    request,
    reply,
    'schedule-form.njk',
    {
      title: 'Schedule assessments',
      proposals,
      statusNames: STATUS_NAMES,
      standards: [...ctx.catalogue.standards.keys()].sort(),
      values: { standard: state.standard },
      fromItems: dateItems(state.parts.from, state.marks?.from ?? undefined),
      toItems: dateItems(state.parts.to, state.marks?.to ?? undefined),
      maxDays: MAX_SCHEDULE_DAYS,
      fieldErrors: state.fieldErrors,
      errors,
    },
    status,
  );
}

/** The use-case's refusal on the field it is about, in the page's words where it has them. */
function refusalOnField(error: AppError): { field: string; text: string } {
  switch (error.code) {
    case 'DATES_OUT_OF_ORDER':
      return /before today/.test(error.message)
        ? { field: 'from', text: 'The first day must be today or later' }
        : { field: 'to', text: 'The last day must be the same as or after the first day (tomorrow, when the first day is left empty)' };
    case 'SCHEDULE_TOO_LONG':
      return { field: 'to', text: `A schedule covers at most ${MAX_SCHEDULE_DAYS} days at once: choose a last day nearer the first` };
    case 'UNKNOWN_STANDARD':
      return { field: 'standard', text: 'Select a standard version from the list' };
    default:
      return { field: 'form', text: plainEnglish(error) };
  }
}

/** A refusal a person can put right (4xx, or the scheduler stopped for taking too long) is shown on the form; anything else is the error page. */
const shownOnForm = (error: unknown): error is AppError =>
  error instanceof AppError && error.status !== 403 && error.status !== 404 && (error.status < 500 || error.code === 'SCHEDULER_TIMED_OUT');

export async function proposeFromForm(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const kind = one(body, 'kind') === 'replan' ? 'replan' : 'schedule';
  const from = readDate(body, 'from', 'The first day', false);
  const to = readDate(body, 'to', 'The last day', false);
  const standard = one(body, 'standard').trim();
  const state: FormState = { parts: { from: from.parts, to: to.parts }, standard, fieldErrors: {}, marks: { from: from.error, to: to.error } };
  const found = { ...(from.error ? { from: from.error.text } : {}), ...(to.error ? { to: to.error.text } : {}) };
  const parsed = ProposeInput.safeParse({
    ...(from.value ? { from: from.value } : {}),
    ...(to.value ? { to: to.value } : {}),
    ...(standard ? { standard } : {}),
  });
  if (!parsed.success || Object.keys(found).length > 0) {
    const fieldErrors = parsed.success
      ? found
      : fieldErrorsFrom(
          parsed.error,
          { standard: 'Select a standard version from the list' },
          { found, otherwise: { field: 'form', message: 'Check the dates and the standard' } },
        );
    return showScheduleForm(services, request, reply, { ...state, fieldErrors }, 400);
  }
  let id: string;
  try {
    id = (await proposeSchedule(services.ctx, actorOf(request), parsed.data, kind)).id;
  } catch (error) {
    if (!shownOnForm(error)) throw error;
    const { field, text } = refusalOnField(error);
    const marks = field === 'from' || field === 'to' ? { [field]: text } : {};
    return showScheduleForm(services, request, reply, { ...state, fieldErrors: { [field]: text }, marks }, error.status);
  }
  return reply.redirect(`/admin/schedule/proposals/${id}`, 303);
}
