// The EPAO's view of the DfE queue: what waits, what was sent, what DfE accepted or refused
// (with its messages in plain words), and the two things a person does about an item: send
// it again once the data is put right, or release a certificate before its appeal wait ends.
import type { Actor } from '../../domain/access/access.ts';
import { appendAudit } from '../../store/audit.ts';
import { itemCounts, listItems, lockItem, releaseItemEarly, requeueItem } from '../../store/repositories/dfe.repository.ts';
import type { DfeState } from '../../store/schema-dfe.ts';
import { inTransaction } from '../../store/transaction.ts';
import { type AppContext, today } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { describeDfeSettings, dfeSettings } from './settings.ts';

const assertAdmin = (actor: Actor) => {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO manages what is sent to the DfE');
};

export const DFE_STATES: readonly DfeState[] = ['queued', 'held', 'sent', 'rejected', 'submitted', 'done'];
const PAGE = 50;

/** A page of items (all, or in one state), newest change first, with the counts and the connection (never its key). */
export async function dfeQueue(ctx: AppContext, actor: Actor, options: { state?: DfeState; after?: string } = {}) {
  assertAdmin(actor);
  const [at, id] = (options.after ?? '').split('_');
  const after = at && id && isUuid(id) && !Number.isNaN(Date.parse(at)) ? { updatedAt: new Date(at), id } : undefined;
  const rows = await listItems(ctx.db, { ...(options.state ? { state: options.state } : {}), ...(after ? { after } : {}), limit: PAGE + 1 });
  const items = rows.slice(0, PAGE).map((r) => ({
    ...r,
    problems: r.problems.map((p) => ({ code: p.code, message: p.message, source: p.source ?? null })),
    sentAt: r.sentAt ? new Date(r.sentAt).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
    waitsUntil: r.kind === 'certificate' && r.state === 'queued' && r.notBefore && r.notBefore > today(ctx) && !r.releasedEarlyBy ? r.notBefore : null,
  }));
  const last = rows.length > PAGE ? items.at(-1) : undefined;
  return {
    items,
    next: last ? `${last.updatedAt}_${last.id}` : null,
    counts: await itemCounts(ctx.db),
    settings: describeDfeSettings(dfeSettings()),
  };
}

/** Sends an item again on the next run, once whatever held it or made DfE refuse it is put right. */
export async function resendDfeItem(ctx: AppContext, actor: Actor, id: string) {
  assertAdmin(actor);
  if (!isUuid(id)) throw notFound(`DfE item ${id}`);
  await inTransaction(ctx.db, async (trx) => {
    const item = await lockItem(trx, id);
    if (!item) throw notFound(`DfE item ${id}`);
    if (item.state !== 'held' && item.state !== 'rejected')
      throw conflict('DFE_NOT_REFUSED', `the item is ${item.state}: only a held or refused item is sent again`);
    await requeueItem(trx, id, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'resend',
      entity: 'dfe-submission',
      entityId: id,
      before: { state: item.state, problems: item.problems },
    });
  });
}

/** Lets a certificate go before its appeal wait ends, for a reason the audit log keeps. */
export async function releaseCertificateEarly(ctx: AppContext, actor: Actor, id: string, reason: string) {
  assertAdmin(actor);
  if (!isUuid(id)) throw notFound(`DfE item ${id}`);
  await inTransaction(ctx.db, async (trx) => {
    const item = await lockItem(trx, id);
    if (!item) throw notFound(`DfE item ${id}`);
    if (item.kind !== 'certificate' || item.state !== 'queued' || !item.notBefore || item.notBefore <= today(ctx) || item.releasedEarlyBy)
      throw conflict('DFE_NOT_WAITING', 'only a certificate still waiting for its appeal window is released early');
    await releaseItemEarly(trx, id, actor.userId, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'release-early',
      entity: 'dfe-submission',
      entityId: id,
      after: { reason, notBefore: item.notBefore },
    });
  });
}
