// Appends to the audit chain inside the caller's transaction, and reads it back to verify.
import { sql } from 'kysely';
import { type AuditContent, type AuditEntry, type ChainBreak, entryHash, verifyChain } from '../domain/audit/chain.ts';
import type { Db } from './database.ts';

export type AuditInput = { actorId: string | null; actor: string; action: string; entity: string; entityId: string; before?: unknown; after?: unknown };

/** Plain JSON (dates as ISO strings), exactly as jsonb will give it back. */
const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Must run inside a transaction: the head row lock orders concurrent writers. */
export async function appendAudit(trx: Db, input: AuditInput): Promise<number> {
  const head = await sql<{ seq: number; hash: string }>`select seq, hash from audit_head where id for update`.execute(trx);
  const last = head.rows[0];
  if (!last) throw new Error('the audit chain has no head row');
  const content: AuditContent = {
    seq: Number(last.seq) + 1,
    at: new Date().toISOString(),
    actorId: input.actorId,
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    before: plain(input.before),
    after: plain(input.after),
  };
  const hash = entryHash(last.hash, content);
  // The entry and the new head in one statement: one round trip while the head is locked.
  await sql`
    with entry as (
      insert into audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash)
      values (${content.seq}, ${content.at}, ${content.actorId}, ${content.actor}, ${content.action}, ${content.entity}, ${content.entityId},
              ${JSON.stringify(content.before)}::jsonb, ${JSON.stringify(content.after)}::jsonb, ${last.hash}, ${hash})
      returning seq, hash
    )
    update audit_head set seq = entry.seq, hash = entry.hash from entry where audit_head.id`.execute(trx);
  return content.seq;
}

export async function verifyAudit(db: Db): Promise<{ entries: number; breaks: ChainBreak[] }> {
  const rows = await db.selectFrom('auditLog').selectAll().orderBy('seq').execute();
  const head = await db.selectFrom('auditHead').select(['seq', 'hash']).executeTakeFirstOrThrow();
  const entries: AuditEntry[] = rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  return { entries: entries.length, breaks: verifyChain(entries, { seq: Number(head.seq), hash: head.hash }) };
}
