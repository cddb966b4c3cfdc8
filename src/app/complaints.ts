// Complaints (004 Section 6 names the EPAO's complaints policy): anyone signed in makes one,
// about an apprentice's EPA they may see or about the service; the EPAO acknowledges it and
// responds, each by its deadline in working days from receipt (domain/casework/deadlines.ts,
// the EPAO's settings), and the complainant is e-mailed at each step and follows it on its page.
import type { Actor } from '../domain/access/access.ts';
import { stepDeadlines, stepDue } from '../domain/casework/deadlines.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  acknowledgeComplaintRow,
  type ComplaintDetail,
  complaintDetail,
  complaintsPage,
  insertComplaint,
  lockComplaint,
  respondToComplaintRow,
} from '../store/repositories/complaints.repository.ts';
import { writeMail } from '../store/repositories/outbox.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { complaintTimings, publicUrl } from './epao-settings.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import { composeMail } from './mail-templates.ts';
import { assertCanSee } from './records.ts';

const isEpao = (actor: Actor) => actor.role === 'epao-admin';

/** No address is shown: the complainant's is the EPAO's to use. */
function viewOf(ctx: AppContext, c: ComplaintDetail) {
  const deadlines = stepDeadlines(c.receivedOn, complaintTimings(), ctx.holidays);
  const { complainantEmail: _email, ...shown } = c;
  return { ...shown, deadlines, due: stepDue({ answered: c.respondedOn !== null, acknowledgedOn: c.acknowledgedOn }, deadlines, today(ctx)) };
}

export type ComplaintView = ReturnType<typeof viewOf>;

export type ComplaintRequest = { subject: string; details: string; recordId?: string };

export async function makeComplaint(ctx: AppContext, actor: Actor, input: ComplaintRequest): Promise<ComplaintView> {
  // About an apprentice's EPA: only one the complainant may see.
  if (input.recordId) await assertCanSee(ctx, actor, input.recordId);
  const id = await inTransaction(ctx.db, async (trx) => {
    const receivedOn = today(ctx);
    const made = await insertComplaint(trx, {
      complainantId: actor.userId,
      epaRecordId: input.recordId ?? null,
      subject: input.subject,
      details: input.details,
      receivedOn,
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'complain',
      entity: 'complaint',
      entityId: made.id,
      after: { ...input, receivedOn },
    });
    return made.id;
  });
  return getComplaint(ctx, actor, id);
}

/** The complaint, for its complainant and the EPAO. */
export async function getComplaint(ctx: AppContext, actor: Actor, id: string): Promise<ComplaintView> {
  const c = isUuid(id) ? await complaintDetail(ctx.db, id) : undefined;
  if (!c || (!isEpao(actor) && c.complainantId !== actor.userId)) throw notFound(`complaint ${id}`);
  return viewOf(ctx, c);
}

/** The EPAO's open complaints, or the actor's own, oldest first, a page at a time. */
export async function listComplaints(ctx: AppContext, actor: Actor, options: { after?: { receivedOn: string; id: string }; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await complaintsPage(ctx.db, { ...options, limit, ...(isEpao(actor) ? { open: true } : { complainantId: actor.userId }) });
  return rows.map((c) => viewOf(ctx, c));
}

async function openComplaint(trx: Db, id: string) {
  const c = isUuid(id) ? await lockComplaint(trx, id) : undefined;
  if (!c) throw notFound(`complaint ${id}`);
  if (c.respondedOn) throw conflict('COMPLAINT_ANSWERED', `the complaint was answered on ${c.respondedOn}`);
  return c;
}

async function tellComplainant(ctx: AppContext, trx: Db, id: string, kind: 'complaint-acknowledged' | 'complaint-responded') {
  const c = await complaintDetail(trx, id);
  if (!c) return;
  const deadlines = stepDeadlines(c.receivedOn, complaintTimings(), ctx.holidays);
  const values = {
    name: c.complainantName,
    subject: c.subject,
    receivedOn: c.receivedOn,
    respondBy: deadlines.answerBy,
    response: c.response ?? '',
    link: `${publicUrl()}/complaints/${c.id}`,
  };
  await writeMail(trx, [await composeMail(trx, kind, c.complainantEmail, values, `complaint:${c.id}:${kind}`)]);
}

export async function acknowledgeComplaint(ctx: AppContext, actor: Actor, id: string): Promise<ComplaintView> {
  if (!isEpao(actor)) throw forbidden('the EPAO acknowledges a complaint');
  await inTransaction(ctx.db, async (trx) => {
    const c = await openComplaint(trx, id);
    if (c.acknowledgedOn) throw conflict('COMPLAINT_ACKNOWLEDGED', `the complaint was acknowledged on ${c.acknowledgedOn}`);
    const on = today(ctx);
    await acknowledgeComplaintRow(trx, c.id, on, actor.userId);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'acknowledge',
      entity: 'complaint',
      entityId: c.id,
      after: { acknowledgedOn: on },
    });
    await tellComplainant(ctx, trx, c.id, 'complaint-acknowledged');
  });
  return getComplaint(ctx, actor, id);
}

export async function respondToComplaint(ctx: AppContext, actor: Actor, id: string, input: { response: string }): Promise<ComplaintView> {
  if (!isEpao(actor)) throw forbidden('the EPAO responds to a complaint');
  await inTransaction(ctx.db, async (trx) => {
    const c = await openComplaint(trx, id);
    const on = today(ctx);
    await respondToComplaintRow(trx, c.id, { respondedOn: on, respondedBy: actor.userId, response: input.response });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'respond',
      entity: 'complaint',
      entityId: c.id,
      after: { respondedOn: on, response: input.response },
    });
    await tellComplainant(ctx, trx, c.id, 'complaint-responded');
  });
  return getComplaint(ctx, actor, id);
}
