// The scheduler's thread: an instance in, a proposal out. The search takes seconds at an
// EPAO's volume, so it runs here and the server goes on answering (run-solver.ts).
import { parentPort } from 'node:worker_threads';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { SchedulingInstance } from '../../domain/scheduling/model.ts';
import { replan } from '../../domain/scheduling/replan.ts';
import { type SolveOptions, schedule } from '../../domain/scheduling/solve.ts';
import type { Catalogue } from '../../domain/standards/catalogue.ts';

export type SolverRequest = {
  kind: 'schedule' | 'replan';
  instance: SchedulingInstance;
  catalogue: Catalogue;
  /** The bank holidays from well before today to well after the schedule's last day. */
  bankHolidays: IsoDate[];
  options: SolveOptions;
};

parentPort?.on('message', (request: SolverRequest) => {
  const holidays = new Set(request.bankHolidays);
  const calendar = { isBankHoliday: (date: IsoDate) => holidays.has(date) };
  try {
    const solve = request.kind === 'replan' ? replan : schedule;
    parentPort?.postMessage(solve(request.instance, request.catalogue, calendar, request.options));
  } catch (error) {
    parentPort?.postMessage({ ok: false, code: 'SCHEDULER_FAILED', message: (error as Error).message });
  }
});
