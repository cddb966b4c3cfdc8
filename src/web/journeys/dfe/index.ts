// The DfE submissions page: what is queued for, sent to, accepted or refused by the Assessor
// Service, with DfE's messages in its own words and Capstone's reasons in plain ones; a
// refused or held item sent again once put right, a waiting certificate released early with
// a reason. An adapter: src/app/dfe/queue.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordIlrFamilyName } from '../../../app/dfe/ilr-name.ts';
import { DFE_STATES, dfeQueue, releaseCertificateEarly, resendDfeItem } from '../../../app/dfe/queue.ts';
import { AppError } from '../../../app/errors.ts';
import type { Role } from '../../../domain/access/access.ts';
import type { DfeState } from '../../../store/schema-dfe.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, formBody, handle, one, type PageHandler, type Services } from '../kit.ts';
import { learnerLookupRoutes } from './learner.ts';

const STATE_NAMES: Record<DfeState, string> = {
  queued: 'Waiting to be sent',
  held: 'Held back by Capstone',
  sent: 'Created at DfE, to submit',
  rejected: 'Refused by DfE',
  submitted: 'Submitted for printing',
  done: 'Done',
};

async function showQueue({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const query = request.query as Record<string, unknown>;
  const state = DFE_STATES.includes(query.state as DfeState) ? (query.state as DfeState) : undefined;
  const after = typeof query.after === 'string' ? query.after : undefined;
  const queue = await dfeQueue(ctx, actorOf(request), { ...(state ? { state } : {}), ...(after ? { after } : {}) });
  return view(
    request,
    reply,
    'dfe-submissions.njk',
    {
      title: 'DfE submissions',
      queue,
      state: state ?? null,
      states: DFE_STATES.map((s) => ({ value: s, text: STATE_NAMES[s], count: queue.counts[s] })),
      stateNames: STATE_NAMES,
      done: query.done ?? null,
      errors: [],
      ...extra,
    },
    status,
  );
}

/** An action refused is shown above the list, in plain words. */
async function act(services: Services, request: FastifyRequest, reply: FastifyReply, action: () => Promise<void>, done: string) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    return showQueue(services, request, reply, { errors: [{ text: plainEnglish(error), href: '#dfe-items' }] }, error.status);
  }
  return reply.redirect(`/admin/dfe?done=${done}`, 303);
}

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function dfePageRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const admin = { config: { roles: ['epao-admin'] as Role[] } };
  return async (app) => {
    app.get(
      '/admin/dfe',
      admin,
      on((s, rq, rp) => showQueue(s, rq, rp)),
    );
    const lookup = learnerLookupRoutes(services);
    app.get(lookup.path, { config: { roles: [...lookup.roles] as Role[] } }, lookup.handler);
    app.post(
      '/admin/dfe/:id/resend',
      admin,
      on((s, rq, rp) => act(s, rq, rp, () => resendDfeItem(s.ctx, actorOf(rq), idOf(rq)), 'resend')),
    );
    app.post(
      '/admin/dfe/records/:id/ilr-name',
      admin,
      on((s, rq, rp) => {
        const name = one(formBody(rq), 'ilrFamilyName').trim();
        if (!name || name.length > 100)
          return showQueue(s, rq, rp, { errors: [{ text: 'Enter the family name as the ILR spells it, up to 100 characters', href: '#dfe-items' }] }, 400);
        return act(s, rq, rp, async () => void (await recordIlrFamilyName(s.ctx, actorOf(rq), idOf(rq), name)), 'renamed');
      }),
    );
    app.post(
      '/admin/dfe/:id/release-early',
      admin,
      on((s, rq, rp) => {
        const reason = one(formBody(rq), 'reason').trim();
        if (!reason)
          return showQueue(s, rq, rp, { errors: [{ text: 'Enter why the certificate goes before its appeal wait ends', href: `#reason-${idOf(rq)}` }] }, 400);
        return act(s, rq, rp, () => releaseCertificateEarly(s.ctx, actorOf(rq), idOf(rq), reason.slice(0, 2000)), 'released');
      }),
    );
  };
}
