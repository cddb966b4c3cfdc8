// Propose → review → accept, the first two steps: the scheduler proposes every waiting
// assessment's assessor, date and time over the days asked (or, re-planning, the smallest
// change that repairs the bookings already made), and the proposal is kept, with its
// figures, for the admin to review. Nothing is booked until it is accepted (accept.ts).
import { type Actor, may } from '../../domain/access/access.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from '../../domain/calendar/dates.ts';
import { whileHolding } from '../../store/advisory-lock.ts';
import { discardProposal, findProposal, insertProposal, listProposals } from '../../store/repositories/schedule-proposals.repository.ts';
import { type AppContext, today } from '../context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { ProposeRequest } from './inputs.ts';
import { gatherInstance } from './instance.ts';
import { runSolver } from './run-solver.ts';
import { describeProposal, type ProposalView, toProposalView } from './views.ts';

/** The longest schedule asked for at once: two EPA windows. */
export const MAX_SCHEDULE_DAYS = 190;

function daysAsked(ctx: AppContext, input: ProposeRequest): { from: IsoDate; to: IsoDate } {
  const now = today(ctx);
  const from = input.from ?? addDays(now, 1);
  const to = input.to ?? addMonths(from, 3);
  if (from < now) throw badRequest('DATES_OUT_OF_ORDER', `the schedule cannot start before today (${now})`);
  if (to < from) throw badRequest('DATES_OUT_OF_ORDER', `the schedule ends on ${to}, before it starts on ${from}`);
  if (daysBetween(from, to) > MAX_SCHEDULE_DAYS)
    throw badRequest('SCHEDULE_TOO_LONG', `a schedule covers at most ${MAX_SCHEDULE_DAYS} days at once (asked: ${daysBetween(from, to)})`);
  return { from, to };
}

export async function proposeSchedule(ctx: AppContext, actor: Actor, input: ProposeRequest, kind: 'schedule' | 'replan' = 'schedule'): Promise<ProposalView> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const days = daysAsked(ctx, input);
  if (input.standard && !ctx.catalogue.standards.has(input.standard)) throw badRequest('UNKNOWN_STANDARD', `no standard version ${input.standard} is held`);
  // One schedule run at a time across every process (DESIGN §6): a second is told, not queued.
  const held = await whileHolding(ctx.db, 'capstone.schedule.run', async () => {
    const gathered = await gatherInstance(ctx, today(ctx), {
      ...days,
      ...(input.standard ? { standard: input.standard } : {}),
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.weights ? { weights: input.weights } : {}),
      replanning: kind === 'replan',
    });
    return { gathered, result: await runSolver(kind, gathered.instance, ctx, ctx.scheduling ?? {}) };
  });
  if (!held) throw conflict('SCHEDULE_RUN_UNDER_WAY', 'another schedule is being made just now: try again in a moment');
  const { gathered, result } = held.value;
  // A worker that crashed or ran out of time is Capstone's side (503); anything else the instance's (422).
  if (!result.ok) throw new AppError(result.code === 'SCHEDULER_TIMED_OUT' || result.code === 'SCHEDULER_FAILED' ? 503 : 422, result.code, result.message);
  const body = describeProposal(ctx.catalogue, result.proposal, gathered);
  const stored = await insertProposal(
    ctx.db,
    { kind, proposedBy: actor.userId, scheduleFrom: days.from, scheduleTo: days.to, standard: input.standard ?? null, proposal: body },
    (id) => ({
      actorId: actor.userId,
      actor: actor.name,
      action: kind === 'replan' ? 'replan' : 'propose',
      entity: 'schedule-proposal',
      entityId: id,
      after: {
        ...days,
        standard: input.standard ?? null,
        placements: body.placements.length,
        moved: body.moved.length,
        unplaced: body.unplaced.length,
        cost: body.cost,
      },
    }),
  );
  return toProposalView(stored);
}

export async function getProposal(ctx: AppContext, actor: Actor, id: string): Promise<ProposalView> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  if (!isUuid(id)) throw notFound(`schedule proposal ${id}`);
  const row = await findProposal(ctx.db, id);
  if (!row) throw notFound(`schedule proposal ${id}`);
  return toProposalView(row);
}

export type ProposalSummary = {
  id: string;
  kind: 'schedule' | 'replan';
  status: string;
  proposedAt: string;
  from: string;
  to: string;
  standard: string | null;
  placements: number;
  unplaced: number;
};

export async function listScheduleProposals(
  ctx: AppContext,
  actor: Actor,
  page: { limit?: number; before?: { at: Date; id: string } } = {},
): Promise<ProposalSummary[]> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const rows = await listProposals(ctx.db, { limit: Math.min(page.limit ?? 20, 100), ...(page.before ? { before: page.before } : {}) });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    proposedAt: new Date(r.proposedAt).toISOString(),
    from: r.scheduleFrom,
    to: r.scheduleTo,
    standard: r.standard,
    placements: Number(r.placements),
    unplaced: Number(r.unplaced),
  }));
}

export async function discardScheduleProposal(ctx: AppContext, actor: Actor, id: string): Promise<ProposalView> {
  await getProposal(ctx, actor, id);
  const done = await discardProposal(ctx.db, id, { actorId: actor.userId, actor: actor.name, action: 'discard', entity: 'schedule-proposal', entityId: id });
  if (!done) throw conflict('PROPOSAL_NOT_OPEN', `this proposal is ${(await getProposal(ctx, actor, id)).status}: only a proposed one is discarded`);
  return getProposal(ctx, actor, id);
}
