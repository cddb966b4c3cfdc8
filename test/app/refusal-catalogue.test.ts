// One catalogue of codes (src/app/refusals/catalogue.ts): every code thrown, found or
// reported anywhere in src is in it, with the status it is thrown with, and docs/errors.md
// is written from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsMarkdown } from '../../scripts/errors-doc.ts';
import { REFUSALS } from '../../src/app/refusals/catalogue.ts';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}
const sources = sourceFiles(join(root, 'src'))
  .filter((f) => !f.includes(join('src', 'app', 'refusals')))
  .map((f) => ({ file: f.slice(root.length + 1), text: readFileSync(f, 'utf8') }));

/** Upper-case literals that are not Capstone's codes: environment variables, Node's, Fastify's and PostgreSQL's own. */
// Names that are not refusal codes: settings, system error names, document kinds.
const NOT_CODES = new Set([
  'DATABASE_URL',
  'EAI_AGAIN',
  'ERR_WORKER_OUT_OF_MEMORY',
  'PG_VERSION',
  'ID_DOCUMENT',
  'APPEAL_ACKNOWLEDGE_WORKING_DAYS',
  'APPEAL_DECISION_WORKING_DAYS',
  'COMPLAINT_ACKNOWLEDGE_WORKING_DAYS',
  'COMPLAINT_RESPONSE_WORKING_DAYS',
]);
const isForeign = (code: string) => NOT_CODES.has(code) || code.startsWith('FST_');

/** Where a literal code is thrown with a status that can be read off the call. */
const THROWN = [
  { pattern: /badRequest\(\s*'([A-Z0-9_]+)'/g, status: () => 400 },
  { pattern: /conflict\(\s*'([A-Z0-9_]+)'/g, status: () => 409 },
  { pattern: /refused\(\s*'([A-Z0-9_]+)'/g, status: () => 422 },
  { pattern: /new AppError\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g, status: (m: RegExpMatchArray) => Number(m[1]) },
  { pattern: /problem\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g, status: (m: RegExpMatchArray) => Number(m[1]) },
];

describe('the catalogue of codes', () => {
  it('holds every code written in src', () => {
    const missing = new Set<string>();
    for (const { text } of sources)
      for (const [, code] of text.matchAll(/'([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+)'/g))
        if (!isForeign(code as string) && !REFUSALS.has(code as string)) missing.add(code as string);
    expect([...missing].sort()).toEqual([]);
  });

  it('gives each code the status it is thrown with', () => {
    const wrong: string[] = [];
    for (const { file, text } of sources)
      for (const { pattern, status } of THROWN)
        for (const m of text.matchAll(pattern)) {
          const code = (m.length > 2 ? m[2] : m[1]) as string;
          const entry = REFUSALS.get(code);
          if (entry?.kind === 'refusal' && entry.status !== status(m)) wrong.push(`${file}: ${code} thrown ${status(m)}, catalogued ${entry.status}`);
        }
    expect(wrong).toEqual([]);
  });

  it('says what each code means and where its rule comes from, never an internal work item', () => {
    for (const r of REFUSALS.values()) {
      expect(r.title.length, r.code).toBeGreaterThan(10);
      expect(r.source.length, r.code).toBeGreaterThan(3);
      expect(r.source, r.code).not.toMatch(/\bissue\b/i);
    }
  });

  it('is what docs/errors.md says (npx node scripts/errors-doc.ts > docs/errors.md)', () => {
    expect(readFileSync(join(root, 'docs', 'errors.md'), 'utf8')).toBe(errorsMarkdown());
  });
});
