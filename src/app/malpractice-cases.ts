// A malpractice case as the EPAO's compliance staff investigate it: the allegation, whom it
// concerns, the result it holds, and its log of notes. Only the EPAO's admins see a case (004
// Section 6: reports are "restricted to personnel involved in compliance checks"), and never
// the person it concerns. Opening, reporting and deciding are src/app/malpractice.ts.
import type { Actor } from '../domain/access/access.ts';
import { caseDeciderConflict } from '../domain/quality/malpractice.ts';
import { appendAudit } from '../store/audit.ts';
import { caseDetail, insertNote, nameablePeople, notesOf, openCaseOf } from '../store/repositories/malpractice.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import { assertCanSee } from './records.ts';

async function caseFor(ctx: AppContext, actor: Actor, caseId: string) {
  if (actor.role !== 'epao-admin') throw forbidden('malpractice cases are for the EPAO’s compliance staff');
  const detail = isUuid(caseId) ? await caseDetail(ctx.db, caseId) : undefined;
  if (!detail) throw notFound(`malpractice case ${caseId}`);
  const concerned = caseDeciderConflict(actor.userId, detail.concernsUserId);
  if (concerned) throw refused(concerned.code, concerned.message, [concerned]);
  return detail;
}

/** The case with its log of notes, oldest first. */
export async function getMalpracticeCase(ctx: AppContext, actor: Actor, caseId: string) {
  const detail = await caseFor(ctx, actor, caseId);
  return { ...detail, log: await notesOf(ctx.db, detail.id) };
}

/** A note in the case's log: what was looked at, who was spoken to, what was found. */
export async function addCaseNote(ctx: AppContext, actor: Actor, caseId: string, input: { note: string }) {
  const detail = await caseFor(ctx, actor, caseId);
  if (detail.status !== 'open') throw conflict('CASE_DECIDED', `the case was already decided (${detail.status})`);
  await inTransaction(ctx.db, async (trx) => {
    await insertNote(trx, { caseId: detail.id, writtenBy: actor.userId, writtenAt: ctx.now(), note: input.note });
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'note', entity: 'malpractice-case', entityId: detail.id, after: input });
  });
  return getMalpracticeCase(ctx, actor, caseId);
}

/** What a reporter may name on the report form: the record's assessors and the EPAO's staff; and, for the EPAO, the case open now. */
export async function reportChoices(ctx: AppContext, actor: Actor, recordId: string) {
  await assertCanSee(ctx, actor, recordId);
  return {
    people: await nameablePeople(ctx.db, recordId),
    openCaseId: actor.role === 'epao-admin' ? ((await openCaseOf(ctx.db, recordId)) ?? null) : null,
  };
}

/** An audit entry about a case is not shown to the person the case concerns (its allegation and notes are in it). */
export async function assertMayReadCaseEntry(ctx: AppContext, actor: Actor, entry: { entity: string; entityId: string }): Promise<void> {
  if (entry.entity !== 'malpractice-case' || !isUuid(entry.entityId)) return;
  const detail = await caseDetail(ctx.db, entry.entityId);
  if (detail && caseDeciderConflict(actor.userId, detail.concernsUserId)) throw notFound('audit entry');
}
