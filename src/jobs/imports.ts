// CSV imports from the pages as pg-boss jobs: an upload becomes a job naming its run
// (src/app/import-reports.ts), which one worker in any Capstone process takes. A run is
// taken once (claimRun), so a job fetched twice imports once; a run that stops writes
// nothing (its rows go in one transaction) and says so, so the job is not retried.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { type ImportQueue, runImport } from '../app/import-reports.ts';

export const IMPORTS_QUEUE = 'imports';

/** Creates the queue; run with the other queues' creation (under the start-up lock). */
export async function createImportsQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(IMPORTS_QUEUE, { name: IMPORTS_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 30 * 60 });
}

/** The worker, and the queue the pages hand each upload to. */
export async function workImports(boss: PgBoss, ctx: AppContext, pollingIntervalSeconds: number): Promise<ImportQueue> {
  const workerId = await boss.work<{ runId: string }>(IMPORTS_QUEUE, { pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) await runImport(ctx, job.data.runId);
  });
  return {
    async enqueue(runId) {
      const id = await boss.send(IMPORTS_QUEUE, { runId });
      if (!id) throw new Error('pg-boss did not accept the import job');
      boss.notifyWorker(workerId);
    },
  };
}
