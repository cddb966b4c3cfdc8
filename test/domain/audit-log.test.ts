import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointText, entryLeaf, type SequencedEntry, verifyLog } from '../../src/domain/audit/log.ts';
import { appendLeaf, frontierRoot } from '../../src/domain/audit/merkle.ts';

const keys = generateKeyPairSync('ed25519');
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherKey = generateKeyPairSync('ed25519').privateKey;

const entry = (seq: number, change = ''): SequencedEntry => ({
  seq,
  id: 1000 + seq,
  at: `2026-01-05T12:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  actorId: null,
  actor: 'Assessor One',
  action: 'submit',
  entity: 'assessment',
  entityId: `a-${seq}`,
  before: null,
  after: { grade: `pass${change}` },
});

/** Checkpoints as the sequencer makes them, every `every` entries. */
function checkpoints(entries: SequencedEntry[], every: number, key = keys.privateKey): Checkpoint[] {
  const out: Checkpoint[] = [];
  let frontier: Buffer[] = [];
  let previousSize = 0;
  entries.forEach((e, i) => {
    frontier = appendLeaf(frontier, i, entryLeaf(e));
    if ((i + 1) % every === 0 || i === entries.length - 1) {
      const c = { size: i + 1, previousSize, root: frontierRoot(frontier).toString('hex'), at: `2026-01-05T12:01:${i}Z` };
      const leaves = entries.slice(previousSize, i + 1).map((x) => entryLeaf(x).toString('hex'));
      out.push({ ...c, leaves, signature: sign(null, Buffer.from(checkpointText(c)), key).toString('base64') });
      previousSize = i + 1;
    }
  });
  return out;
}

const log = Array.from({ length: 20 }, (_, i) => entry(i + 1));
const signed = checkpoints(log, 6);
const codes = (r: ReturnType<typeof verifyLog>) => r.breaks.map((b) => `${b.code}@${b.seq}`);

describe('verifying the audit log against signed checkpoints', () => {
  it('finds an untouched log intact, with nothing pending', () => {
    expect(verifyLog(log, 0, signed, publicKey)).toEqual({ entries: 20, checkpoints: 4, pending: 0, breaks: [] });
  });

  it('names an altered entry', () => {
    const altered = log.map((e) => (e.seq === 8 ? entry(8, ' (regraded)') : e));
    expect(codes(verifyLog(altered, 0, signed, publicKey))).toEqual(['AUDIT_ENTRY_ALTERED@8']);
  });

  it('names a deleted entry, and an inserted one', () => {
    expect(
      codes(
        verifyLog(
          log.filter((e) => e.seq !== 11),
          0,
          signed,
          publicKey,
        ),
      ),
    ).toEqual(['AUDIT_ENTRY_MISSING@11']);
    const forged = { ...entry(99), seq: 5 };
    const inserted = [...log.slice(0, 4), forged, ...log.slice(4).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(codes(verifyLog(inserted, 0, signed, publicKey))).toEqual(['AUDIT_ENTRY_INSERTED@5']);
  });

  it('names the tail removed with the head rewound', () => {
    expect(codes(verifyLog(log.slice(0, 15), 0, signed, publicKey))).toEqual(['AUDIT_ENTRY_MISSING@16']);
  });

  it('catches the whole log rewritten and re-hashed: the new checkpoints are not signed by the key', () => {
    const rewritten = log.map((e) => (e.seq === 3 ? entry(3, ' (regraded)') : e));
    const resigned = checkpoints(rewritten, 6, otherKey);
    const report = verifyLog(rewritten, 0, resigned, publicKey);
    expect(report.breaks.map((b) => b.code)).toContain('AUDIT_CHECKPOINT_FORGED');
    // With the checkpoints file kept outside the database, the entry itself is named.
    expect(codes(verifyLog(rewritten, 0, [...resigned, ...signed], publicKey))).toEqual(['AUDIT_ENTRY_ALTERED@3']);
  });

  it('does not trust leaves altered beside a signed root, nor a gap in the checkpoints', () => {
    const tampered = signed.map((c) => (c.size === 12 ? { ...c, leaves: c.leaves.map((l, k) => (k === 0 ? 'ff'.repeat(32) : l)) } : c));
    expect(codes(verifyLog(log, 0, tampered, publicKey))).toEqual(['AUDIT_CHECKPOINT_ALTERED@7']);
    expect(
      codes(
        verifyLog(
          log,
          0,
          signed.filter((c) => c.size !== 6),
          publicKey,
        ),
      ),
    ).toEqual(['AUDIT_CHECKPOINT_MISSING@1']);
  });

  it('reports entries not yet signed as pending, not intact', () => {
    const report = verifyLog([...log, entry(21)], 3, signed, publicKey);
    expect(report.breaks).toEqual([]);
    expect(report.pending).toBe(4);
  });
});
