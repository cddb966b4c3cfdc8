import { describe, expect, it } from 'vitest';
import { findInvalidText, invalidCharacter, MAX_DEPTH } from '../../src/http/input-guard.ts';

/** `depth` arrays, one inside the other, with `leaf` innermost. */
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('findInvalidText', () => {
  it('tells a NUL and a lone surrogate from text that can be stored', () => {
    expect(invalidCharacter('Zoë, 😀, 中文, \uFFFD')).toBeNull();
    expect(invalidCharacter('a\u0000b')).toBe('nul');
    expect(invalidCharacter('\udc00')).toBe('lone-surrogate');
    expect(invalidCharacter('a\ud800')).toBe('lone-surrogate');
    expect(invalidCharacter('\ud83d\ude00')).toBeNull();
  });

  it('finds them in values and keys, at any place, and names the path', () => {
    expect(findInvalidText({ a: 'x', b: [1, true, null, 'y'] })).toBeNull();
    expect(findInvalidText('plain')).toBeNull();
    expect(findInvalidText('a\u0000')).toEqual({ kind: 'nul', path: '' });
    expect(findInvalidText({ a: { b: ['ok', 'bad\udc00'] } })).toEqual({ kind: 'lone-surrogate', path: 'a.b.1' });
    expect(findInvalidText({ judgements: { '\udc00': { judgement: 'met' } } })).toEqual({ kind: 'lone-surrogate', path: 'judgements.\udc00' });
    expect(findInvalidText({ 'a\u0000': 1 })).toEqual({ kind: 'nul', path: 'a\u0000' });
    expect(findInvalidText(Object.assign(Object.create(null), { q: 'x\u0000' }))).toEqual({ kind: 'nul', path: 'q' });
  });

  it('does not read file bytes as text', () => {
    expect(findInvalidText({ file: { fileName: 'a.pdf', bytes: new Uint8Array([0, 0xed, 0xb0, 0x80]) } })).toBeNull();
    expect(findInvalidText({ file: { fileName: 'a\u0000.pdf', bytes: new Uint8Array([0]) } })).toEqual({ kind: 'nul', path: 'file.fileName' });
  });

  it('refuses nesting deeper than the guard instead of ignoring it, without overflowing the stack', () => {
    expect(findInvalidText(nested(MAX_DEPTH))).toBeNull();
    expect(findInvalidText(nested(MAX_DEPTH + 1))?.kind).toBe('too-deep');
    // A problem beyond the old depth of 10 is found, and one beyond the guard is refused as too deep.
    expect(findInvalidText(nested(20, 'x\u0000'))).toEqual({ kind: 'nul', path: Array(20).fill('0').join('.') });
    expect(findInvalidText(nested(10_000, 'fine'))?.kind).toBe('too-deep');
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(findInvalidText(deep)?.kind).toBe('too-deep');
  });

  it('walks a large array quickly', () => {
    const big: unknown[] = Array.from({ length: 400_000 }, (_, i) => (i % 2 ? i : 'text'));
    const started = performance.now();
    expect(findInvalidText(big)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
    big.push('\udc00');
    expect(findInvalidText(big)).toEqual({ kind: 'lone-surrogate', path: '400000' });
  });
});
