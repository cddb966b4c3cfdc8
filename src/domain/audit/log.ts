// The audit log as Certificate Transparency keeps one (RFC 9162): entries are written with
// the change they record; a sequencer puts them in order, grows a Merkle tree over them
// and signs a checkpoint (size, root, time) with a key the database never holds. Whoever
// can write to the database can change an entry and every hash stored beside it, but not
// sign a checkpoint, so a rewrite shows against the checkpoints. Altering assessment
// decisions is malpractice (004 Section 6); the platform makes it detectable.
import { createPublicKey, verify } from 'node:crypto';
import { appendLeaf, type Frontier, frontierRoot, type Hash, leafHash, verifyInclusion } from './merkle.ts';

export type AuditContent = {
  /** The database id given at insert; the tree position is the sequence number. */
  id: number;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

export type SequencedEntry = AuditContent & { seq: number };

/** JSON with keys sorted at every level, so the database's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const entryLeaf = (entry: AuditContent): Hash => {
  const { id, at, actorId, actor, action, entity, entityId, before, after } = entry;
  return leafHash(canonicalJson({ id, at, actorId, actor, action, entity, entityId, before, after }));
};

export type Checkpoint = {
  /** Entries 1..size are in the tree. */
  size: number;
  /** The size of the checkpoint before; `leaves` are the entries in between. */
  previousSize: number;
  /** Hex SHA-256 root of the tree of `size` entries. */
  root: string;
  at: string;
  /** Hex leaf hashes of entries previousSize+1..size, so a changed entry can be named. */
  leaves: string[];
  /** Base64 Ed25519 signature over `checkpointText`. */
  signature: string;
};

/** What is signed: the checkpoint's meaning, nothing the database could reinterpret. */
export const checkpointText = (c: Pick<Checkpoint, 'size' | 'root' | 'at'>) => `capstone audit checkpoint\n${c.size}\n${c.root}\n${c.at}\n`;

