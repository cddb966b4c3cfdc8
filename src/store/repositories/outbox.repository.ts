// The mail outbox in the database: rows use-cases wrote, claimed one at a time to deliver.
import type { Db } from '../database.ts';

/** Marks every unsent row delivered (mail kept in the outbox); how many. */
export async function markAllDelivered(db: Db, at: Date): Promise<number> {
  return (await db.updateTable('outbox').set({ sentAt: at }).where('sentAt', 'is', null).returning('id').execute()).length;
}

/**
 * The oldest unsent row not among `skip`, locked for this transaction; rows another
 * process holds are passed over (SKIP LOCKED), so no message is sent twice.
 */
export async function claimUnsent(tx: Db, skip: readonly string[]): Promise<{ id: string; toAddress: string; subject: string; body: string } | undefined> {
  return tx
    .selectFrom('outbox')
    .select(['id', 'toAddress', 'subject', 'body'])
    .where('sentAt', 'is', null)
    .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markSent(tx: Db, id: string, at: Date): Promise<void> {
  await tx.updateTable('outbox').set({ sentAt: at }).where('id', '=', id).execute();
}

/** A message for the outbox; one with a dedupe key already there is not written again. */
export type MailRow = { toAddress: string; subject: string; body: string; kind: string; dedupeKey: string; createdAt?: Date };

/** How many outbox rows one INSERT writes: well under PostgreSQL's 65535 parameters at six a row. */
const OUTBOX_BATCH = 500;

/** Writes the rows in the caller's transaction, so mail goes exactly when the change commits; how many were new. */
export async function writeMail(tx: Db, rows: readonly MailRow[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += OUTBOX_BATCH) {
    const inserted = await tx
      .insertInto('outbox')
      .values(rows.slice(i, i + OUTBOX_BATCH))
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .execute();
    written += inserted.length;
  }
  return written;
}

/** The addresses a record's news goes to (its provider's and employer's users, and the apprentice: their own address and their user's, none disabled), and the apprentice's name. */
export async function recordPartyAddresses(db: Db, recordId: string): Promise<{ name: string; provider: string[]; employer: string[]; apprentice: string[] }> {
  const who = await db
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select(['apprentices.id', 'apprentices.givenNames', 'apprentices.familyName', 'apprentices.email', 'apprentices.providerId', 'apprentices.employerId'])
    .where('epaRecords.id', '=', recordId)
    .executeTakeFirst();
  if (!who) return { name: '', provider: [], employer: [], apprentice: [] };
  const users = await db
    .selectFrom('users')
    .select(['email', 'role'])
    .where((eb) => eb.or([eb('organisationId', 'in', [who.providerId, who.employerId]), eb('apprenticeId', '=', who.id)]))
    .where('disabledAt', 'is', null)
    .execute();
  const of = (role: string) => [...new Set(users.filter((u) => u.role === role).map((u) => u.email.toLowerCase()))];
  return {
    name: `${who.givenNames} ${who.familyName}`,
    provider: of('provider'),
    employer: of('employer'),
    apprentice: [...new Set([...of('apprentice'), ...(who.email ? [who.email.toLowerCase()] : [])])],
  };
}

/** Keeps a sent message's copy with its secrets hidden. */
export async function replaceBody(tx: Db, id: string, body: string): Promise<void> {
  await tx.updateTable('outbox').set({ body }).where('id', '=', id).execute();
}
