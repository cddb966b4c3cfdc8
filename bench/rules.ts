// bench/rules: grades per second and gateway checks per second in-process, and the CLI's
// cold start (a whole `capstone grade` process). Prints its figures; asserts nothing.
//   node bench/rules.ts            (npm run bench)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkGateway } from '../src/domain/gateway/eligibility.ts';
import { GatewayInput } from '../src/domain/gateway/input.ts';
import { gradeEpa } from '../src/domain/grading/grade-epa.ts';
import { GradeInput } from '../src/domain/grading/input.ts';
import { resolve } from '../src/domain/standards/catalogue.ts';
import { catalogue } from '../src/standards/load.ts';

const root = join(import.meta.dirname, '..');
const data = catalogue();
const example = (name: string) => JSON.parse(readFileSync(join(root, 'examples', name), 'utf8'));

function rate(label: string, run: () => void, seconds = 1.5): number {
  for (let i = 0; i < 2000; i++) run(); // warm-up
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 500; i++) run();
    n += 500;
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(36)} ${Math.round(perSecond).toLocaleString('en-GB').padStart(12)} /s`);
  return perSecond;
}

// Requests are parsed once, as the API and CLI do before calling the engine.
const grade71 = GradeInput.parse(example('grade-st0071.json'));
const grade72 = GradeInput.parse(example('grade-st0072.json'));
const st0071 = resolve(data, 'ST0071@1.2', null);
const st0072 = resolve(data, 'ST0072@1.1', null);
const gateway = GatewayInput.parse(example('gateway-st0071.json'));
const pal = resolve(data, 'ST0071@1.2', 'PAL');
if (!st0071.ok || !st0072.ok || !pal.ok) throw new Error('catalogue');

console.log(`bench/rules on Node ${process.version}`);
rate('grades (ST0071@1.2, 61 criteria)', () => gradeEpa(st0071.value.index, grade71));
rate('grades (ST0072@1.1, carry-over)', () => gradeEpa(st0072.value.index, grade72));
rate('gateway checks (ST0071@1.2, PAL)', () => checkGateway(pal.value, data.fundingRules, gateway));
rate('grades incl. request validation', () => gradeEpa(st0071.value.index, GradeInput.parse(example('grade-st0071.json'))), 1);

const runs = Number(process.env.COLD_START_RUNS ?? 15);
const input = readFileSync(join(root, 'examples', 'grade-st0071.json'));
const times: number[] = [];
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now();
  const r = spawnSync(join(root, 'bin', 'capstone'), ['grade'], { input });
  if (r.status !== 0) throw new Error(`capstone grade exited ${r.status}: ${r.stderr}`);
  if (i > 0) times.push(performance.now() - start); // the first run fills the compile cache
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
console.log(
  `${'CLI cold start (capstone grade)'.padEnd(36)} ${median.toFixed(0).padStart(12)} ms median of ${runs} (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)})`,
);
