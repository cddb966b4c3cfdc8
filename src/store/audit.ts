// The audit log in the database: entries are inserted inside the caller's transaction with
// no lock on anything shared (the sequencer orders them later), read back to verify, and
// proven one at a time.
import { existsSync, readFileSync } from 'node:fs';
import { type RawBuilder, sql } from 'kysely';
import { type AuditReport, type Checkpoint, entryLeaf, type SequencedEntry, verifyLog } from '../domain/audit/log.ts';
import { inclusionProof } from '../domain/audit/merkle.ts';
import type { Db } from './database.ts';

export type AuditInput = { actorId: string | null; actor: string; action: string; entity: string; entityId: string; before?: unknown; after?: unknown };

/** Plain JSON (dates as ISO strings), exactly as jsonb will give it back. */
const plain = (value: unknown): string => JSON.stringify(value === undefined ? null : JSON.parse(JSON.stringify(value)));

const row = (input: AuditInput, at: string) => ({
  at,
  actorId: input.actorId,
  actor: input.actor,
  action: input.action,
  entity: input.entity,
  entityId: input.entityId,
  before: plain(input.before),
  after: plain(input.after),
});

/**
 * The entry as an INSERT to put in the WITH of the statement that makes the change, so
 * one statement (atomic on its own, no BEGIN or COMMIT) writes both: a create's hot path.
 */
export function auditInsert(input: AuditInput) {
  const r = row(input, new Date().toISOString());
  return sql`insert into audit_log (at, actor_id, actor, action, entity, entity_id, before, after)
    values (${r.at}, ${r.actorId}, ${r.actor}, ${r.action}, ${r.entity}, ${r.entityId}, ${r.before}::jsonb, ${r.after}::jsonb)`;
}

/** Entries as one INSERT for a WITH clause, in the order given (their ids follow it). */
export function auditInsertMany(inputs: readonly AuditInput[], when?: RawBuilder<unknown>) {
  const at = new Date().toISOString();
  const values = inputs.map((input) => {
    const r = row(input, at);
    return sql`(${r.at}::timestamptz, ${r.actorId}::uuid, ${r.actor}::text, ${r.action}::text, ${r.entity}::text, ${r.entityId}::text, ${r.before}::jsonb, ${r.after}::jsonb)`;
  });
  const columns = sql`audit_log (at, actor_id, actor, action, entity, entity_id, before, after)`;
  // `when`: written only if the statement's condition holds (a change written against what it read).
  if (when) return sql`insert into ${columns} select * from (values ${sql.join(values)}) as entry where ${when}`;
  return sql`insert into ${columns} values ${sql.join(values)}`;
}

/** Inside the caller's transaction, so the entry commits or rolls back with the change. */
export async function appendAudit(trx: Db, input: AuditInput): Promise<number> {
  const inserted = await trx.insertInto('auditLog').values(row(input, new Date().toISOString())).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

const BATCH = 1_000;

/** Many entries at once (a bulk import): multi-row inserts, still no shared lock. */
export async function appendAuditMany(trx: Db, inputs: readonly AuditInput[]): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < inputs.length; i += BATCH)
    await trx
      .insertInto('auditLog')
      .values(inputs.slice(i, i + BATCH).map((input) => row(input, at)))
      .execute();
}

type EntryRow = {
  id: number;
  seq: number | null;
  at: Date | string;
  actorId: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

export const toEntry = (r: EntryRow): SequencedEntry => ({
  id: Number(r.id),
  seq: Number(r.seq),
  at: new Date(r.at).toISOString(),
  actorId: r.actorId,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: r.before ?? null,
  after: r.after ?? null,
});

export type StoredCheckpoint = Checkpoint & { keyId: string; frontier: string[] };

export async function storedCheckpoints(db: Db): Promise<StoredCheckpoint[]> {
  const rows = await db.selectFrom('auditCheckpoints').selectAll().orderBy('size').execute();
  return rows.map((r) => ({ ...r, size: Number(r.size), previousSize: Number(r.previousSize) }));
}

/** The checkpoints file kept outside the database: one JSON checkpoint a line. */
export function readCheckpointsFile(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  const out: Checkpoint[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Checkpoint);
    } catch {
      // a torn last line (a crash mid-write) is skipped; the database holds the same checkpoint
    }
  }
  return out;
}

export async function verifyAudit(db: Db, options: { publicKeyPem: string; checkpointsFile?: string }): Promise<AuditReport> {
  const rows = await db.selectFrom('auditLog').selectAll().where('seq', 'is not', null).orderBy('seq').execute();
  const waiting = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  const copies: Checkpoint[] = [...(await storedCheckpoints(db)), ...(options.checkpointsFile ? readCheckpointsFile(options.checkpointsFile) : [])];
  return verifyLog(rows.map(toEntry), Number(waiting.n), copies, options.publicKeyPem);
}

export type InclusionProof = {
  entry: SequencedEntry;
  checkpoint: Pick<Checkpoint, 'size' | 'root' | 'at' | 'signature'>;
  /** Hex sibling hashes from the entry's leaf up to the root (RFC 9162 §2.1.3). */
  path: string[];
};

/** The proof that one entry (by id) is in the latest signed tree; null if not yet signed. */
export async function proveEntry(db: Db, entryId: number): Promise<InclusionProof | null> {
  const found = await db.selectFrom('auditLog').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!found || found.seq === null) return null;
  const checkpoints = await storedCheckpoints(db);
  const last = checkpoints.at(-1);
  if (!last || last.size < Number(found.seq)) return null;
  const leaves = checkpoints.flatMap((c) => c.leaves).map((h) => Buffer.from(h, 'hex'));
  const entry = toEntry(found);
  const index = entry.seq - 1;
  if (!entryLeaf(entry).equals(leaves[index] as Buffer)) return null;
  return {
    entry,
    checkpoint: { size: last.size, root: last.root, at: last.at, signature: last.signature },
    path: inclusionProof(index, leaves).map((h) => h.toString('hex')),
  };
}

export async function unsequencedCount(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from audit_log where seq is null`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
