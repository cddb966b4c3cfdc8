// A pg client that prepares each distinct statement once per connection: PostgreSQL then
// parses and plans it once instead of on every request (the records read joins four
// tables). Only parameterised reads and writes are prepared; a connection keeps at most
// MAX_PREPARED, and a plan invalidated by a schema change is dropped and retried unnamed.
import { createHash } from 'node:crypto';
import pg from 'pg';

const MAX_PREPARED = 500;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

type QueryArgs = [text: unknown, values?: unknown, callback?: unknown];

const names = new Map<string, string>();

/** The statement's name, from its text; remembered, as the same few statements come again and again. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `q${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (names.size >= MAX_PREPARED * 4) names.clear();
    names.set(text, name);
  }
  return name;
}

export class PreparedClient extends pg.Client {
  readonly #prepared = new Set<string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while checked out (a restart, pg_terminate_backend) emits 'error';
    // the pool listens only while the client is idle, and an 'error' nobody hears ends the
    // process. The query in flight fails with the same error (the request answers 503), and
    // a client that is no longer queryable is dropped by the pool when it is released.
    this.on('error', () => {});
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; this passes everything through.
  override query(...args: QueryArgs): any {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || !PREPARABLE.test(text))
      return (super.query as (...a: unknown[]) => unknown)(...args);
    const name = statementName(text);
    if (!this.#prepared.has(name) && this.#prepared.size >= MAX_PREPARED) return super.query(text, values);
    this.#prepared.add(name);
    return super.query({ name, text, values }).catch((error: { code?: string }) => {
      // "cached plan must not change result type": the table changed under the statement.
      if (error?.code === '0A000') {
        this.#prepared.delete(name);
        return super.query(text, values);
      }
      throw error;
    });
  }
}
