// The apprentices list as a page: the API's list (src/app/record-list.ts) behind the GOV.UK
// "filter a list" pattern. Every filter lives in the address, so a list can be shared,
// bookmarked and left with the back button; a page is reached by its cursor.

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { listAssessors } from '../../app/assessors.ts';
import { AppError } from '../../app/errors.ts';
import { MAX_RECORD_SEARCH } from '../../app/inputs.ts';
import { listOrganisations, type OrganisationSummary } from '../../app/parties.ts';
import { exportRecords } from '../../app/record-export.ts';
import { listRecordPage, RECORD_SORTS, type RecordListPage, RecordListQuery, type RecordListRequest } from '../../app/record-list.ts';
import { resultsStatementsPdf } from '../../app/results-statements.ts';
import { queuesFor } from '../../app/work-queues.ts';
import type { Actor, Role } from '../../domain/access/access.ts';
import { sendCsv } from '../../http/csv-reply.ts';
import { sendStatements } from '../../http/pdf-reply.ts';
import { errorsOf, fieldErrorsFrom } from '../field-errors.ts';
import { STATUS_ORDER } from '../terminology.ts';
import { type DateField, dateItems, dateParts, readDate } from './date-fields.ts';
import { actorOf, type FormBody, handle, one, type Services } from './kit.ts';
import { standards } from './registrations/catalogue.ts';

export const LIST_ROLES: readonly Role[] = ['epao-admin', 'iqa', 'provider', 'employer', 'assessor'];
export const PAGE_SIZE = 50;

/** Chasing the apprentices whose work is late: on the overdue list and the EPA-window-passed queue. */
const REMIND_FORM = {
  action: '/apprentices/bulk/send-reminders',
  id: 'bulk-remind',
  legend: 'Send them their reminders now',
  hint: 'What is due or overdue for each, to the people the daily reminders go to. Sent again the same day, nothing more is sent.',
  button: 'Send reminders to those ticked',
  buttonId: 'remind-selected',
};

/** The bulk action a work queue's list offers its selection (src/web/journeys/bulk.ts): the form's words. */
const BULK_FORMS: Partial<Record<string, { action: string; id: string; legend: string; hint: string; button: string; buttonId: string }>> = {
  'certificates-to-claim': {
    action: '/apprentices/bulk/claim-certificates',
    id: 'bulk-claim',
    legend: 'Claim their certificates',
    hint: 'Each in the name and ULN the record holds, checked as a single claim is. Untick anyone not to claim for now.',
    button: 'Claim certificates for those ticked',
    buttonId: 'claim-selected',
  },
  'work-overdue': REMIND_FORM,
  overdue: REMIND_FORM,
  'ready-to-release': {
    action: '/apprentices/bulk/release-results',
    id: 'bulk-release',
    legend: 'Release their results',
    hint: 'Each checked as a single release is. A fail needs feedback on what to develop, so it is released from its own page.',
    button: 'Release results for those ticked',
    buttonId: 'release-selected',
  },
};

const SORT_NAMES: Record<(typeof RECORD_SORTS)[number], string> = {
  newest: 'Newest registered',
  name: 'Name',
  status: 'Status',
  gateway: 'Gateway approved, latest first',
  'window-end': 'End of the EPA window, soonest first',
};

/** The fields the form sends as they are: empty ones are no filter. */
const FIELDS = ['q', 'queue', 'status', 'standard', 'provider', 'employer', 'assessor', 'overdue', 'sort', 'cursor'] as const;
/** The EPA window's dates, each a GOV.UK date input (day, month, year). */
const DATES = [
  { name: 'windowEndsFrom', label: 'The earliest end of the EPA window' },
  { name: 'windowEndsTo', label: 'The latest end of the EPA window' },
] as const;

type ListForm = { query: Record<string, string>; dates: Record<string, DateField>; dateErrors: Record<string, string> };

/** The address's filters: what goes back into the address (`query`), and the dates as the form shows them. */
function formOf(request: FastifyRequest): ListForm {
  const raw = request.query as FormBody;
  const query: Record<string, string> = {};
  for (const name of FIELDS) {
    const text = one(raw, name).trim();
    if (text !== '') query[name] = text;
  }
  const dates: Record<string, DateField> = {};
  const dateErrors: Record<string, string> = {};
  for (const { name, label } of DATES) {
    const field = readDate(raw, name, label, false);
    dates[name] = field;
    if (field.error) dateErrors[name] = field.error.text;
    for (const part of ['day', 'month', 'year'] as const) if (field.parts[part]) query[`${name}-${part}`] = field.parts[part];
  }
  return { query, dates, dateErrors };
}

const MESSAGES = {
  q: `Search must be ${MAX_RECORD_SEARCH} characters or fewer`,
  status: 'Choose a status from the list',
  standard: 'Choose a standard from the list',
  provider: 'Choose a training provider from the list',
  employer: 'Choose an employer from the list',
  sort: 'Choose an order from the list',
  queue: 'Choose a work queue from the list',
  overdue: 'Tick the box or leave it empty',
  cursor: 'This page of the list is out of date: start again from the first page',
  limit: 'Choose a page size between 1 and 500',
  offset: 'Start again from the first page',
};

/** Who may narrow by organisation: the EPAO's own staff, who see every provider and employer. */
async function organisationsFor(services: Services, actor: Actor): Promise<{ providers: OrganisationSummary[]; employers: OrganisationSummary[] }> {
  if (actor.role !== 'epao-admin' && actor.role !== 'iqa') return { providers: [], employers: [] };
  const all = await listOrganisations(services.ctx, actor);
  return { providers: all.filter((o) => o.kind === 'provider'), employers: all.filter((o) => o.kind === 'employer') };
}

