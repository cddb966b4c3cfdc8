// What puts a record in each work queue (src/app/work-queues.ts), as SQL over its state,
// beside the apprentices list's other filters (record-list.repository.ts).
import type { ExpressionBuilder } from 'kysely';
import { sql } from 'kysely';
import { CERTIFICATED_GRADES } from '../../domain/certification/claim.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Database } from '../schema.ts';

export const RECORD_QUEUES = [
  'gateway-review',
  'nothing-booked',
  'withdrawals-requested',
  'unconfirmed-bookings',
  'work-overdue',
  'assessment-not-submitted',
  'awaiting-moderation',
  'open-appeals',
  'appeals-late',
  'open-malpractice',
  'ready-to-release',
  'certificates-to-claim',
  'dfe-refused',
] as const;
export type RecordQueue = (typeof RECORD_QUEUES)[number];

type Eb = ExpressionBuilder<Database, 'epaRecords' | 'apprentices'>;

/**
 * A work queue and what its SQL needs from the rules: when an assessment counts as started,
 * and (ready to release) the statuses a result may be released from and how many methods
 * each standard version has, from the catalogue.
 */
export type WorkQueueFilter = {
  id: RecordQueue;
  now: Date;
  /** Today in England, the day a window that ended before it is overdue. */
  today: string;
  /** Bookings starting before this and not confirmed are chased (domain/booking/confirmation.ts). */
  unconfirmedUntil: Date;
  /** An open appeal lodged on or before these dates is late to be acknowledged, or decided (domain/appeals/steps.ts lateIfLodgedBy). */
  appealsLateIfLodgedBy: { acknowledge: string; decide: string };
  releasableFrom: readonly RecordStatus[];
  methodCounts: Readonly<Record<string, number>>;
};

/** An open appeal lodged on or before today's cut-off for the step it waits for. */
function appealsLate(eb: Eb, queue: WorkQueueFilter) {
  const one = sql`1`.as('one');
  return eb.exists(
    eb
      .selectFrom('appeals')
      .select(one)
      .whereRef('appeals.epaRecordId', '=', 'epaRecords.id')
      .where('appeals.status', '=', 'lodged')
      .where((w) =>
        w.or([
          w.and([w('appeals.acknowledgedOn', 'is', null), w('appeals.lodgedOn', '<=', queue.appealsLateIfLodgedBy.acknowledge)]),
          w('appeals.lodgedOn', '<=', queue.appealsLateIfLodgedBy.decide),
        ]),
      ),
  );
}

/** Every method's assessment submitted, nothing waiting for moderation or held by malpractice, and not released since. */
function readyToRelease(eb: Eb, queue: WorkQueueFilter) {
  const one = sql`1`.as('one');
  const methodsSubmitted = eb
    .selectFrom('assessments')
    .select(sql<number>`count(distinct assessments.method)`.as('n'))
    .whereRef('assessments.epaRecordId', '=', 'epaRecords.id')
    .where('assessments.status', '=', 'submitted');
  const methodsOfStandard = sql<number>`(${JSON.stringify(queue.methodCounts)}::jsonb ->> epa_records.standard)::int`;
  return eb.and([
    eb('epaRecords.status', 'in', [...queue.releasableFrom]),
    // A set the planner can hash once, so records with nothing submitted are never probed one by one.
    eb('epaRecords.id', 'in', eb.selectFrom('assessments as any').select('any.epaRecordId').where('any.status', '=', 'submitted')),
    eb(methodsSubmitted, '>=', methodsOfStandard),
    eb.not(
      eb.exists(
        eb
          .selectFrom('assessments')
          .select(one)
          .whereRef('assessments.epaRecordId', '=', 'epaRecords.id')
          .where('assessments.status', '=', 'submitted')
          // No decision yet is pending too (every submitted assessment is moderated or signed off in a batch).
          .where((w) => w.or([w('assessments.moderationStatus', 'is', null), w('assessments.moderationStatus', '=', 'pending')])),
      ),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('malpracticeCases')
          .select(one)
          .whereRef('malpracticeCases.epaRecordId', '=', 'epaRecords.id')
          .where('malpracticeCases.status', '=', 'open'),
      ),
    ),
    // Released already, and nothing assessed since: releasing again would change nothing.
    eb.not(
      eb.exists(
        eb
          .selectFrom('results')
          .select(one)
          .whereRef('results.epaRecordId', '=', 'epaRecords.id')
          .where('results.status', 'in', ['released', 'suspended'])
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('assessments as later')
                  .select(one)
                  .whereRef('later.epaRecordId', '=', 'epaRecords.id')
                  .where('later.status', '=', 'submitted')
                  .whereRef('later.submittedAt', '>', 'results.createdAt'),
              ),
            ),
          ),
      ),
    ),
  ]);
}

