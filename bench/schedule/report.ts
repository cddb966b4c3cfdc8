// The bench's tables and its verdict on the aims: S against the optimum (gap per
// seed and the median), M and L against greedy (on the whole soft cost, and on the part
// above the completion floor: the days to completion no schedule can avoid).
import type { MilpAnswer } from './milp-worker.ts';

export type Run = { hard: number; cost: number; unplaced: number; ms: number; parts: Record<string, number> };
export type Replan = { ms: number; moved: number; hard: number };
export type SeedResult = {
  size: string;
  seed: number;
  /** The least the completion term can be (Proposal.costFloor): in every schedule's cost. */
  floor: number;
  ours: Run;
  greedy: Run;
  optimum: MilpAnswer | null;
  replan: Replan | null;
};
export type Bench = { machine: { cores: number; cpu: string; node: string }; milpThreads: number; results: SeedResult[]; totalSeconds: number };

const AIM = { gapPct: 1, smallMs: 5_000, largeMs: 10_000, belowGreedyPct: 25, replanMs: 1_000, replanMoved: 3 };

export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const pct = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? '—' : `${x.toFixed(digits)}%`);
const secs = (ms: number) => (ms / 1000).toFixed(2);
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

/** How far `ours` is below `base`, in % of `base` (negative: above). */
const below = (ours: number, base: number) => (base === 0 ? 0 : ((base - ours) / base) * 100);

const gapTo = (cost: number, best: number) => (best === 0 ? (cost === 0 ? 0 : Number.POSITIVE_INFINITY) : ((cost - best) / best) * 100);

/** Our gap to the optimum in %: to the best HiGHS found, and to its bound (the same when proven; the true gap lies between). */
export function gapOf(r: SeedResult): { best: number; bound: number; proven: boolean } | null {
  if (!r.optimum?.ok || !r.optimum.optimum.fitted) return null;
  const o = r.optimum.optimum;
  const best = gapTo(r.ours.cost, o.cost);
  return o.optimal ? { best, bound: best, proven: true } : { best, bound: gapTo(r.ours.cost, Math.min(o.cost, o.bound)), proven: false };
}

/**
 * The gap without the penalty for the assessments the optimum too leaves without a date (no
 * assessor approved, or none free): where an S instance's cost is mostly that, the gap on
 * the whole cost looks smaller than the schedule's difference is.
 */
export function placedGapOf(r: SeedResult): number | null {
  if (!r.optimum?.ok || !r.optimum.optimum.fitted) return null;
  const o = r.optimum.optimum;
  return gapTo(r.ours.cost - o.parts.unplaced, o.cost - o.parts.unplaced);
}

/** The median gap, and the most it could be where optima are not proven; null unless every seed has one. */
function medianGap(results: readonly SeedResult[]): { best: number; bound: number; proven: boolean } | null {
  const gaps = results.map(gapOf);
  if (gaps.length === 0 || gaps.some((g) => g === null)) return null;
  const all = gaps as { best: number; bound: number; proven: boolean }[];
  return { best: median(all.map((g) => g.best)) ?? 0, bound: median(all.map((g) => g.bound)) ?? 0, proven: all.every((g) => g.proven) };
}

