// CSV imports run as background work: each run's file until it is read, its progress, and
// its report or the problem that stopped it.
import type { Db } from '../database.ts';

export type ImportRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** What the progress page shows of a run: never the file, and the report only once it is done. */
export type ImportRunState = { id: string; status: ImportRunStatus; total: number | null; validated: number; problem: unknown };

/** A new run; false when the id is taken (the same form sent again, or another file under its key). */
export async function createRun(
  db: Db,
  run: { id: string; userId: string; actor: unknown; fileSha256: string; file: string; total: number; options: unknown },
): Promise<boolean> {
  const made = await db
    .insertInto('importRuns')
    .values({ ...run, actor: JSON.stringify(run.actor), options: JSON.stringify(run.options), status: 'queued' })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return made !== undefined;
}

/** The run's owner and file hash, to tell the same form sent again from another file under its key. */
export async function runOwner(db: Db, id: string): Promise<{ userId: string; fileSha256: string; status: ImportRunStatus } | undefined> {
  return db.selectFrom('importRuns').select(['userId', 'fileSha256', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function runState(db: Db, userId: string, id: string): Promise<ImportRunState | undefined> {
  return db
    .selectFrom('importRuns')
    .select(['id', 'status', 'total', 'validated', 'problem'])
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function runReport(db: Db, userId: string, id: string): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('importRuns')
    .select('report')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('status', '=', 'done')
    .executeTakeFirst();
  return row?.report ?? undefined;
}

/** Takes a queued run to run it: its actor and file, or nothing when it is not queued (another worker has it). */
export async function claimRun(db: Db, id: string): Promise<{ actor: unknown; file: string; options: unknown } | undefined> {
  const row = await db
    .updateTable('importRuns')
    .set({ status: 'running' })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning(['actor', 'file', 'options'])
    .executeTakeFirst();
  return row?.file == null ? undefined : { actor: row.actor, file: row.file, options: row.options };
}

export async function recordProgress(db: Db, id: string, progress: { validated: number; total: number }): Promise<void> {
  await db.updateTable('importRuns').set(progress).where('id', '=', id).execute();
}

/** The run's end: its report or its problem; the file is let go either way. */
export async function finishRun(db: Db, id: string, end: { report: unknown } | { problem: unknown }): Promise<void> {
  const set =
    'report' in end
      ? { status: 'done' as const, report: JSON.stringify(end.report), problem: null }
      : { status: 'failed' as const, report: null, problem: JSON.stringify(end.problem) };
  await db
    .updateTable('importRuns')
    .set({ ...set, file: null, finishedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Runs still waiting for a worker (a process that stopped before taking them). */
export async function queuedRunIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('importRuns').select('id').where('status', '=', 'queued').orderBy('createdAt').execute()).map((r) => r.id);
}
