// The shape the code keeps (docs/architecture.md, "Layers"): no file in src over 300 lines,
// no function over 80, and no use-case (src/app) that builds SQL itself: the queries live in
// src/store's repositories. Prints each breach; exit 1 when there is one.
// Usage: node scripts/code-shape.ts [FILE...]   (default: every .ts file under src)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;
const SQL_IN_APP = /from 'kysely'|\.(selectFrom|insertInto|updateTable|deleteFrom|transaction)\(|\bsql`/;

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every breach in one file, as "path:line: what". */
export function breaches(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const path = relative(ROOT, file);
  const found: string[] = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) found.push(`${path}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  if (path.startsWith('src/app/')) {
    text.split('\n').forEach((line, i) => {
      if (SQL_IN_APP.test(line)) found.push(`${path}:${i + 1}: builds SQL in a use-case: ${line.trim().slice(0, 80)}`);
    });
  }
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
        found.push(`${path}:${start + 1}: function ${name} is ${end - start + 1} lines (at most ${MAX_FUNCTION_LINES})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

if (import.meta.main) {
  const files = process.argv.slice(2);
  const all = [...new Set((files.length ? files : sourceFiles(join(ROOT, 'src'))).flatMap((f) => breaches(f)))];
  for (const b of all) console.log(b);
  console.log(all.length ? `${all.length} breaches` : 'the code keeps its shape');
  process.exit(all.length ? 1 : 0);
}
