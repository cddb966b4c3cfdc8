// The apprentices list at an EPAO's volume: one page of records in scope, found by words and
// filters, in a sort order its index can walk from a cursor (keyset paging: a deep page costs
// what the first does), and the true count of what matches.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { RecordScope } from '../../domain/access/access.ts';
import { RECORD_STATUSES, type RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';
import { hasReleasedResult, inQueue, type WorkQueueFilter, windowPassed } from './record-queues.ts';
import { type RecordRow, recordsQuery, scoped } from './records.repository.ts';

export { RECORD_QUEUES, type RecordQueue, type WorkQueueFilter } from './record-queues.ts';

export type RecordListFilter = {
  /** The records waiting in one work queue (src/app/work-queues.ts); `now` is when an assessment counts as started. */
  queue?: WorkQueueFilter;
  /** Words, each of which must match a name (any order, case and accents ignored, part of a word), a ULN, or the provider's or employer's name. */
  words?: readonly string[];
  status?: RecordStatus;
  /** A standard's code (ST0071) or one version of it (ST0071@1.2). */
  standard?: string;
  providerId?: string;
  employerId?: string;
  assessorId?: string;
  /** The EPA window ends on or after / on or before these dates. */
  windowEndsFrom?: string;
  windowEndsTo?: string;
  /** Only records whose EPA window ended before this date and are not completed or withdrawn. */
  overdueOn?: string;
  /** Only records with a released result (a download of results statements). */
  releasedOnly?: boolean;
};

export const RECORD_SORTS = ['newest', 'name', 'status', 'gateway', 'window-end'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];

/** Where a page starts: the sort key of the last row of the page before it. */
export type RecordCursor = { key: string[]; id: string };

type Q = SelectQueryBuilder<Database, 'epaRecords' | 'apprentices', object>;
type Eb = ExpressionBuilder<Database, 'epaRecords' | 'apprentices'>;

const statusRank = sql<number>`array_position(${sql.raw(`array[${RECORD_STATUSES.map((s) => `'${s}'`).join(',')}]`)}::text[], epa_records.status)`;
const familyFold = sql<string>`capstone_fold(apprentices.family_name)`;
const givenFold = sql<string>`capstone_fold(apprentices.given_names)`;

/** Each order's key, as SQL and as text for the cursor, all in one direction so a row comparison continues it. */
const ORDERS: Record<RecordSort, { direction: 'asc' | 'desc'; key: { expression: ReturnType<typeof sql>; type: string }[] }> = {
  newest: { direction: 'desc', key: [{ expression: sql`epa_records.created_at`, type: 'timestamptz' }] },
  // The apprentice's id before the record's: the order of the name index, which a deep page walks from the cursor.
  name: {
    direction: 'asc',
    key: [
      { expression: familyFold, type: 'text' },
      { expression: givenFold, type: 'text' },
      { expression: sql`apprentices.id`, type: 'uuid' },
    ],
  },
  status: {
    direction: 'asc',
    key: [
      { expression: statusRank, type: 'integer' },
      { expression: familyFold, type: 'text' },
      { expression: givenFold, type: 'text' },
    ],
  },
  gateway: { direction: 'desc', key: [{ expression: sql`coalesce(epa_records.gateway_approved_on, '-infinity'::date)`, type: 'date' }] },
  'window-end': { direction: 'asc', key: [{ expression: sql`coalesce(epa_records.epa_end, 'infinity'::date)`, type: 'date' }] },
};

/**
 * The apprentices a word finds, as one set the records are joined to: each way of matching
 * is its own indexed lookup (the names' trigram index, the ULN's prefix index, the
 * organisations' names), where one OR across the tables would read every apprentice. A
 * word matches as text, never as a pattern: `%`, `_` and `\\` in it are escaped.
 */
function matchesWord(eb: Eb, word: string) {
  const escaped = word.replace(/[%_\\]/g, (c) => `\\${c}`);
  const anywhere = sql<string>`'%' || capstone_fold(${escaped}) || '%'`;
  const organisations = eb.selectFrom('organisations').select('organisations.id').where(sql`capstone_fold(organisations.name)`, 'like', anywhere);
  const found = eb
    .selectFrom('apprentices as a')
    .select('a.id')
    .where(sql`a.search_name`, 'like', anywhere)
    .union(eb.selectFrom('apprentices as a').select('a.id').where('a.uln', 'like', `${escaped}%`))
    .union(eb.selectFrom('apprentices as a').select('a.id').where('a.providerId', 'in', organisations))
    .union(eb.selectFrom('apprentices as a').select('a.id').where('a.employerId', 'in', organisations));
  return eb('epaRecords.apprenticeId', 'in', found);
}

function filtered<T extends Q>(query: T, filter: RecordListFilter): T {
  let q = query as Q;
  const queue = filter.queue;
  if (queue) q = q.where((eb) => inQueue(eb, queue));
  for (const word of filter.words ?? []) q = q.where((eb) => matchesWord(eb, word));
  if (filter.status) q = q.where('epaRecords.status', '=', filter.status);
  if (filter.standard) q = q.where(filter.standard.includes('@') ? 'epaRecords.standard' : 'epaRecords.standardCode', '=', filter.standard);
  if (filter.providerId) q = q.where('apprentices.providerId', '=', filter.providerId);
  if (filter.employerId) q = q.where('apprentices.employerId', '=', filter.employerId);
  if (filter.windowEndsFrom) q = q.where('epaRecords.epaEnd', '>=', filter.windowEndsFrom);
  if (filter.windowEndsTo) q = q.where('epaRecords.epaEnd', '<=', filter.windowEndsTo);
  const overdueOn = filter.overdueOn;
  if (overdueOn) q = q.where((eb) => windowPassed(eb, overdueOn));
  if (filter.releasedOnly) q = q.where((eb) => hasReleasedResult(eb));
  const assessorId = filter.assessorId;
  if (assessorId) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('bookings')
            .select(sql`1`.as('one'))
            .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
            .where('bookings.assessorId', '=', assessorId)
            .where('bookings.status', '!=', 'cancelled'),
        ),
        eb.exists(
          eb
            .selectFrom('assessments')
            .select(sql`1`.as('one'))
            .whereRef('assessments.epaRecordId', '=', 'epaRecords.id')
            .where('assessments.assessorId', '=', assessorId),
        ),
      ]),
    );
  }
  return q as T;
}

