// No dead rule data: every parameter in the standards and policy files (a value with its
// source) is read by some code, or the file marks it `informational` with the reason. A
// parameter is "read" when its name is read as a property somewhere in src outside the
// data schema and the loader (a static look: it cannot tell a read that never runs, but it
// finds a parameter nothing reads at all, as `projectReworkMonths` once was). The `notes`
// lists are statements by definition (the schema's "what the engine records but does not
// decide") and are not parameters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dataDir = join(root, 'src', 'standards');
const files = [
  ...readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dataDir, f)),
  ...readdirSync(join(dataDir, 'policies')).map((f) => join(dataDir, 'policies', f)),
];

type Parameter = { file: string; path: string; name: string; informational: string | undefined };

const isSourced = (o: Record<string, unknown>) => 'value' in o && typeof o.source === 'string';

/** Every sourced value in a data file, with the property name the code would read it by. */
function parametersOf(file: string): Parameter[] {
  const found: Parameter[] = [];
  const walk = (node: unknown, path: string[], name: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, [...path, String(i)], name);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (isSourced(o)) found.push({ file, path: path.join('.'), name, informational: o.informational as string | undefined });
    for (const [key, value] of Object.entries(o)) {
      if (key === 'notes' || key === 'source' || key === 'note' || key === 'informational') continue;
      walk(value, [...path, key], key === 'value' || KEYED_BY_ID.has(name) ? name : key);
    }
  };
  walk(JSON.parse(readFileSync(file, 'utf8')), [], '');
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The code that may read the data: everything in src but the schema that declares it and the loader that parses it. */
const code = sourceFiles(join(root, 'src'))
  .filter((f) => !f.endsWith(join('domain', 'standards', 'schema.ts')) && !f.endsWith(join('standards', 'load.ts')))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

const readsProperty = (name: string) => new RegExp(`(\\?\\.|\\.)${name}\\b|[{,]\\s*${name}\\s*[,}:]|\\[['"]${name}['"]\\]`).test(code);

describe('every rule parameter in the data is applied or marked informational', () => {
  const parameters = files.flatMap(parametersOf);

  it('finds the parameters (the walk itself works)', () => {
    expect(parameters.length).toBeGreaterThan(100);
    expect(parameters.some((p) => p.name === 'projectReworkMonths' && p.file.endsWith('VTCT.json'))).toBe(true);
  });

  it('has no parameter that no code reads, unless the file says why', () => {
    const dead = parameters.filter((p) => !p.informational && !readsProperty(p.name)).map((p) => `${p.file.slice(root.length + 1)}: ${p.path}`);
    expect(dead).toEqual([]);
  });

  it('does not mark as informational a parameter the code applies', () => {
    const markedButRead = parameters.filter((p) => p.informational && readsProperty(p.name) && !ALSO_READ_ELSEWHERE.has(p.name));
    expect(markedButRead.map((p) => `${p.file.slice(root.length + 1)}: ${p.path}`)).toEqual([]);
  });
});

/** Maps keyed by a method's id: the code reads the map and looks the id up. */
const KEYED_BY_ID = new Set(['questioningMaxMinutes']);

/** Names the code reads for another purpose than the parameter marked (a method's other requirement lists, say). */
const ALSO_READ_ELSEWHERE = new Set<string>(['otherRequirements']);
