// Runs the scheduler off the main thread: one worker, kept warm between runs (loading the
// solver costs more than a small schedule) and retired after a minute unused, under a heap
// limit and a time limit past which it is stopped and replaced. The server's other requests
// are never held behind a search; one run at a time across every process is the use-case's
// advisory lock, and in this process a run waits for the one before it.
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
const IDLE_MS = 60_000;

let warm: { worker: Worker; idle?: NodeJS.Timeout } | null = null;
let turn: Promise<unknown> = Promise.resolve();

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
  const run = turn.then(() => inWorker(request, (options.timeLimitMs ?? 9_000) + GRACE_MS));
  turn = run.catch(() => undefined);
  return run;
}

function take(): Worker {
  if (warm) {
    clearTimeout(warm.idle);
    warm.worker.ref();
    return warm.worker;
  }
  const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  // An 'error' nobody listens to would be thrown in the main thread: a worker that fails is forgotten.
  worker.on('error', () => forget(worker)).on('exit', () => forget(worker));
  warm = { worker };
  return worker;
}

function forget(worker: Worker) {
  if (warm?.worker === worker) {
    clearTimeout(warm.idle);
    warm = null;
  }
  void worker.terminate();
}

function putBack(worker: Worker) {
  if (warm?.worker !== worker) return;
  // An idle worker does not keep the process alive, and leaves after a minute unused.
  worker.unref();
  warm.idle = setTimeout(() => forget(worker), IDLE_MS).unref();
}

function inWorker(request: SolverRequest, limitMs: number): Promise<SolveResult> {
  const worker = take();
  return new Promise((resolve) => {
    const finish = (result: SolveResult, healthy: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy) putBack(worker);
      else forget(worker);
      resolve(result);
    };
    const onMessage = (result: SolveResult) => finish(result, true);
    const onError = (error: Error) => finish({ ok: false, code: 'SCHEDULER_FAILED', message: error.message }, false);
    const onExit = (code: number) => finish({ ok: false, code: 'SCHEDULER_FAILED', message: `the scheduler stopped (exit ${code})` }, false);
    const timer = setTimeout(
      () =>
        finish({ ok: false, code: 'SCHEDULER_TIMED_OUT', message: `the scheduler took longer than ${Math.round(limitMs / 1000)} s and was stopped` }, false),
      limitMs,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request);
  });
}
