// What a run did, counted as it goes; and what becomes of items when the service is away.

import type { Db } from '../../store/database.ts';
import { changeItem, type DfeRow } from '../../store/repositories/dfe.repository.ts';
import type { DfeAnswer } from './client.ts';

type Counts = { sent: number; accepted: number; rejected: number; held: number; waiting: number };
export type RunTally = { epa: Counts; certificates: Counts & { submitted: number }; statuses: { read: number; printed: number; delivered: number } };

const zero = (): Counts => ({ sent: 0, accepted: 0, rejected: 0, held: 0, waiting: 0 });
export const newTally = (): RunTally => ({ epa: zero(), certificates: { ...zero(), submitted: 0 }, statuses: { read: 0, printed: 0, delivered: 0 } });

/** Backoff for an item the service did not take: 5 minutes, doubling, at most a day. */
export const retryAt = (attempts: number, now: Date) => new Date(now.getTime() + Math.min(24 * 60, 5 * 2 ** attempts) * 60_000);

/**
 * The service stayed away through the client's own retries: the batch's items are tried
 * again on a later run, later each time, and this run stops (the error goes on).
 */
export const afterFailure =
  (db: Db, rows: readonly DfeRow[], now: Date) =>
  async (error: unknown): Promise<DfeAnswer> => {
    for (const row of rows) await changeItem(db, row.id, { state: row.state, attempted: true, nextAttemptAt: retryAt(row.attempts, now) });
    throw error;
  };