const withParams = (query: Record<string, string>, changes: Record<string, string | null>): string => {
  const params = new URLSearchParams({ ...query });
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const search = params.toString();
  return `/apprentices${search ? `?${search}` : ''}`;
};

/** Each standard, then each of its versions: the list narrows to either. */
function standardChoices(services: Services): { value: string; text: string }[] {
  const choices = new Map<string, string>();
  for (const s of standards(services.ctx)) {
    choices.set(s.code, `${s.title} (${s.code}), every version`);
    choices.set(`${s.code}@${s.version}`, `${s.title} (${s.code} v${s.version})`);
  }
  return [...choices].map(([value, text]) => ({ value, text }));
}

export async function apprenticesList(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  let page: RecordListPage = { records: [], total: 0, nextCursor: null };
  const { query, dates, dateErrors } = formOf(request);
  const input = { ...query, windowEndsFrom: dates.windowEndsFrom?.value ?? undefined, windowEndsTo: dates.windowEndsTo?.value ?? undefined };
  const parsed = RecordListQuery.safeParse(input);
  let fieldErrors = parsed.success ? { ...dateErrors } : fieldErrorsFrom(parsed.error, MESSAGES, { found: dateErrors });
  if (Object.keys(fieldErrors).length === 0 && parsed.success) {
    try {
      page = await listRecordPage(services.ctx, actor, parsed.data as RecordListRequest, PAGE_SIZE);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CURSOR_INVALID') throw error;
      fieldErrors = { cursor: MESSAGES.cursor };
    }
  }
  const { providers, employers } = await organisationsFor(services, actor);
  const filtered = Object.keys(query).some((k) => k !== 'sort' && k !== 'cursor');
  return services.view(
    request,
    reply,
    'apprentices-list.njk',
    {
      title: 'Apprentices',
      query,
      dates: Object.fromEntries(DATES.map(({ name }) => [name, dateItems(dates[name]?.parts ?? dateParts(null), dates[name]?.error)])),
      filtered,
      page,
      statuses: STATUS_ORDER,
      queues: queuesFor(actor).map((q) => ({ value: q.id, text: q.name })),
      standards: standardChoices(services),
      providers,
      employers,
      sorts: RECORD_SORTS.map((id) => ({ value: id, text: SORT_NAMES[id] })),
      bulk: actor.role === 'epao-admin' && page.records.length > 0 ? (BULK_FORMS[query.queue ?? (query.overdue === 'true' ? 'overdue' : '')] ?? null) : null,
      reassign: page.records.length > 0 ? await reassignForm(services, actor, query.assessor) : null,
      exportHref: withParams(query, { cursor: null }).replace('/apprentices', '/apprentices/export.csv'),
      statementsHref: withParams(query, { cursor: null }).replace('/apprentices', '/apprentices/results-statements.pdf'),
      nextHref: page.nextCursor ? withParams(query, { cursor: page.nextCursor }) : null,
      firstHref: query.cursor ? withParams(query, { cursor: null }) : null,
      clearHref: '/apprentices',
      fieldErrors,
      errors: errorsOf(fieldErrors),
    },
    Object.keys(fieldErrors).length ? 400 : 200,
  );
}

/** On a list narrowed to one assessor's apprentices, the EPAO may give their bookings still to come to another. */
async function reassignForm(services: Services, actor: Actor, from: string | undefined) {
  if (actor.role !== 'epao-admin' || !from) return null;
  const assessors = await listAssessors(services.ctx, actor);
  const current = assessors.find((a) => a.id === from);
  if (!current) return null;
  return { from, fromName: current.name, assessors: assessors.filter((a) => a.id !== from).map((a) => ({ value: a.id, text: a.name })) };
}

/** The list's filters as a download takes them (every match, no cursor); null when the form does not read. */
function downloadQuery(request: FastifyRequest): { query: Record<string, string>; parsed: RecordListRequest | null } {
  const { query, dates, dateErrors } = formOf(request);
  const parsed = RecordListQuery.safeParse({
    ...query,
    cursor: undefined,
    windowEndsFrom: dates.windowEndsFrom?.value ?? undefined,
    windowEndsTo: dates.windowEndsTo?.value ?? undefined,
  });
  return { query, parsed: parsed.success && Object.keys(dateErrors).length === 0 ? parsed.data : null };
}

export async function apprenticesExport(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { query, parsed } = downloadQuery(request);
  if (!parsed) return reply.redirect(withParams(query, {}), 303);
  return sendCsv(reply, 'apprentices.csv', exportRecords(services.ctx, actorOf(request), parsed));
}

/** The results statements of the list as filtered: one PDF, a statement a page. */
export async function apprenticesStatements(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { query, parsed } = downloadQuery(request);
  if (!parsed) return reply.redirect(withParams(query, {}), 303);
  const { doc, statements } = await resultsStatementsPdf(services.ctx, actorOf(request), parsed);
  return sendStatements(reply, doc, statements);
}

export function apprenticesRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/apprentices', { config: { roles: LIST_ROLES } }, handle(services, apprenticesList));
    app.get('/apprentices/export.csv', { config: { roles: LIST_ROLES } }, handle(services, apprenticesExport));
    app.get('/apprentices/results-statements.pdf', { config: { roles: LIST_ROLES } }, handle(services, apprenticesStatements));
  };
}