/** The EPA window, as recorded, ended before `today`, and the EPA is not over: the list's overdue filter and its queue. */
export function windowPassed(eb: Eb, today: string) {
  return eb.and([eb('epaRecords.epaEnd', '<', today), eb('epaRecords.status', 'not in', ['completed', 'withdrawn'])]);
}

/** A record with a released result: the ones a results statement is made for. */
export function hasReleasedResult(eb: Eb) {
  return eb.exists(
    eb.selectFrom('results').select(sql`1`.as('one')).whereRef('results.epaRecordId', '=', 'epaRecords.id').where('results.status', '=', 'released'),
  );
}

/** What puts a record in each work queue, as SQL over its state. */
export function inQueue(eb: Eb, queue: WorkQueueFilter) {
  const one = sql`1`.as('one');
  switch (queue.id) {
    case 'gateway-review':
      return eb('epaRecords.status', '=', 'gateway-submitted');
    case 'nothing-booked':
      return eb.and([
        eb('epaRecords.status', '=', 'gateway-approved'),
        eb.not(
          eb.exists(eb.selectFrom('bookings').select(one).whereRef('bookings.epaRecordId', '=', 'epaRecords.id').where('bookings.status', '!=', 'cancelled')),
        ),
      ]);
    case 'unconfirmed-bookings':
      return eb.exists(
        eb
          .selectFrom('bookings')
          .select(one)
          .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
          .where('bookings.status', '=', 'booked')
          .where('bookings.confirmedAt', 'is', null)
          .where('bookings.startsAt', '>=', queue.now)
          .where('bookings.startsAt', '<', queue.unconfirmedUntil),
      );
    case 'work-overdue':
      return windowPassed(eb, queue.today);
    case 'assessment-not-submitted':
      return eb.exists(
        eb
          .selectFrom('bookings')
          .select(one)
          .whereRef('bookings.epaRecordId', '=', 'epaRecords.id')
          .where('bookings.status', '=', 'booked')
          .where('bookings.startsAt', '<', queue.now),
      );
    case 'awaiting-moderation':
      return eb.exists(
        eb
          .selectFrom('assessments')
          .select(one)
          .whereRef('assessments.epaRecordId', '=', 'epaRecords.id')
          .where('assessments.status', '=', 'submitted')
          .where('assessments.sampled', '=', true)
          .where('assessments.moderationStatus', '=', 'pending'),
      );
    case 'open-appeals':
      return eb.exists(eb.selectFrom('appeals').select(one).whereRef('appeals.epaRecordId', '=', 'epaRecords.id').where('appeals.status', '=', 'lodged'));
    case 'withdrawals-requested':
      return eb.exists(
        eb
          .selectFrom('withdrawalRequests')
          .select(one)
          .whereRef('withdrawalRequests.epaRecordId', '=', 'epaRecords.id')
          .where('withdrawalRequests.status', '=', 'requested'),
      );
    case 'appeals-late':
      return appealsLate(eb, queue);
    case 'dfe-refused':
      return dfeRefused(eb);
    case 'open-malpractice':
      return eb.exists(
        eb
          .selectFrom('malpracticeCases')
          .select(one)
          .whereRef('malpracticeCases.epaRecordId', '=', 'epaRecords.id')
          .where('malpracticeCases.status', '=', 'open'),
      );
    case 'ready-to-release':
      return readyToRelease(eb, queue);
    case 'certificates-to-claim':
      return eb.exists(
        eb
          .selectFrom('results')
          .select(one)
          .whereRef('results.epaRecordId', '=', 'epaRecords.id')
          .where('results.status', '=', 'released')
          .where('results.overall', 'in', CERTIFICATED_GRADES)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('certificates').select(one).whereRef('certificates.resultId', '=', 'results.id')))),
      );
  }
}

/** An EPA outcome or certificate DfE refused, or Capstone held back: it waits for a person. */
const dfeRefused = (eb: Eb) =>
  eb.exists(
    eb
      .selectFrom('dfeSubmissions')
      .select(sql`1`.as('one'))
      .whereRef('dfeSubmissions.epaRecordId', '=', 'epaRecords.id')
      .where('dfeSubmissions.state', 'in', ['rejected', 'held']),
  );
