// Text that cannot be stored is refused at the edge, for the API and the pages alike, as
// 400 INVALID_CHARACTER rather than a 500 from the database:
// - NUL: PostgreSQL text cannot hold it;
// - a lone UTF-16 surrogate ("\udc00" in JSON): it has no UTF-8 form, so a text column would
//   silently get U+FFFD and a jsonb column (the audit entry, a stored response) refuses it.
// Keys count as much as values. Nesting is bounded: a request nested deeper than any body
// the API takes is refused, so nothing deeper goes unchecked, and the walk uses its own
// stack so a 10,000-deep body cannot overflow the call stack.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';

/** How many objects or arrays deep a request may nest; the API's deepest body (a draft's judgements) nests 3. */
export const MAX_DEPTH = 32;

export type TextProblem = { kind: 'nul' | 'lone-surrogate' | 'too-deep'; path: string };

/** What is wrong with one string, if anything. */
export function invalidCharacter(text: string): 'nul' | 'lone-surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  return text.isWellFormed() ? null : 'lone-surrogate';
}

/** An object or array still to walk, with the way to it (spelt out only for a problem). */
type Frame = { value: object; depth: number; key: string | number; parent: Frame | null };

function pathOf(frame: Frame | null, last: string | number): string {
  const keys = [String(last)];
  for (let f = frame; f?.parent; f = f.parent) keys.unshift(String(f.key));
  return keys.join('.');
}

/** A string is checked now; an object or array is put on the stack to walk. */
function visit(value: unknown, parent: Frame | null, key: string | number, stack: Frame[]): TextProblem | null {
  if (typeof value === 'string') {
    const kind = invalidCharacter(value);
    return kind ? { kind, path: parent ? pathOf(parent, key) : '' } : null;
  }
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) stack.push({ value, depth: parent ? parent.depth + 1 : 1, key, parent });
  return null;
}

/**
 * The first string (value or key) in a query, body or route parameters that cannot be
 * stored, or the first object or array nested deeper than `maxDepth`; null when all is
 * well. Strings, arrays and plain objects are walked; file bytes (Uint8Array) are not text.
 */
export function findInvalidText(value: unknown, maxDepth = MAX_DEPTH): TextProblem | null {
  const stack: Frame[] = [];
  let problem = visit(value, null, '', stack);
  for (let frame = stack.pop(); !problem && frame; frame = stack.pop()) {
    if (frame.depth > maxDepth) return { kind: 'too-deep', path: frame.parent ? pathOf(frame.parent, frame.key) : '' };
    if (Array.isArray(frame.value)) {
      const array: readonly unknown[] = frame.value;
      for (let i = 0; !problem && i < array.length; i++) problem = visit(array[i], frame, i, stack);
      continue;
    }
    for (const [key, inner] of Object.entries(frame.value)) {
      const kind = invalidCharacter(key);
      problem = kind ? { kind, path: pathOf(frame, key) } : visit(inner, frame, key, stack);
      if (problem) break;
    }
  }
  return problem;
}

/** A path as a message may show it: short, and without the characters it is about. */
function printable(path: string): string {
  const shown = path.toWellFormed().replaceAll('\u0000', '\ufffd');
  return shown.length > 100 ? `${shown.slice(0, 100)}…` : shown;
}

/** Throws 400 INVALID_CHARACTER (or TOO_DEEP) for the first problem in `value`; `where` names the part of the request. */
export function assertValidText(where: string, value: unknown): void {
  const problem = findInvalidText(value);
  if (!problem) return;
  const at = problem.path ? ` (${where}: ${printable(problem.path)})` : ` (${where})`;
  if (problem.kind === 'too-deep')
    throw new AppError(400, 'TOO_DEEP', `the request nests objects or arrays more than ${MAX_DEPTH} deep${at}: no request needs that many`);
  const what = problem.kind === 'nul' ? 'a NUL' : 'half of a UTF-16 surrogate pair, which is not valid Unicode';
  throw new AppError(400, 'INVALID_CHARACTER', `the request holds a character that cannot be stored (${what})${at}: remove it and try again`);
}

/**
 * The preHandler: the query, the route parameters and the parsed body. A body that is one
 * string is a file (the CSV import): its cells are checked one by one by the import, so
 * a bad cell refuses its row and not the whole file. A multipart form read in a handler
 * is checked there (assertValidText), as it is read.
 */
export async function inputGuard(request: FastifyRequest): Promise<void> {
  assertValidText('query', request.query);
  assertValidText('path', request.params);
  if (typeof request.body !== 'string') assertValidText('body', request.body);
}
