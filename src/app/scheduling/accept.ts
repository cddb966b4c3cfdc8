// Accepting a proposal: each placement is booked, and each move made, through the booking
// use-case itself, so every rule is checked again against the database as it is now. What
// is booked is exactly what was proposed; what the rules now refuse (an assessor who went on
// leave since, a slot someone else took) is reported with its code and reason, and the rest
// go ahead. One acceptance at a time: the proposal is claimed first.
import type { Actor } from '../../domain/access/access.ts';
import { may } from '../../domain/access/access.ts';
import { claimProposal, finishProposal } from '../../store/repositories/schedule-proposals.repository.ts';
import { bookAssessment, moveBooking } from '../bookings.ts';
import type { AppContext } from '../context.ts';
import { AppError, conflict, forbidden } from '../errors.ts';
import type { AcceptRequest } from './inputs.ts';
import { getProposal } from './proposals.ts';
import type { ProposalOutcome, ProposalView } from './views.ts';

function refusalOf(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  throw error;
}

export async function acceptProposal(ctx: AppContext, actor: Actor, id: string, input: AcceptRequest): Promise<ProposalView> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const view = await getProposal(ctx, actor, id);
  const only = input.only ? new Set(input.only) : null;
  const known = new Set([...view.placements.map((p) => p.key), ...view.moved.map((m) => m.key)]);
  const unknown = [...(only ?? [])].filter((k) => !known.has(k));
  if (unknown.length > 0) throw conflict('NOT_IN_PROPOSAL', `the proposal has no ${unknown.slice(0, 3).join(', ')}`, { unknown: unknown.slice(0, 20) });
  const claimed = await claimProposal(ctx.db, id);
  if (!claimed) {
    const now = await getProposal(ctx, actor, id);
    throw conflict('PROPOSAL_NOT_OPEN', `this proposal is ${now.status}: only a proposed one is accepted`);
  }
  const outcome: ProposalOutcome = { booked: [], moved: [], refused: [] };
  let failed = false;
  try {
    // Moves first: a freed slot may be what a new booking needs.
    for (const m of view.moved) {
      if (only && !only.has(m.key)) continue;
      try {
        const moved = await moveBooking(ctx, actor, m.bookingId, { version: m.bookingVersion, date: m.date, startTime: m.start, assessorId: m.assessorId });
        outcome.moved.push({ key: m.key, bookingId: moved.id });
      } catch (error) {
        outcome.refused.push({ key: m.key, ...refusalOf(error) });
      }
    }
    for (const p of view.placements) {
      if (only && !only.has(p.key)) continue;
      try {
        const booked = await bookAssessment(ctx, actor, p.recordId, {
          method: p.method,
          date: p.date,
          startTime: p.start,
          assessorId: p.assessorId,
          venue: p.venue,
        });
        outcome.booked.push({ key: p.key, bookingId: booked.id });
      } catch (error) {
        outcome.refused.push({ key: p.key, ...refusalOf(error) });
      }
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Written whatever happens: what was done is on record, and a failure midway leaves the proposal open to accept again.
    await finishProposal(
      ctx.db,
      id,
      actor.userId,
      outcome,
      {
        actorId: actor.userId,
        actor: actor.name,
        action: 'accept',
        entity: 'schedule-proposal',
        entityId: id,
        after: {
          booked: outcome.booked.length,
          moved: outcome.moved.length,
          refused: outcome.refused.map((r) => ({ key: r.key, code: r.code })),
          stopped: failed,
        },
      },
      failed,
    );
  }
  return getProposal(ctx, actor, id);
}
