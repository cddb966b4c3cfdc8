// The audit chain: each entry's hash covers its content and the previous entry's hash,
// so altering, inserting or removing an entry breaks the chain. Altering assessment
// decisions is malpractice (004 Section 6); the platform makes it detectable.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

export type AuditEntry = AuditContent & { prevHash: string; hash: string };

/** JSON with keys sorted at every level, so the database's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export type ChainBreak = { code: 'AUDIT_ENTRY_ALTERED' | 'AUDIT_ENTRY_MISSING' | 'AUDIT_ENTRY_INSERTED' | 'AUDIT_HEAD_MISMATCH'; seq: number; message: string };

/**
 * Checks entries in sequence order against each other and against the head (the last
 * sequence number and hash, written with every entry).
 */
export function verifyChain(entries: readonly AuditEntry[], head: { seq: number; hash: string }): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const entry of entries) {
    const { prevHash: storedPrev, hash, ...content } = entry;
    if (entry.seq !== expectedSeq) {
      if (entry.seq > expectedSeq)
        breaks.push({ code: 'AUDIT_ENTRY_MISSING', seq: expectedSeq, message: `entries ${expectedSeq}–${entry.seq - 1} are missing` });
      else breaks.push({ code: 'AUDIT_ENTRY_INSERTED', seq: entry.seq, message: `entry ${entry.seq} is out of sequence` });
    } else if (storedPrev !== prevHash) {
      breaks.push({ code: 'AUDIT_ENTRY_INSERTED', seq: entry.seq, message: `entry ${entry.seq} does not follow the entry before it` });
    }
    if (entryHash(storedPrev, content) !== hash)
      breaks.push({
        code: 'AUDIT_ENTRY_ALTERED',
        seq: entry.seq,
        message: `entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entityId}) was changed after it was written`,
      });
    expectedSeq = entry.seq + 1;
    prevHash = hash;
  }
  const last = entries.at(-1);
  if ((last?.seq ?? 0) !== head.seq || (last?.hash ?? GENESIS_HASH) !== head.hash)
    breaks.push({
      code: 'AUDIT_HEAD_MISMATCH',
      seq: head.seq,
      message: `the chain ends at entry ${last?.seq ?? 0} but its head records entry ${head.seq}: entries were removed or added at the end`,
    });
  return breaks;
}
