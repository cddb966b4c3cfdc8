// Idempotency-Key for POSTs that create things: N parallel retries create one record.
// The first request claims the key in a committed row; the others wait for its stored
// response. A claim whose request failed is released so a retry can run it again.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/audit/log.ts';
import { claimKey, releaseKey, storedKey, storeResponse } from '../store/repositories/idempotency.repository.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

export type StoredResponse = { status: number; body: unknown };

const WAIT_MS = 15_000;
/** A claim left this long without a response belongs to a request that died. */
const ABANDONED_MS = 60_000;

export async function idempotent(
  ctx: AppContext,
  actor: string,
  key: string | undefined,
  request: unknown,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (key === undefined) return run();
  if (key.length < 1 || key.length > 200) throw new AppError(400, 'BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 characters');
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimKey(ctx.db, actor, key, requestHash)) {
      try {
        const response = await run();
        await storeResponse(ctx.db, actor, key, response);
        return response;
      } catch (error) {
        await releaseKey(ctx.db, actor, key, { onlyUnanswered: false });
        throw error;
      }
    }
    const existing = await storedKey(ctx.db, actor, key);
    if (existing) {
      if (existing.requestHash !== requestHash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
      if (existing.status !== 0) return { status: existing.status, body: existing.response };
      if (Date.now() - new Date(existing.createdAt).getTime() > ABANDONED_MS) await releaseKey(ctx.db, actor, key, { onlyUnanswered: true });
    }
    if (Date.now() > deadline)
      throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'the first request with this Idempotency-Key is still running: retry shortly');
    await new Promise((r) => setTimeout(r, 25));
  }
}
