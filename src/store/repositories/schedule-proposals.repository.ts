// Schedule proposals as kept for review: written once by the scheduler, claimed by one
// acceptance (proposed → accepting, in one statement, so two admins cannot both book it),
// and closed with what accepting it did.
import { sql } from 'kysely';
import { type AuditInput, appendAudit } from '../audit.ts';
import type { Db } from '../database.ts';

export type StoredProposal = {
  id: string;
  kind: 'schedule' | 'replan';
  status: 'proposed' | 'accepting' | 'accepted' | 'discarded';
  proposedBy: string;
  proposedAt: Date;
  scheduleFrom: string;
  scheduleTo: string;
  standard: string | null;
  proposal: unknown;
  claimedAt: Date | null;
  acceptedBy: string | null;
  acceptedAt: Date | null;
  outcome: unknown;
};

export async function insertProposal(
  db: Db,
  row: { kind: 'schedule' | 'replan'; proposedBy: string; scheduleFrom: string; scheduleTo: string; standard: string | null; proposal: unknown },
  audit: (id: string) => AuditInput,
): Promise<StoredProposal> {
  return db.transaction().execute(async (tx) => {
    const stored = await tx
      .insertInto('scheduleProposals')
      .values({ ...row, proposal: JSON.stringify(row.proposal) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, audit(stored.id));
    return stored as StoredProposal;
  });
}

export async function findProposal(db: Db, id: string): Promise<StoredProposal | undefined> {
  return (await db.selectFrom('scheduleProposals').selectAll().where('id', '=', id).executeTakeFirst()) as StoredProposal | undefined;
}

/** The newest first, a page at a time after `before` (keyset on proposed_at, id). */
export async function listProposals(db: Db, page: { limit: number; before?: { at: Date; id: string } }) {
  return db
    .selectFrom('scheduleProposals')
    .select([
      'id',
      'kind',
      'status',
      'proposedAt',
      'scheduleFrom',
      'scheduleTo',
      'standard',
      sql<number>`jsonb_array_length(proposal -> 'placements')`.as('placements'),
      sql<number>`jsonb_array_length(proposal -> 'unplaced')`.as('unplaced'),
    ])
    .$if(page.before !== undefined, (q) =>
      q.where((eb) => eb(eb.refTuple('proposedAt', 'id'), '<', eb.tuple(page.before?.at as Date, page.before?.id as string))),
    )
    .orderBy('proposedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}

/**
 * Takes the proposal for accepting, or nothing when it is not (or no longer) proposed. A claim
 * older than 30 minutes was left by a process that stopped mid-way: it is taken again (what
 * was booked then is refused as booked already, and reported).
 */
export async function claimProposal(db: Db, id: string): Promise<StoredProposal | undefined> {
  return (await db
    .updateTable('scheduleProposals')
    .set({ status: 'accepting', claimedAt: new Date() })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('status', '=', 'proposed'), eb.and([eb('status', '=', 'accepting'), eb('claimedAt', '<', sql<Date>`now() - interval '30 minutes'`)])]),
    )
    .returningAll()
    .executeTakeFirst()) as StoredProposal | undefined;
}

/** `reopen`: the acceptance stopped on an unexpected failure; the proposal is open again (what was booked is refused as booked already when it is accepted again). */
export async function finishProposal(db: Db, id: string, by: string, outcome: unknown, audit: AuditInput, reopen = false): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('scheduleProposals')
      .set(
        reopen
          ? { status: 'proposed', claimedAt: null, outcome: JSON.stringify(outcome) }
          : { status: 'accepted', acceptedBy: by, acceptedAt: new Date(), outcome: JSON.stringify(outcome) },
      )
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, audit);
  });
}

/** A proposal nobody will accept: discarded, with its audit entry. Only a proposed one. */
export async function discardProposal(db: Db, id: string, audit: AuditInput): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('scheduleProposals')
      .set({ status: 'discarded' })
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return false;
    await appendAudit(tx, audit);
    return true;
  });
}
