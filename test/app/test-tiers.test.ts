// Every test file belongs to a tier: a file no tier includes would never run.
import { readdirSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { expect, it } from 'vitest';
import config from '../../vitest.config.ts';

const root = join(import.meta.dirname, '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

it('runs every test file in exactly one tier', () => {
  const tiers = (config.test?.projects ?? []) as { test: { name: string; include: string[]; exclude?: string[] } }[];
  const inTier = (f: string, t: (typeof tiers)[number]) =>
    t.test.include.some((glob) => matchesGlob(f, glob)) && !(t.test.exclude ?? []).some((glob) => matchesGlob(f, glob));
  const unplaced = files(join(root, 'test'))
    .map((f) => relative(root, f))
    .filter((f) => tiers.filter((t) => inTier(f, t)).length !== 1);
  expect(tiers.map((t) => t.test.name)).toEqual(['unit', 'cli', 'integration', 'integration-mocked', 'browser']);
  expect(unplaced).toEqual([]);
});
