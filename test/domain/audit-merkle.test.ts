import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLeaf, EMPTY_ROOT, frontierRoot, inclusionProof, leafHash, nodeHash, rootOf, verifyInclusion } from '../../src/domain/audit/merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`));
const grow = (all: Buffer[]) => all.reduce((f, leaf, i) => appendLeaf(f, i, leaf), [] as Buffer[]);

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
  it('hashes leaves and nodes with their own prefixes, and the empty tree as SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // RFC 6962's test vector: the leaf hash of the empty string.
    expect(leafHash('').toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const [a, b, c] = leaves(3) as [Buffer, Buffer, Buffer];
    expect(rootOf([a, b, c]).equals(nodeHash(nodeHash(a, b), c))).toBe(true);
  });

  it('grows by its frontier to the same root as the definition, for every size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const all = leaves(n);
        expect(frontierRoot(grow(all)).equals(rootOf(all))).toBe(true);
      }),
      { seed: 71, numRuns: 120 },
    );
  });

  it('proves each leaf in its tree, and no proof passes for another leaf, place or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), (n, pick) => {
        const all = leaves(n);
        const index = pick % n;
        const root = rootOf(all);
        const proof = inclusionProof(index, all);
        expect(verifyInclusion(all[index] as Buffer, index, n, proof, root)).toBe(true);
        expect(verifyInclusion(leafHash('forged'), index, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(all[index] as Buffer, (index + 1) % n, n, proof, root)).toBe(false);
        expect(verifyInclusion(all[index] as Buffer, index, n, proof, leafHash('other root'))).toBe(false);
      }),
      { seed: 72, numRuns: 150 },
    );
  });
});