export function signatureValid(c: Checkpoint, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(checkpointText(c)), createPublicKey(publicKeyPem), Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export type AuditBreakCode =
  | 'AUDIT_ENTRY_ALTERED'
  | 'AUDIT_ENTRY_INSERTED'
  | 'AUDIT_ENTRY_MISSING'
  | 'AUDIT_CHECKPOINT_FORGED'
  | 'AUDIT_CHECKPOINT_ALTERED'
  | 'AUDIT_CHECKPOINT_MISSING';

export type AuditBreak = { code: AuditBreakCode; seq: number; message: string };

export type AuditReport = {
  /** Entries in sequence order, checked against the signed checkpoints. */
  entries: number;
  checkpoints: number;
  /** Entries written but not yet sequenced, or sequenced after the last checkpoint: not yet provable. */
  pending: number;
  breaks: AuditBreak[];
};

const describeEntry = (e: SequencedEntry) => `${e.action} ${e.entity} ${e.entityId} at ${e.at} by ${e.actor}`;

/**
 * Checks the sequenced entries against the checkpoints. Only checkpoints whose signature
 * verifies are trusted; their recorded leaves must rebuild their signed roots; each entry
 * must hash to the trusted leaf at its place. Copies of the checkpoints from outside the
 * database (the checkpoints file) are merged in: one copy that verifies is enough.
 */
export function verifyLog(entries: readonly SequencedEntry[], unsequenced: number, copies: readonly Checkpoint[], publicKeyPem: string): AuditReport {
  const breaks: AuditBreak[] = [];
  const bySize = new Map<number, Checkpoint>();
  const forged = new Set<number>();
  for (const c of copies) {
    if (signatureValid(c, publicKeyPem)) bySize.set(c.size, c);
    else forged.add(c.size);
  }
  for (const size of forged)
    if (!bySize.has(size))
      breaks.push({
        code: 'AUDIT_CHECKPOINT_FORGED',
        seq: size,
        message: `the checkpoint at entry ${size} is not signed by this EPAO's audit key: the log was rewritten or the checkpoint forged`,
      });

  // The trusted leaves: each signed checkpoint's own leaves, as far as they rebuild the roots.
  const trusted: Hash[] = [];
  let frontier: Frontier = [];
  for (const c of [...bySize.values()].sort((a, b) => a.size - b.size)) {
    if (c.previousSize !== trusted.length) {
      breaks.push({
        code: 'AUDIT_CHECKPOINT_MISSING',
        seq: trusted.length + 1,
        message: `no signed checkpoint covers entries ${trusted.length + 1}–${c.previousSize}: a checkpoint was removed (supply the checkpoints file)`,
      });
      break;
    }
    let grown = frontier;
    const leaves = c.leaves.map((h) => Buffer.from(h, 'hex'));
    leaves.forEach((leaf, i) => {
      grown = appendLeaf(grown, c.previousSize + i, leaf);
    });
    if (leaves.length !== c.size - c.previousSize || frontierRoot(grown).toString('hex') !== c.root) {
      breaks.push({
        code: 'AUDIT_CHECKPOINT_ALTERED',
        seq: c.previousSize + 1,
        message: `the leaves recorded with the checkpoint at entry ${c.size} do not rebuild its signed root: entries ${c.previousSize + 1}–${c.size} cannot be trusted`,
      });
      break;
    }
    trusted.push(...leaves);
    frontier = grown;
  }

  // Walk the entries against the trusted leaves, naming each one that differs.
  let i = 0;
  let j = 0;
  const leafOf = (k: number) => entryLeaf(entries[k] as SequencedEntry);
  while (i < entries.length && j < trusted.length) {
    const entry = entries[i] as SequencedEntry;
    if (leafOf(i).equals(trusted[j] as Hash)) {
      i++;
      j++;
    } else if (j + 1 < trusted.length && leafOf(i).equals(trusted[j + 1] as Hash)) {
      breaks.push({ code: 'AUDIT_ENTRY_MISSING', seq: j + 1, message: `entry ${j + 1} was removed from the log` });
      j++;
    } else if (i + 1 < entries.length && leafOf(i + 1).equals(trusted[j] as Hash)) {
      breaks.push({
        code: 'AUDIT_ENTRY_INSERTED',
        seq: entry.seq,
        message: `entry ${entry.seq} (${describeEntry(entry)}) was inserted: no checkpoint signed it`,
      });
      i++;
    } else {
      breaks.push({ code: 'AUDIT_ENTRY_ALTERED', seq: j + 1, message: `entry ${j + 1} (${describeEntry(entry)}) was changed after it was signed` });
      i++;
      j++;
    }
  }
  if (j < trusted.length)
    breaks.push({
      code: 'AUDIT_ENTRY_MISSING',
      seq: j + 1,
      message: `entries ${j + 1}–${trusted.length} are missing: the log ends at entry ${j} but a signed checkpoint covers ${trusted.length}`,
    });
  return { entries: entries.length, checkpoints: bySize.size, pending: unsequenced + (entries.length - i), breaks };
}

export type EntryProof = {
  entry: SequencedEntry;
  checkpoint: Pick<Checkpoint, 'size' | 'root' | 'at' | 'signature'>;
  path: string[];
};

/** Whether one entry is in a signed tree, from the entry, its path and the checkpoint alone. */
export function verifyEntryProof(proof: EntryProof, publicKeyPem: string): { ok: boolean; message: string } {
  const { entry, checkpoint, path } = proof;
  if (!signatureValid({ ...checkpoint, previousSize: 0, leaves: [] }, publicKeyPem))
    return { ok: false, message: `the checkpoint at entry ${checkpoint.size} is not signed by this key` };
  const included = verifyInclusion(
    entryLeaf(entry),
    entry.seq - 1,
    checkpoint.size,
    path.map((h) => Buffer.from(h, 'hex')),
    Buffer.from(checkpoint.root, 'hex'),
  );
  return included
    ? { ok: true, message: `entry ${entry.seq} (${describeEntry(entry)}) is in the log signed at ${checkpoint.at} (${checkpoint.size} entries)` }
    : { ok: false, message: `entry ${entry.seq} as given is not in the signed log: it was changed, or the proof is for another entry` };
}
