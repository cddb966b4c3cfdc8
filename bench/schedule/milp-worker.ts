// The optimum of one seeded instance in a worker thread, so the bench solves two MILPs at
// once on two cores (HiGHS in WebAssembly runs on one). Also the pool the runner uses.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import type { Placement } from '../../src/domain/scheduling/model.ts';
import { compile } from '../../src/domain/scheduling/problem.ts';
import { catalogue } from '../../src/standards/load.ts';
import { generate, SIZES } from './generate.ts';
import { type Optimum, optimum } from './milp.ts';
import { priceCheck } from './milp-check.ts';
import type { Kind } from './milp-model.ts';

/** `schedules`: others' schedules of the same instance, each priced by the model too (milp-check.ts). */
export type MilpJob = { size: keyof typeof SIZES; seed: number; timeLimitSeconds: number; kind: Kind; schedules: { name: string; placements: Placement[] }[] };
export type MilpAnswer = { ok: true; optimum: Optimum } | { ok: false; error: string };

async function answer(job: MilpJob): Promise<MilpAnswer> {
  try {
    const holidays = englandAndWalesBankHolidays();
    const cat = catalogue();
    const compiled = compile(generate(SIZES[job.size], job.seed, cat, holidays), cat, holidays);
    if (!compiled.ok) return { ok: false, error: `${compiled.code}: ${compiled.message}` };
    const best = await optimum(compiled.value, { timeLimitSeconds: job.timeLimitSeconds, kind: job.kind });
    for (const { name, placements } of job.schedules) {
      const wrong = await priceCheck(compiled.value, job.kind, name, placements);
      if (wrong) best.problems.push(wrong);
    }
    return { ok: true, optimum: best };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function inWorker(job: MilpJob): Promise<MilpAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', (m: MilpAnswer) => resolve(m));
    worker.once('error', (e) => resolve({ ok: false, error: e.message }));
    worker.once('exit', (code) => {
      if (code !== 0) resolve({ ok: false, error: `the MILP worker exited with ${code}` });
    });
  });
}

/** Every job's answer, in order, with at most `threads` solving at a time. */
export async function solveAll(jobs: readonly MilpJob[], threads = Math.min(2, availableParallelism())): Promise<MilpAnswer[]> {
  const answers: MilpAnswer[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    for (let n = next++; n < jobs.length; n = next++) answers[n] = await inWorker(jobs[n] as MilpJob);
  };
  await Promise.all(Array.from({ length: Math.max(1, threads) }, lane));
  return answers;
}

if (!isMainThread && parentPort) parentPort.postMessage(await answer(workerData as MilpJob));
