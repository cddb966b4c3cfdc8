// The audit sequencer: one at a time across every process (a transaction-scoped advisory
// lock), it gives the committed entries their place in a fixed order, grows the Merkle
// tree, and writes a signed checkpoint to the database and to the checkpoints file outside
// it. Writers never wait for it; it runs at least every second while Capstone runs.
import { appendFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { type Checkpoint, checkpointText, entryLeaf } from '../domain/audit/log.ts';
import { appendLeaf, type Frontier, frontierRoot } from '../domain/audit/merkle.ts';
import { readCheckpointsFile, storedCheckpoints, toEntry } from './audit.ts';
import type { AuditSigner } from './audit-key.ts';
import type { Db } from './database.ts';

/** pg_try_advisory_xact_lock's key: 'capstone audit sequencer' hashed once. */
const LOCK_KEY = 7_315_020_261;
/** Entries per checkpoint at most, so one pass stays short under a backlog. */
const MAX_BATCH = 5_000;

export type SequencerOptions = { signer: AuditSigner; checkpointsFile?: string; now?: () => Date };

/** One pass: sequences what is waiting and signs a checkpoint. Returns the entries sequenced. */
export async function sequenceOnce(db: Db, options: SequencerOptions): Promise<Checkpoint | null> {
  const checkpoint = await db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return null;
    const rows = await trx.selectFrom('auditLog').selectAll().where('seq', 'is', null).orderBy('id').limit(MAX_BATCH).execute();
    if (rows.length === 0) return null;
    const last = await trx.selectFrom('auditCheckpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
    const previousSize = Number(last?.size ?? 0);
    let frontier: Frontier = (last?.frontier ?? []).map((h) => Buffer.from(h, 'hex'));
    const leaves: string[] = [];
    const ids: number[] = [];
    const seqs: number[] = [];
    rows.forEach((r, i) => {
      const seq = previousSize + i + 1;
      const leaf = entryLeaf(toEntry({ ...r, seq }));
      frontier = appendLeaf(frontier, seq - 1, leaf);
      leaves.push(leaf.toString('hex'));
      ids.push(Number(r.id));
      seqs.push(seq);
    });
    await sql`update audit_log set seq = v.seq from (select unnest(${ids}::bigint[]) as id, unnest(${seqs}::bigint[]) as seq) v where audit_log.id = v.id`.execute(
      trx,
    );
    const unsigned = { size: previousSize + rows.length, root: frontierRoot(frontier).toString('hex'), at: (options.now?.() ?? new Date()).toISOString() };
    const signed: Checkpoint = { ...unsigned, previousSize, leaves, signature: options.signer.sign(checkpointText(unsigned)) };
    await trx
      .insertInto('auditCheckpoints')
      .values({
        ...signed,
        leaves: JSON.stringify(leaves),
        frontier: JSON.stringify(frontier.map((h) => h.toString('hex'))),
        keyId: options.signer.keyId,
      })
      .execute();
    return signed;
  });
  if (checkpoint && options.checkpointsFile) await catchUpFile(db, options.checkpointsFile);
  return checkpoint;
}

let fileSize = new Map<string, number>();

/** Appends to the file every checkpoint it does not hold yet (also those a crash kept from it). */
async function catchUpFile(db: Db, file: string): Promise<void> {
  if (!fileSize.has(file)) fileSize.set(file, existsSync(file) ? Math.max(0, ...readCheckpointsFile(file).map((c) => c.size)) : 0);
  const known = fileSize.get(file) ?? 0;
  const missing = (await storedCheckpoints(db)).filter((c) => c.size > known);
  if (missing.length === 0) return;
  const lines = missing.map(({ size, previousSize, root, at, leaves, signature }) => JSON.stringify({ size, previousSize, root, at, leaves, signature }));
  appendFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  fileSize.set(file, missing.at(-1)?.size ?? known);
}

export function forgetFileState(): void {
  fileSize = new Map();
}

export type RunningSequencer = { stop(): Promise<void> };

/** Runs sequenceOnce every `intervalMs` (no overlap); errors are logged and retried next tick. */
export function startSequencer(db: Db, options: SequencerOptions & { intervalMs?: number; log?: (message: string) => void }): RunningSequencer {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    current = sequenceOnce(db, options)
      .then(async (c) => {
        // A backlog drains without waiting a whole interval between batches.
        while (!stopped && c && c.size - c.previousSize >= MAX_BATCH) c = await sequenceOnce(db, options);
      })
      .catch((error: Error) => options.log?.(`audit sequencer: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 500);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
