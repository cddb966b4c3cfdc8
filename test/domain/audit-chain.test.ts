import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, canonicalJson, entryHash, GENESIS_HASH, verifyChain } from '../../src/domain/audit/chain.ts';

function chain(n: number): { entries: AuditEntry[]; head: { seq: number; hash: string } } {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      at: `2026-01-0${(seq % 9) + 1}T10:00:00.000Z`,
      actorId: null,
      actor: 'admin',
      action: 'update',
      entity: 'epa-record',
      entityId: `r${seq}`,
      before: { grade: 'pass' },
      after: { grade: 'distinction', n: seq },
    };
    const hash = entryHash(prev, content);
    entries.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return { entries, head: { seq: n, hash: prev } };
}

describe('the audit chain', () => {
  it('hashes canonical JSON, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('verifies an intact chain', () => {
    const { entries, head } = chain(5);
    expect(verifyChain(entries, head)).toEqual([]);
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toEqual([]);
  });

  it('finds an altered entry', () => {
    const { entries, head } = chain(5);
    const altered = entries.map((e) => (e.seq === 3 ? { ...e, after: { grade: 'pass', n: 3 } } : e));
    expect(verifyChain(altered, head).map((b) => [b.code, b.seq])).toEqual([['AUDIT_ENTRY_ALTERED', 3]]);
  });

  it('finds a removed entry, in the middle and at the end', () => {
    const { entries, head } = chain(5);
    expect(
      verifyChain(
        entries.filter((e) => e.seq !== 2),
        head,
      ).map((b) => b.code),
    ).toContain('AUDIT_ENTRY_MISSING');
    expect(verifyChain(entries.slice(0, 4), head).map((b) => b.code)).toEqual(['AUDIT_HEAD_MISMATCH']);
  });

  it('finds an inserted entry, even one with a recomputed hash', () => {
    const { entries, head } = chain(3);
    const forged = { ...(entries[1] as AuditEntry), after: { grade: 'distinction', forged: true } };
    forged.hash = entryHash(forged.prevHash, { ...forged, prevHash: undefined, hash: undefined } as never);
    const codes = verifyChain([entries[0] as AuditEntry, forged, entries[2] as AuditEntry], head).map((b) => b.code);
    expect(codes.length).toBeGreaterThan(0);
  });

  it('detects any single-field change to any entry (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.constantFrom('actor', 'action', 'entityId', 'at'), fc.string({ minLength: 1 }), (seq, field, value) => {
        const { entries, head } = chain(6);
        const target = entries[seq - 1] as AuditEntry;
        if ((target as Record<string, unknown>)[field] === value) return;
        const changed = entries.map((e) => (e.seq === seq ? { ...e, [field]: value } : e));
        expect(verifyChain(changed, head).some((b) => b.code === 'AUDIT_ENTRY_ALTERED' && b.seq === seq)).toBe(true);
      }),
    );
  });
});