const showGap = (g: { best: number; bound: number; proven: boolean } | null) =>
  !g ? '—' : g.proven || g.best === g.bound ? pct(g.best) : `${pct(g.best)} to ${pct(g.bound)}`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((s, c) => (c === 0 ? s.padEnd(widths[c] ?? 0) : s.padStart(widths[c] ?? 0))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function smallTable(results: readonly SeedResult[]): string {
  const rows = results.map((r) => {
    const o = r.optimum?.ok ? r.optimum.optimum : null;
    const status = r.optimum ? (r.optimum.ok ? (o?.optimal ? 'optimal' : `${o?.status}, gap ${pct((o?.mipGap ?? Number.NaN) * 100)}`) : `error`) : 'not run';
    return [
      String(r.seed),
      String(r.ours.hard),
      String(r.ours.cost),
      secs(r.ours.ms),
      String(r.greedy.hard),
      String(r.greedy.cost),
      secs(r.greedy.ms),
      String(r.floor),
      o ? String(o.cost) : '—',
      status,
      o ? secs(o.ms) : '—',
      showGap(gapOf(r)),
      pct(placedGapOf(r)),
    ];
  });
  const head = [
    'S seed',
    'ours hard',
    'ours cost',
    'ours s',
    'greedy hard',
    'greedy cost',
    'greedy s',
    'floor',
    'optimum',
    'MILP status',
    'MILP s',
    'gap',
    'gap excl. unplaced',
  ];
  return table(head, rows);
}

function largeTable(results: readonly SeedResult[]): string {
  const rows = results.map((r) => [
    `${r.size} ${r.seed}`,
    String(r.ours.hard),
    String(r.ours.cost),
    String(r.ours.unplaced),
    secs(r.ours.ms),
    String(r.greedy.hard),
    String(r.greedy.cost),
    String(r.greedy.unplaced),
    secs(r.greedy.ms),
    String(r.floor),
    pct(below(r.ours.cost, r.greedy.cost), 1),
    pct(below(r.ours.cost - r.floor, r.greedy.cost - r.floor), 1),
  ]);
  const head = [
    'size seed',
    'ours hard',
    'ours cost',
    'unplaced',
    'ours s',
    'greedy hard',
    'greedy cost',
    'unplaced',
    'greedy s',
    'floor',
    'below greedy',
    'above floor: below greedy',
  ];
  return table(head, rows);
}

function aims(bench: Bench): string[] {
  const lines: string[] = [];
  const small = bench.results.filter((r) => r.size === 'S');
  if (small.length > 0) {
    const gap = medianGap(small);
    const slowest = Math.max(...small.map((r) => r.ours.ms));
    const fast = slowest <= AIM.smallMs;
    // Unproven optima leave the gap between two figures: yes only when the larger is within the aim.
    const verdict = !gap ? 'NO' : fast && gap.bound <= AIM.gapPct ? 'yes' : !fast || gap.best > AIM.gapPct ? 'NO' : 'not settled';
    const why = gap?.proven
      ? `median gap ${pct(gap.best)}`
      : `median gap ${showGap(gap)}: some optima not proven, the gap lies between the best HiGHS found and its bound`;
    const placed = `${pct(median(small.flatMap((r) => placedGapOf(r) ?? [])))} without the unplaced the optimum has too`;
    lines.push(
      `S within ${AIM.gapPct}% of the optimum (median of ${small.length} seeds) in ${AIM.smallMs / 1000} s: ${verdict} (${why}; ${placed}; slowest ${secs(slowest)} s)`,
    );
  }
  for (const size of ['M', 'L']) {
    const runs = bench.results.filter((r) => r.size === size);
    if (runs.length === 0) continue;
    const hard = runs.reduce((n, r) => n + r.ours.hard, 0);
    const slowest = Math.max(...runs.map((r) => r.ours.ms));
    lines.push(
      `${size} 0 hard violations within ${AIM.largeMs / 1000} s: ${yes(hard === 0 && slowest <= AIM.largeMs)} (${hard} hard, slowest ${secs(slowest)} s)`,
    );
    const total = median(runs.map((r) => below(r.ours.cost, r.greedy.cost))) ?? 0;
    const above = median(runs.map((r) => below(r.ours.cost - r.floor, r.greedy.cost - r.floor))) ?? 0;
    lines.push(
      `${size} soft cost ≥ ${AIM.belowGreedyPct}% below greedy: whole cost ${yes(total >= AIM.belowGreedyPct)} (${pct(total, 1)}); above the completion floor ${yes(above >= AIM.belowGreedyPct)} (${pct(above, 1)})${runs.length > 1 ? ', medians' : ''}`,
    );
  }
  const replans = bench.results.flatMap((r) => (r.replan ? [r.replan] : []));
  if (replans.length === 0) lines.push('re-planning after one cancellation < 1 s, ≤ 3 moved: not measured (replan.ts not wired yet)');
  else {
    const ok = replans.every((r) => r.ms < AIM.replanMs && r.moved <= AIM.replanMoved && r.hard === 0);
    const worst = `slowest ${secs(Math.max(...replans.map((r) => r.ms)))} s, most moved ${Math.max(...replans.map((r) => r.moved))}`;
    lines.push(`re-planning after one cancellation < 1 s, ≤ 3 moved: ${yes(ok)} (${worst})`);
  }
  return lines;
}

function milpNotes(results: readonly SeedResult[]): string[] {
  return results.flatMap((r) => {
    if (!r.optimum) return [];
    if (!r.optimum.ok) return [`!! S seed ${r.seed}: the MILP failed: ${r.optimum.error}`];
    const o = r.optimum.optimum;
    const model = `${o.model.kind} model: ${o.model.columns} columns, ${o.model.rows} rows, ${o.model.dayPairs} rows for items that cannot share a day, ${o.model.planPairs} plan pairs, ${o.model.rounds} round(s)`;
    return [`S seed ${r.seed}: ${model}`, ...o.problems.map((p) => `!! S seed ${r.seed}: ${p}`)];
  });
}

export function printBench(bench: Bench, json: boolean) {
  if (json) {
    console.log(JSON.stringify({ ...bench, aims: aims(bench) }, null, 2));
    return;
  }
  const { machine } = bench;
  const out: string[] = [];
  out.push(
    `bench/schedule on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; schedule() and greedy run on one thread, timed alone (the aims are for 2 cores)`,
  );
  const small = bench.results.filter((r) => r.size === 'S');
  if (small.length > 0) {
    out.push('', smallTable(small));
    const placed = median(small.flatMap((r) => placedGapOf(r) ?? []));
    out.push(
      `median gap to the optimum: ${showGap(medianGap(small))} of the whole soft cost; ${pct(placed)} without the penalty for the assessments the optimum too leaves unplaced`,
    );
    out.push(`optimum: HiGHS MILP, ${bench.milpThreads} at a time in worker threads after the timed runs`, ...milpNotes(small));
  }
  const large = bench.results.filter((r) => r.size !== 'S');
  if (large.length > 0) out.push('', largeTable(large));
  out.push('', 'aims:', ...aims(bench).map((l) => `  ${l}`), '', `whole bench: ${bench.totalSeconds.toFixed(1)} s`);
  console.log(out.join('\n'));
}
