// The IQA's moderation queue (each sample linked to its decision, the batches to sign off),
// with the banner a decision or sign-off comes back to, and signing a batch off.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { methodName } from '../../../app/dashboard.ts';
import { AppError } from '../../../app/errors.ts';
import { isUuid } from '../../../app/ids.ts';
import { moderationCase, moderationQueue, signOffBatch } from '../../../app/moderation.ts';
import { workQueueCounts } from '../../../app/work-queues.ts';
import type { Role } from '../../../domain/access/access.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, type Services } from '../kit.ts';

export const ROLES: readonly Role[] = ['iqa', 'epao-admin'];
export const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

// The queue, with a confirmation after a decision or a sign-off. /iqa shows the same
// template; it is where the decisions come back to, with their banner.
async function queuePage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const queue = await moderationQueue(ctx, actorOf(request));
  return view(
    request,
    reply,
    'iqa.njk',
    {
      title: `${terms.term('moderation')} queue`,
      queue: { ...queue, sampled: queue.sampled.map((s) => ({ ...s, methodName: methodName(ctx, s.standard, s.method) })) },
      queues: await workQueueCounts(ctx, actorOf(request)),
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The banner for ?decided=<assessment>: what the decision was; null for a link it cannot find (a stale one). */
async function decisionBanner(ctx: AppContext, request: FastifyRequest, decided: string): Promise<string | null> {
  const c = await moderationCase(ctx, actorOf(request), decided).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  });
  if (!c?.decision) return null;
  const who = `${c.assessment.apprentice.givenNames} ${c.assessment.apprentice.familyName}’s ${c.assessment.method.name}`;
  return c.decision.status === 'changed'
    ? `You changed the grade of ${who} from ${capital(c.assessment.provisionalGrade ?? '')} to ${capital(c.decision.grade ?? '')}`
    : `You agreed the grade of ${who}: ${capital(c.decision.grade ?? c.assessment.provisionalGrade ?? '')}`;
}

async function decidedBanner(ctx: AppContext, request: FastifyRequest): Promise<string | null> {
  const query = request.query as Record<string, unknown>;
  const decided = typeof query.decided === 'string' ? query.decided : '';
  if (isUuid(decided)) {
    const banner = await decisionBanner(ctx, request, decided);
    if (banner) return banner;
  }
  const signedOff = typeof query['signed-off'] === 'string' ? Number(query['signed-off']) : Number.NaN;
  if (Number.isInteger(signedOff) && signedOff >= 0)
    return signedOff === 0
      ? 'The batch is signed off'
      : `The batch is signed off: ${signedOff} ${signedOff === 1 ? 'result that was not sampled is' : 'results that were not sampled are'} now moderated`;
  return null;
}

/** The queue is the IQA's home page; a decision or sign-off comes back to it with its banner. */
export async function showQueue(services: Services, request: FastifyRequest, reply: FastifyReply) {
  return queuePage(services, request, reply, { banner: await decidedBanner(services.ctx, request) });
}

export async function signOff(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { batchId } = request.params as { batchId: string };
  try {
    const signed = await signOffBatch(services.ctx, actorOf(request), batchId);
    return reply.redirect(`/iqa?signed-off=${signed.signedOff}`, 303);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    if (error.status === 404) return asPage(error);
    return queuePage(services, request, reply, { errors: [{ text: plainEnglish(error), href: '#batches-heading' }] }, error.status);
  }
}
