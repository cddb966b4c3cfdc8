// Idempotency keys in the database: a claim per (actor, key), and the response it stored.
import type { Db } from '../database.ts';

/** Claims the key in its own committed row; false when another request holds it. */
export async function claimKey(db: Db, actor: string, key: string, requestHash: string): Promise<boolean> {
  const claimed = await db
    .insertInto('idempotencyKeys')
    .values({ actor, key, requestHash, status: 0, response: 'null' })
    .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function storeResponse(db: Db, actor: string, key: string, response: { status: number; body: unknown }): Promise<void> {
  await db
    .updateTable('idempotencyKeys')
    .set({ status: response.status, response: JSON.stringify(response.body) })
    .where('actor', '=', actor)
    .where('key', '=', key)
    .execute();
}

/** Releases a claim: every claim of the key, or (`onlyUnanswered`) one that stored no response. */
export async function releaseKey(db: Db, actor: string, key: string, options: { onlyUnanswered: boolean }): Promise<void> {
  await db
    .deleteFrom('idempotencyKeys')
    .where('actor', '=', actor)
    .where('key', '=', key)
    .$if(options.onlyUnanswered, (q) => q.where('status', '=', 0))
    .execute();
}

export async function storedKey(
  db: Db,
  actor: string,
  key: string,
): Promise<{ requestHash: string; status: number; response: unknown; createdAt: Date } | undefined> {
  return db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'status', 'response', 'createdAt'])
    .where('actor', '=', actor)
    .where('key', '=', key)
    .executeTakeFirst();
}
