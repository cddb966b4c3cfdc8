// The CLI contract (docs/rules.md, "The CLI contract"): JSON on stdin, JSON on stdout; exit 0 = the rule says
// yes, 1 = it says no, 2 = bad input with one line on stderr and nothing on stdout.
import type { z } from 'zod';
import type { InputProblem, Result } from '../domain/outcome.ts';

export const EXIT = { yes: 0, no: 1, badInput: 2 } as const;

export type Output = { exitCode: number; stdout?: string; stderr?: string };

export class BadInput extends Error {}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses stdin as JSON and then by the schema; any failure is bad input. */
export function parseRequest<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BadInput(`stdin is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new BadInput(`invalid request: ${where}${issue?.message ?? 'does not match the expected shape'}`);
  }
  return parsed.data;
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new BadInput(describe(result.problem));
  return result.value;
}

export function describe(problem: InputProblem): string {
  return `${problem.code}: ${problem.message}`;
}

export function json(value: unknown, exitCode: number): Output {
  return { exitCode, stdout: `${JSON.stringify(value, null, 2)}\n` };
}
