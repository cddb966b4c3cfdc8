// The work that waits on someone, counted on their home, each count a link to the
// apprentices list narrowed to that queue. A queue is a view of the records' state (the
// lifecycle and what has been booked, assessed, moderated, appealed or released), not a
// rule: the rules that let the work be done stay with their use-cases.
import type { Actor, Role } from '../domain/access/access.ts';
import { recordScope } from '../domain/access/access.ts';
import { CHASE_UNCONFIRMED } from '../domain/booking/confirmation.ts';
import { RECORD_QUEUES, type RecordQueue, recordListCount } from '../store/repositories/record-list.repository.ts';
import type { AppContext } from './context.ts';
import { filterOf } from './record-list.ts';

export { RECORD_QUEUES };

export type WorkQueue = { id: RecordQueue; name: string; hint: string; roles: readonly Role[] };

export const WORK_QUEUES: readonly WorkQueue[] = [
  { id: 'gateway-review', name: 'Awaiting gateway review', hint: 'Submitted through gateway; the EPAO approves or rejects', roles: ['epao-admin'] },
  { id: 'nothing-booked', name: 'Approved, nothing booked', hint: 'Through gateway with no assessment booked yet', roles: ['epao-admin'] },
  {
    id: 'withdrawals-requested',
    name: 'Withdrawals asked for',
    hint: 'The provider or employer asked for the apprentice to be withdrawn; the EPAO confirms or declines',
    roles: ['epao-admin'],
  },
  {
    id: 'unconfirmed-bookings',
    name: 'Bookings not confirmed',
    hint: `An assessment in the next ${CHASE_UNCONFIRMED.days} days that its assessor has not confirmed`,
    roles: ['epao-admin'],
  },
  { id: 'work-overdue', name: 'EPA window passed', hint: 'The EPA window ended and the EPA is not over', roles: ['epao-admin'] },
  {
    id: 'assessment-not-submitted',
    name: 'Assessed, record not submitted',
    hint: 'The booked assessment has started and its assessment record is not submitted',
    roles: ['epao-admin', 'assessor'],
  },
  { id: 'awaiting-moderation', name: 'Awaiting moderation', hint: 'A sampled assessment waits for the IQA', roles: ['epao-admin', 'iqa'] },
  { id: 'open-appeals', name: 'Appeals to decide', hint: 'An appeal against a released result is lodged and undecided', roles: ['epao-admin', 'iqa'] },
  {
    id: 'appeals-late',
    name: 'Appeals past a deadline',
    hint: 'An open appeal not acknowledged, or not decided, within the EPAO’s working days',
    roles: ['epao-admin', 'iqa'],
  },
  { id: 'open-malpractice', name: 'Malpractice cases open', hint: 'The result is suspended until the case is decided', roles: ['epao-admin'] },
  {
    id: 'ready-to-release',
    name: 'Ready to release',
    hint: 'Every method assessed, moderation decided, nothing held: no result released since',
    roles: ['epao-admin'],
  },
  { id: 'certificates-to-claim', name: 'Certificates to claim', hint: 'A released pass or distinction with no certificate claimed', roles: ['epao-admin'] },
  {
    id: 'dfe-refused',
    name: 'DfE: refused or held back',
    hint: 'An EPA outcome or certificate the DfE Assessor Service refused, or Capstone held back: put the data right, then send it again',
    roles: ['epao-admin'],
  },
];

export type QueueCount = { id: RecordQueue; name: string; hint: string; count: number; href: string };

export const queuesFor = (actor: Actor): WorkQueue[] => WORK_QUEUES.filter((q) => q.roles.includes(actor.role));

/** Each of the actor's queues with how many of the records it may see wait there. */
export async function workQueueCounts(ctx: AppContext, actor: Actor): Promise<QueueCount[]> {
  const scope = recordScope(actor);
  const queues = queuesFor(actor);
  const counts = await Promise.all(queues.map((q) => recordListCount(ctx.db, scope, filterOf(ctx, { queue: q.id }))));
  return queues.map((q, i) => ({ id: q.id, name: q.name, hint: q.hint, count: counts[i] ?? 0, href: `/apprentices?queue=${q.id}` }));
}
