// Runs the scheduler off the main thread: a worker per run, under a heap limit and a time
// limit past which the worker is stopped. The server's other requests are never held behind
// a search; one run at a time across every process is the use-case's advisory lock.
import { Worker } from 'node:worker_threads';
import { addDays, type IsoDate } from '../../domain/calendar/dates.ts';
import type { HolidayCalendar } from '../../domain/calendar/working-days.ts';
import type { SchedulingInstance } from '../../domain/scheduling/model.ts';
import type { SolveOptions, SolveResult } from '../../domain/scheduling/solve.ts';
import type { Catalogue } from '../../domain/standards/catalogue.ts';
import type { SolverRequest } from './solver-worker.ts';

const WORKER = new URL('./solver-worker.ts', import.meta.url);
const HEAP_MB = 1024;
/** Past the search's own stop, what compiling and checking the result may take. */
const GRACE_MS = 20_000;

/** Bank holidays from a year before `today` to a year after the schedule's end: every date a rule may count through. */
function bankHolidays(holidays: HolidayCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = addDays(from, -400); d <= addDays(to, 400); d = addDays(d, 1)) if (holidays.isBankHoliday(d)) days.push(d);
  return days;
}

export async function runSolver(
  kind: 'schedule' | 'replan',
  instance: SchedulingInstance,
  at: { catalogue: Catalogue; holidays: HolidayCalendar },
  options: SolveOptions = {},
): Promise<SolveResult> {
  const request: SolverRequest = { kind, instance, catalogue: at.catalogue, bankHolidays: bankHolidays(at.holidays, instance.today, instance.to), options };
  return inWorker(request, (options.timeLimitMs ?? 9_000) + GRACE_MS);
}

function inWorker(request: SolverRequest, limitMs: number): Promise<SolveResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    let settled = false;
    const finish = (result: SolveResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, code: 'SCHEDULER_TIMED_OUT', message: `the scheduler took longer than ${Math.round(limitMs / 1000)} s and was stopped` }),
      limitMs,
    );
    worker.on('message', (result: SolveResult) => finish(result));
    worker.on('error', (error) => finish({ ok: false, code: 'SCHEDULER_FAILED', message: error.message }));
    worker.on('exit', (code) => finish({ ok: false, code: 'SCHEDULER_FAILED', message: `the scheduler stopped (exit ${code})` }));
    worker.postMessage(request);
  });
}
