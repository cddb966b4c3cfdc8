// The DfE queue as a pg-boss job: every 10 minutes, one run (src/app/dfe/run.ts) in whichever
// Capstone process takes it (a singleton queue: never two runs at once). Only scheduled when
// Capstone is connected (DFE_API_URL and DFE_SUBSCRIPTION_KEY); the run itself retries what
// the service did not take, later each time.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import { dfeApiOf } from '../app/dfe/connection.ts';
import { runDfe } from '../app/dfe/run.ts';
import { dfeConnected, dfeSettings } from '../app/dfe/settings.ts';

export const DFE_QUEUE = 'dfe';

type Log = { info(details: object, message: string): void };

/** Creates and schedules the queue when connected; run with the other queues' creation (under the start-up lock). */
export async function createDfeQueue(boss: PgBoss): Promise<boolean> {
  if (!dfeConnected(dfeSettings())) return false;
  await boss.createQueue(DFE_QUEUE, { name: DFE_QUEUE, policy: 'singleton', retryLimit: 2, retryDelay: 120, expireInSeconds: 30 * 60 });
  await boss.schedule(DFE_QUEUE, '*/10 * * * *', {});
  return true;
}

/** The worker; with `runOnStart`, one run as the process starts (as the reminders have). */
export async function workDfe(boss: PgBoss, ctx: AppContext, pollingIntervalSeconds: number, log: Log, runOnStart: boolean): Promise<void> {
  // Worked where it was scheduled: only when the environment connects Capstone.
  const api = dfeConnected(dfeSettings()) ? dfeApiOf(ctx) : null;
  if (!api) return;
  const workerId = await boss.work(DFE_QUEUE, { pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) {
      const report = await runDfe(ctx, api, { by: 'Capstone (DfE queue job)' });
      // Counts only: never the settings' key.
      log.info({ job: job.id, epa: report.epa, certificates: report.certificates, statuses: report.statuses, stopped: report.stopped }, 'DfE run');
    }
  });
  if (runOnStart) {
    await boss.send(DFE_QUEUE, { reason: 'start' }, { singletonKey: 'start', singletonSeconds: 60 });
    boss.notifyWorker(workerId);
  }
}
