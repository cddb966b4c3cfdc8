// Bulk actions from the apprentices list: the selection is sent from a work queue's page,
// each record goes through its own use-case, and the outcome page says what was done for
// each apprentice and what was not, and why.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type BulkOutcome, chaseReminders, claimCertificates, reassignBookings, releaseResults } from '../../app/bulk-actions.ts';
import { AppError } from '../../app/errors.ts';
import type { Actor } from '../../domain/access/access.ts';
import { plainEnglish } from '../messages.ts';
import { actorOf, type FormBody, formBody, handle, many, one, type Services } from './kit.ts';

type BulkAction = {
  title: string;
  action: string;
  back: string;
  run: (ctx: Services['ctx'], actor: Actor, recordIds: readonly string[], form: FormBody) => Promise<BulkOutcome[]>;
};

const CLAIM: BulkAction = {
  title: 'Certificates claimed',
  action: 'Certificate claimed',
  back: '/apprentices?queue=certificates-to-claim',
  run: claimCertificates,
};
const RELEASE: BulkAction = { title: 'Results released', action: 'Result released', back: '/apprentices?queue=ready-to-release', run: releaseResults };

async function runSelected(bulk: BulkAction, { ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const selected = many(formBody(request), 'record');
  try {
    const outcomes = await bulk.run(ctx, actorOf(request), selected, formBody(request));
    return view(request, reply, 'bulk-outcome.njk', {
      title: bulk.title,
      action: bulk.action,
      outcomes: outcomes.map((o) => (o.done ? o : { ...o, message: plainEnglish(o) })),
      done: outcomes.filter((o) => o.done).length,
      back: bulk.back,
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    return view(
      request,
      reply,
      'bulk-outcome.njk',
      { title: bulk.title, errors: [{ text: plainEnglish(error), href: '#outcomes' }], outcomes: [], done: 0, back: bulk.back },
      400,
    );
  }
}

const REASSIGN: BulkAction = {
  title: 'Bookings moved to another assessor',
  action: 'Booking moved',
  back: '/apprentices',
  run: (ctx, actor, recordIds, form) => reassignBookings(ctx, actor, recordIds, { to: one(form, 'assessorId') ?? '', from: one(form, 'from') || undefined }),
};

const CHASE: BulkAction = { title: 'Reminders sent', action: 'Reminded', back: '/apprentices?overdue=true', run: chaseReminders };

export const claimSelected = (services: Services, request: FastifyRequest, reply: FastifyReply) => runSelected(CLAIM, services, request, reply);
export const releaseSelected = (services: Services, request: FastifyRequest, reply: FastifyReply) => runSelected(RELEASE, services, request, reply);
export const chaseSelected = (services: Services, request: FastifyRequest, reply: FastifyReply) => runSelected(CHASE, services, request, reply);
export const reassignSelected = (services: Services, request: FastifyRequest, reply: FastifyReply) => runSelected(REASSIGN, services, request, reply);

export function bulkRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.post('/apprentices/bulk/claim-certificates', { config: { roles: ['epao-admin'] } }, handle(services, claimSelected));
    app.post('/apprentices/bulk/release-results', { config: { roles: ['epao-admin'] } }, handle(services, releaseSelected));
    app.post('/apprentices/bulk/reassign-bookings', { config: { roles: ['epao-admin'] } }, handle(services, reassignSelected));
    app.post('/apprentices/bulk/send-reminders', { config: { roles: ['epao-admin'] } }, handle(services, chaseSelected));
  };
}
