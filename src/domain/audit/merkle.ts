// The audit log's Merkle tree, as Certificate Transparency defines it (RFC 9162 §2.1):
// leaves are hashed with a 0x00 prefix and interior nodes with 0x01, so a leaf can never
// pass for a node. A tree of n leaves splits at the largest power of two below n.
// Inclusion proofs (§2.1.3) let one entry be shown to be in a signed tree on its own.
import { createHash } from 'node:crypto';

export type Hash = Buffer;

export const leafHash = (data: string | Buffer): Hash =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(data)
    .digest();

export const nodeHash = (left: Hash, right: Hash): Hash =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();

/** The hash of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

const largestPowerOfTwoBelow = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH(D[start:end]) straight from the definition; the leaves are already leaf hashes. */
function rootOfRange(leaves: readonly Hash[], start: number, end: number): Hash {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[start] as Hash;
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(rootOfRange(leaves, start, start + k), rootOfRange(leaves, start + k, end));
}

export const rootOf = (leaves: readonly Hash[]): Hash => rootOfRange(leaves, 0, leaves.length);

/**
 * The tree's right edge: the roots of its perfect subtrees, largest first, one for each
 * bit set in its size. It is all the sequencer keeps between checkpoints, and it extends
 * in O(log n) per leaf.
 */
export type Frontier = Hash[];

export function appendLeaf(frontier: Frontier, size: number, leaf: Hash): Frontier {
  const next = [...frontier];
  let hash = leaf;
  // Each trailing one bit of the old size is a subtree of equal size to merge with.
  for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) hash = nodeHash(next.pop() as Hash, hash);
  next.push(hash);
  return next;
}

/** The root from the frontier: fold the subtrees from the smallest up (equals rootOf). */
export function frontierRoot(frontier: Frontier): Hash {
  if (frontier.length === 0) return EMPTY_ROOT;
  let hash = frontier[frontier.length - 1] as Hash;
  for (let i = frontier.length - 2; i >= 0; i--) hash = nodeHash(frontier[i] as Hash, hash);
  return hash;
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the sibling hashes from leaf m up to the root. */
export function inclusionProof(index: number, leaves: readonly Hash[]): Hash[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  const path: Hash[] = [];
  const walk = (m: number, start: number, end: number) => {
    const n = end - start;
    if (n === 1) return;
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(rootOfRange(leaves, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(rootOfRange(leaves, start, start + k));
    }
  };
  walk(index, 0, leaves.length);
  return path;
}

/** RFC 9162 §2.1.3.2: whether `proof` places `leaf` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
