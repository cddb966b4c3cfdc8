// An assessor's time as they keep it (domain/booking/availability.ts): the hours they work
// each week, UK time, and the days they are away. The assessor keeps their own; the EPAO may
// for them. A booking on a day of leave is refused; one outside their hours is warned of.
import type { Actor } from '../domain/access/access.ts';
import { weeklyHoursProblems } from '../domain/booking/availability.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteLeave, insertLeave, leaveOf, lockAssessorRow, replaceWeeklyHours, weeklyHoursOf } from '../store/repositories/assessors.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { badRequest, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';

export type WeeklyHoursRequest = { hours: { weekday: number; starts: string; ends: string }[] };
export type LeaveRequest = { fromDate: string; toDate: string; reason?: string };

function assertOwnOrEpao(actor: Actor, assessorId: string) {
  if (!isUuid(assessorId)) throw notFound(`assessor ${assessorId}`);
  const own = actor.role === 'assessor' && actor.assessorId === assessorId;
  const staff = actor.role === 'epao-admin' || actor.role === 'iqa';
  if (!own && !staff) throw forbidden('an assessor keeps their own time; the EPAO sees and keeps it for them');
}

/** Their weekly hours and their leave from today on. */
export async function assessorTime(ctx: AppContext, actor: Actor, assessorId: string) {
  assertOwnOrEpao(actor, assessorId);
  const [weeklyHours, leave] = await Promise.all([weeklyHoursOf(ctx.db, assessorId), leaveOf(ctx.db, assessorId, today(ctx))]);
  return { assessorId, weeklyHours, leave };
}

async function changing<T>(ctx: AppContext, actor: Actor, assessorId: string, work: (trx: AppContext['db']) => Promise<T>): Promise<T> {
  assertOwnOrEpao(actor, assessorId);
  if (actor.role === 'iqa') throw forbidden('the IQA sees an assessor’s time; the assessor or the EPAO keeps it');
  return inTransaction(ctx.db, async (trx) => {
    // The assessor's row locked: a booking being checked against their time waits for the change.
    if (!(await lockAssessorRow(trx, assessorId))) throw notFound(`assessor ${assessorId}`);
    return work(trx);
  });
}

/** Replaces the week's hours: each a day (Monday 1 to Sunday 7) and a span, UK time; spans on a day do not overlap. */
export async function setWeeklyHours(ctx: AppContext, actor: Actor, assessorId: string, input: WeeklyHoursRequest) {
  const problem = weeklyHoursProblems(input.hours)[0];
  if (problem)
    throw badRequest(
      problem.code,
      problem.code === 'HOURS_OVERLAP' ? `the hours on day ${problem.weekday} overlap` : `hours on day ${problem.weekday} end before they start`,
    );
  const sorted = [...input.hours].sort((a, b) => a.weekday - b.weekday || a.starts.localeCompare(b.starts));
  await changing(ctx, actor, assessorId, async (trx) => {
    await replaceWeeklyHours(trx, assessorId, sorted);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'weekly-hours',
      entity: 'assessor',
      entityId: assessorId,
      after: { hours: sorted },
    });
  });
  return assessorTime(ctx, actor, assessorId);
}

export async function addLeave(ctx: AppContext, actor: Actor, assessorId: string, input: LeaveRequest) {
  if (input.toDate < input.fromDate) throw badRequest('DATES_OUT_OF_ORDER', 'the leave ends before it starts');
  const made = await changing(ctx, actor, assessorId, async (trx) => {
    const row = await insertLeave(trx, { assessorId, fromDate: input.fromDate, toDate: input.toDate, reason: input.reason ?? null });
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'add-leave', entity: 'assessor', entityId: assessorId, after: row });
    return row;
  });
  return made;
}

/** Removes leave; removing it twice (or leave that is not theirs) changes nothing, as a second click would. */
export async function removeLeave(ctx: AppContext, actor: Actor, assessorId: string, leaveId: string): Promise<void> {
  if (!isUuid(leaveId)) throw notFound(`leave ${leaveId}`);
  await changing(ctx, actor, assessorId, async (trx) => {
    if (await deleteLeave(trx, assessorId, leaveId))
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'remove-leave',
        entity: 'assessor',
        entityId: assessorId,
        after: { leaveId },
      });
  });
}
