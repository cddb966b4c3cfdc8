// BENCH_EXPLAIN=1 for bench/scale: the plan PostgreSQL runs for each statement a use-case
// sends, with the use-case's own parameters. The statements are caught on their way through
// the pool's clients (PreparedClient), then each is run again under EXPLAIN ANALYZE.
import { CompiledQuery } from 'kysely';
import type { AppContext } from '../src/app/context.ts';
import { PreparedClient } from '../src/store/prepared-client.ts';

type Caught = { text: string; values: unknown[] };

/** The reads `run` sends, in order. */
async function readsOf(run: () => Promise<unknown>): Promise<Caught[]> {
  const caught: Caught[] = [];
  const original = PreparedClient.prototype.query;
  PreparedClient.prototype.query = function (this: PreparedClient, ...args: Parameters<typeof original>) {
    const [text, values] = args as [unknown, unknown];
    if (typeof text === 'string' && /^\s*(select|with)\b/i.test(text)) caught.push({ text, values: Array.isArray(values) ? values : [] });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    PreparedClient.prototype.query = original;
  }
  return caught;
}

/** Each read's plan: its nodes (costs left out) and the time it took. */
export async function plansOf(ctx: AppContext, label: string, run: () => Promise<unknown>): Promise<string> {
  const lines = [`## ${label}`];
  for (const { text, values } of await readsOf(run)) {
    const result = await ctx.db.executeQuery(CompiledQuery.raw(`explain (analyze, costs off, buffers off) ${text}`, values));
    lines.push('', ...result.rows.map((row) => String(Object.values(row as object)[0])));
  }
  return lines.join('\n');
}
