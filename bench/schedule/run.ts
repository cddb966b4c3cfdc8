// bench/schedule: the scheduler against a greedy earliest-slot baseline on seeded instances
// (generate.ts) of sizes S (30 assessments, 5 assessors, 10 working days), M (500 / 50 / 60)
// and L (5,000 / 300 / 90), and for S against the exact optimum (milp.ts, HiGHS). Prints hard
// violations, soft cost and time for each, the gap to the optimum, how far below greedy, and
// the aims with yes or no. The solver and greedy run one at a time, timed alone; the
// MILPs run afterwards, two at a time in worker threads.
// `npm run bench:schedule`; flags: --sizes S,M,L  --seeds N (default 10 for S, 1 for M and L)
// --json  --milp-seconds N (HiGHS's limit per instance, default 90)  --milp day|time  --no-milp.
// Exits 1 when a MILP fails or disagrees with the rules (verify) or the cost (costParts): a
// smoke test of the model to run by hand, `--sizes S --seeds 1` (about 15 s).
import { availableParallelism, cpus } from 'node:os';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import type { HolidayCalendar } from '../../src/domain/calendar/working-days.ts';
import type { Proposal, SchedulingInstance } from '../../src/domain/scheduling/model.ts';
import { schedule } from '../../src/domain/scheduling/solve.ts';
import type { Catalogue } from '../../src/domain/standards/catalogue.ts';
import { catalogue } from '../../src/standards/load.ts';
import { replanAfterCancellation } from './cancel.ts';
import { generate, SIZES } from './generate.ts';
import { greedy } from './greedy.ts';
import type { Kind } from './milp-model.ts';
import { type MilpJob, solveAll } from './milp-worker.ts';
import { type Bench, printBench, type Run, type SeedResult } from './report.ts';

type SizeName = keyof typeof SIZES;
type Options = { sizes: SizeName[]; seeds: number | null; json: boolean; milpSeconds: number; milp: Kind | null };

function options(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? 'S,M,L').split(',').map((s) => s.trim().toUpperCase());
  for (const s of sizes) if (!(s in SIZES)) throw new Error(`--sizes: no size "${s}" (S, M, L)`);
  const seeds = value('--seeds');
  const kind = value('--milp') ?? 'day';
  if (kind !== 'day' && kind !== 'time') throw new Error('--milp: day or time');
  return {
    sizes: sizes as SizeName[],
    seeds: seeds === undefined ? null : Math.max(1, Number.parseInt(seeds, 10)),
    json: argv.includes('--json'),
    milpSeconds: Number(value('--milp-seconds') ?? 90),
    milp: argv.includes('--no-milp') ? null : kind,
  };
}

function ours(instance: SchedulingInstance, cat: Catalogue, holidays: HolidayCalendar): { run: Run; proposal: Proposal; floor: number } {
  const started = performance.now();
  const result = schedule(instance, cat, holidays);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`schedule() refused the instance: ${result.code}: ${result.message}`);
  const p = result.proposal;
  return { run: { hard: p.hardViolations, cost: p.cost, unplaced: p.unplaced.length, ms, parts: p.costParts }, proposal: p, floor: p.costFloor };
}

type Schedules = MilpJob['schedules'];

function runSeed(size: SizeName, seed: number, cat: Catalogue, holidays: HolidayCalendar): SeedResult & { schedules: Schedules } {
  const instance = generate(SIZES[size], seed, cat, holidays);
  const mine = ours(instance, cat, holidays);
  const base = greedy(instance, cat, holidays);
  return {
    schedules: [
      { name: 'ours', placements: mine.proposal.placements },
      { name: 'greedy', placements: base.placements },
    ],
    size,
    seed,
    floor: mine.floor,
    ours: mine.run,
    greedy: { hard: base.hardViolations, cost: base.cost, unplaced: base.unplaced, ms: base.ms, parts: { ...base.parts } },
    optimum: null,
    replan: replanAfterCancellation(instance, mine.proposal, seed, cat, holidays),
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const cat = catalogue();
  const holidays = englandAndWalesBankHolidays();
  const started = performance.now();
  const results: SeedResult[] = [];
  const schedules = new Map<SeedResult, Schedules>();
  for (const size of opts.sizes) {
    const seeds = opts.seeds ?? (size === 'S' ? 10 : 1);
    for (let seed = 1; seed <= seeds; seed++) {
      if (!opts.json) process.stderr.write(`${size} seed ${seed}…\n`);
      const { schedules: both, ...result } = runSeed(size, seed, cat, holidays);
      results.push(result);
      schedules.set(result, both);
    }
  }
  const small = results.filter((r) => r.size === 'S');
  const kind = opts.milp;
  if (kind && small.length > 0) {
    if (!opts.json) process.stderr.write(`S: ${small.length} MILPs (HiGHS, ${kind} model, ≤ ${opts.milpSeconds} s each)…\n`);
    const jobs = small.map((r): MilpJob => ({ size: 'S', seed: r.seed, timeLimitSeconds: opts.milpSeconds, kind, schedules: schedules.get(r) ?? [] }));
    const answers = await solveAll(jobs);
    small.forEach((r, n) => {
      r.optimum = answers[n] ?? { ok: false, error: 'no answer' };
    });
  }
  const bench: Bench = {
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? '', node: process.version },
    milpThreads: Math.min(2, availableParallelism()),
    results,
    totalSeconds: (performance.now() - started) / 1000,
  };
  printBench(bench, opts.json);
  const broken = results.some((r) => r.optimum && (!r.optimum.ok || r.optimum.optimum.problems.length > 0));
  process.exitCode = broken ? 1 : 0;
}

await main();