export type RecordListRow = RecordRow & { sortKey: string[] };

/** Up to `limit` records in scope after the cursor, in the order; each with its sort key for the next cursor. */
export async function recordListPage(
  db: Db,
  scope: RecordScope,
  filter: RecordListFilter,
  page: { sort: RecordSort; after: RecordCursor | null; limit: number; offset?: number },
): Promise<RecordListRow[]> {
  const order = ORDERS[page.sort];
  const keyText = sql<string[]>`array[${sql.join(order.key.map((k) => sql`${k.expression}::text`))}]`;
  let query = filtered(scoped(recordsQuery(db), scope), filter).select(keyText.as('sortKey'));
  const after = page.after;
  if (after) {
    // (key, record) after (cursor key, cursor record), written so that the key's part alone is
    // a condition its index can start from (the record's id is another table's column).
    const beyond = sql.raw(order.direction === 'asc' ? '>' : '<');
    const key = sql.join(order.key.map((k) => k.expression));
    const at = sql.join(order.key.map((k, i) => sql`${after.key[i] ?? null}::${sql.raw(k.type)}`));
    query = query.where(sql<boolean>`(${key}) ${beyond}= (${at}) and ((${key}) ${beyond} (${at}) or epa_records.id ${beyond} ${after.id}::uuid)`);
  }
  for (const k of order.key) query = query.orderBy(k.expression, order.direction);
  return query
    .orderBy('epaRecords.id', order.direction)
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute() as Promise<RecordListRow[]>;
}

/** How many records in scope match, whatever the page. */
export async function recordListCount(db: Db, scope: RecordScope, filter: RecordListFilter): Promise<number> {
  // Every record has its apprentice, so where nothing asks of the apprentice, the count reads
  // the records alone: a queue's or a status's count then walks only its own rows.
  const ofApprentice = scope.kind !== 'all' || filter.providerId !== undefined || filter.employerId !== undefined;
  const base = ofApprentice
    ? db.selectFrom('epaRecords').innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    : (db.selectFrom('epaRecords') as unknown as Q);
  const row = await filtered(ofApprentice ? scoped(base, scope) : base, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
