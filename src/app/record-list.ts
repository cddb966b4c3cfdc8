// The apprentices list, the same for the API and the pages: each role's own scope (the access
// rules'), found by words and filters, sorted, and paged by cursor with a true total.
import { z } from 'zod';
import { type Actor, recordScope } from '../domain/access/access.ts';
import { lateIfLodgedBy } from '../domain/appeals/steps.ts';
import { chaseUnconfirmedUntil } from '../domain/booking/confirmation.ts';
import { CalendarDate } from '../domain/calendar/date-schema.ts';
import { RECORD_STATUSES, statusesAllowing } from '../domain/lifecycle/record-lifecycle.ts';
import {
  RECORD_QUEUES,
  RECORD_SORTS,
  type RecordCursor,
  type RecordListFilter,
  type RecordSort,
  recordListCount,
  recordListPage,
} from '../store/repositories/record-list.repository.ts';
import { type AppContext, today } from './context.ts';
import { appealTimings } from './epao-settings.ts';
import { badRequest } from './errors.ts';
import { MAX_RECORD_SEARCH } from './inputs.ts';
import { type EpaRecordView, toView } from './records.ts';

export { RECORD_SORTS, type RecordSort };

/** More words than this are not a search anyone types; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;
export const MAX_PAGE_SIZE = 500;

const Id = z.uuid({ message: 'must be an id from this list' });

/** The list's query, as the API's query string and the page's filter form both send it. */
export const RecordListQuery = z.object({
  q: z
    .string()
    .max(MAX_RECORD_SEARCH, { message: `must be ${MAX_RECORD_SEARCH} characters or fewer` })
    .optional(),
  status: z.enum(RECORD_STATUSES).optional(),
  standard: z
    .string()
    .regex(/^ST\d{4}(@\d+\.\d+)?$/, { message: 'must be a standard reference such as ST0071, or a version such as ST0071@1.2' })
    .optional(),
  provider: Id.optional(),
  employer: Id.optional(),
  assessor: Id.optional(),
  windowEndsFrom: CalendarDate.optional(),
  windowEndsTo: CalendarDate.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** One work queue's records (src/app/work-queues.ts). */
  queue: z.enum(RECORD_QUEUES).optional(),
  sort: z.enum(RECORD_SORTS).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  /** Superseded by `cursor`; still honoured on its own. */
  offset: z.coerce.number().int().min(0).optional(),
});
export type RecordListRequest = z.infer<typeof RecordListQuery>;

export type RecordListPage = { records: EpaRecordView[]; total: number; nextCursor: string | null };

/** The search's words: split on spaces, each matched on its own, so "Leo Baker" and "Baker Leo" both find him. */
export function searchWords(q: string | undefined): string[] {
  const words = (q ?? '').split(/\s+/).filter((w) => w !== '');
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

/** A cursor names the sort and the last row's key; it is opaque to callers (base64url JSON). */
export function encodeCursor(sort: RecordSort, cursor: RecordCursor): string {
  return Buffer.from(JSON.stringify({ s: sort, k: cursor.key, i: cursor.id })).toString('base64url');
}

const CursorShape = z.object({ s: z.enum(RECORD_SORTS), k: z.array(z.string().max(200)).max(4), i: z.uuid() });

export function decodeCursor(sort: RecordSort, text: string): RecordCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const cursor = CursorShape.safeParse(parsed);
  if (!cursor.success || cursor.data.s !== sort) {
    throw badRequest('CURSOR_INVALID', 'the page cursor was not made by this list, or for another sort order: start again from the first page');
  }
  return { key: cursor.data.k, id: cursor.data.i };
}

export function filterOf(ctx: AppContext, query: RecordListRequest): RecordListFilter {
  return {
    words: searchWords(query.q),
    status: query.status,
    standard: query.standard,
    providerId: query.provider,
    employerId: query.employer,
    assessorId: query.assessor,
    windowEndsFrom: query.windowEndsFrom,
    windowEndsTo: query.windowEndsTo,
    overdueOn: query.overdue === 'true' ? today(ctx) : undefined,
    queue: query.queue
      ? {
          id: query.queue,
          now: ctx.now(),
          today: today(ctx),
          unconfirmedUntil: chaseUnconfirmedUntil(ctx.now()),
          appealsLateIfLodgedBy: appealsLateIfLodgedBy(ctx),
          releasableFrom: RELEASABLE_FROM,
          methodCounts: methodCounts(ctx),
        }
      : undefined,
  };
}

/** The lodging dates on or before which an open appeal is late today (the EPAO's appeal timings). */
function appealsLateIfLodgedBy(ctx: AppContext) {
  const timings = appealTimings();
  const on = today(ctx);
  return { acknowledge: lateIfLodgedBy(on, timings.acknowledgeWorkingDays, ctx.holidays), decide: lateIfLodgedBy(on, timings.decideWorkingDays, ctx.holidays) };
}

/** The statuses a result may be released from: the record's lifecycle (a fail and a pass alike). */
const RELEASABLE_FROM = statusesAllowing('release-fail').filter((s) => statusesAllowing('release-pass').includes(s));

/** How many assessment methods each standard version has, from the catalogue: a result needs every one. */
function methodCounts(ctx: AppContext): Record<string, number> {
  return Object.fromEntries([...ctx.catalogue.standards].map(([id, s]) => [id, s.standard.methods.length]));
}

/** One page of the list and the total matching; `nextCursor` is null on the last page. */
export async function listRecordPage(ctx: AppContext, actor: Actor, query: RecordListRequest, defaultLimit = 100): Promise<RecordListPage> {
  const sort = query.sort ?? 'newest';
  const limit = query.limit ?? defaultLimit;
  const after = query.cursor ? decodeCursor(sort, query.cursor) : null;
  const scope = recordScope(actor);
  const filter = filterOf(ctx, query);
  const [rows, total] = await Promise.all([
    recordListPage(ctx.db, scope, filter, { sort, after, limit: limit + 1, offset: after ? 0 : (query.offset ?? 0) }),
    recordListCount(ctx.db, scope, filter),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(sort, { key: last.sortKey, id: last.id }) : null;
  return { records: page.map(toView), total, nextCursor };
}
