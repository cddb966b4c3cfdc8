// Bulk actions from the apprentices list: the selection is sent from a work queue's page,
// each record goes through its own use-case, and the outcome page says what was done for
// each apprentice and what was not, and why.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { claimCertificates } from '../../app/bulk-actions.ts';
import { AppError } from '../../app/errors.ts';
import { plainEnglish } from '../messages.ts';
import { actorOf, formBody, handle, many, type Services } from './kit.ts';

export async function claimSelected({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const selected = many(formBody(request), 'record');
  try {
    const outcomes = await claimCertificates(ctx, actorOf(request), selected);
    return view(request, reply, 'bulk-outcome.njk', {
      title: 'Certificates claimed',
      action: 'Certificate claimed',
      outcomes: outcomes.map((o) => (o.done ? o : { ...o, message: plainEnglish(o) })),
      done: outcomes.filter((o) => o.done).length,
      back: '/apprentices?queue=certificates-to-claim',
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    return view(
      request,
      reply,
      'bulk-outcome.njk',
      {
        title: 'Certificates claimed',
        errors: [{ text: plainEnglish(error), href: '#outcomes' }],
        outcomes: [],
        done: 0,
        back: '/apprentices?queue=certificates-to-claim',
      },
      400,
    );
  }
}

export function bulkRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.post('/apprentices/bulk/claim-certificates', { config: { roles: ['epao-admin'] } }, handle(services, claimSelected));
  };
}
