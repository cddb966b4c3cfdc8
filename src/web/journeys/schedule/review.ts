// A proposal's review: the figures before and after, the proposed bookings by date with
// their reasons, the moves, what could not be placed and why; then "Accept and book" or
// "Discard". Accepting books each row through the booking use-case, which checks it again,
// and the page shows what was booked, moved and refused. An adapter: src/app/scheduling decides.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { acceptProposal } from '../../../app/scheduling/accept.ts';
import { discardScheduleProposal, getProposal } from '../../../app/scheduling/proposals.ts';
import type { ProposalView } from '../../../app/scheduling/views.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, type ErrorItem, type Services } from '../kit.ts';
import { figureRows, ROWS_PER_PAGE, reviewTables, STATUS_NAMES } from './review-rows.ts';

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

const DONE = new Set(['accepted', 'discarded']);

function titleOf(p: Pick<ProposalView, 'kind' | 'status'>): string {
  const what = p.kind === 'replan' ? 're-plan' : 'schedule';
  if (p.status === 'accepted') return `The accepted ${what}`;
  if (p.status === 'discarded') return `The discarded ${what}`;
  return `Review the proposed ${what}`;
}

export async function showReview({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, errors: ErrorItem[] = [], status = 200) {
  const proposal = await getProposal(ctx, actorOf(request), idOf(request)).catch(asPage);
  const query = request.query as Record<string, unknown>;
  const done = typeof query.done === 'string' && DONE.has(query.done) ? query.done : null;
  return view(
    request,
    reply,
    'schedule-review.njk',
    {
      title: titleOf(proposal),
      proposal,
      statusName: STATUS_NAMES[proposal.status],
      figures: figureRows(proposal),
      tables: reviewTables(proposal, query),
      rowsPerPage: ROWS_PER_PAGE,
      toBook: proposal.placements.length + proposal.moved.length,
      done: errors.length ? null : done,
      errors,
    },
    status,
  );
}

/** Accepts or discards; a refusal (the proposal no longer open, say) comes back on the review, above the buttons. */
async function decide(services: Services, request: FastifyRequest, reply: FastifyReply, action: () => Promise<unknown>, done: string) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    if (error.status === 404) return asPage(error);
    return showReview(services, request, reply, [{ text: plainEnglish(error), href: '#proposal-summary' }], error.status);
  }
  return reply.redirect(`/admin/schedule/proposals/${idOf(request)}?done=${done}`, 303);
}

export const acceptFromReview = (services: Services, request: FastifyRequest, reply: FastifyReply) =>
  decide(services, request, reply, () => acceptProposal(services.ctx, actorOf(request), idOf(request), {}), 'accepted');

export const discardFromReview = (services: Services, request: FastifyRequest, reply: FastifyReply) =>
  decide(services, request, reply, () => discardScheduleProposal(services.ctx, actorOf(request), idOf(request)), 'discarded');
