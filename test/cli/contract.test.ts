// Black-box tests of the `capstone` CLI contract (issue 3, §3 "The rules" and §4 "The CLI contract").
// Every case spawns ./bin/capstone with JSON on stdin and checks the exit status and the output.
// Expected values come from the seed documents (../shared/seeds), cited per case, not from the code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The runner: one helper for every case.
// ---------------------------------------------------------------------------------------------

type Issue = { code: string; message: string; source: string; [detail: string]: unknown };
type MethodOut = { grade: string; unmetPass: string[]; distinctionMet: string[]; distinctionRequired: number; carriedOver?: string[] };
type GradeOut = { methods: Record<string, MethodOut>; missing: string[]; overall: string; capped: boolean };
type GatewayOut = { eligible: boolean; failures: Issue[]; warnings: Issue[] };
type PlanOut = { epaStart: string | null; epaEnd: string | null; projectDue?: string | null; recommendedOrder: string[]; windowMonths?: number };
type PlanCheckOut = { ok: boolean; violations: Issue[]; warnings: Issue[] };

type Ran = { status: number | null; stdout: string; stderr: string };

let spawns = 0;

function capstone(args: string[], input?: unknown): Ran {
  spawns += 1;
  const text = input === undefined ? '' : typeof input === 'string' ? input : JSON.stringify(input);
  const r = spawnSync('./bin/capstone', args, { cwd: ROOT, input: text, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must answer (exit 0 or 1) with JSON on stdout. */
function answer<T>(args: string[], input: unknown, exit: 0 | 1): T {
  const r = capstone(args, input);
  const context = `capstone ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, context).toBe(exit);
  let parsed: T;
  try {
    parsed = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON\n${context}`);
  }
  return parsed;
}

/** Bad input: exit 2, nothing on stdout, exactly one non-empty line on stderr. */
function rejects(args: string[], input: unknown): string {
  const r = capstone(args, input);
  const context = `capstone ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, context).toBe(2);
  expect(r.stdout, context).toBe('');
  const line = r.stderr.replace(/\n$/, '');
  expect(line.length, context).toBeGreaterThan(0);
  expect(line.includes('\n'), `stderr must be one line\n${context}`).toBe(false);
  return line;
}

const grade = (input: unknown, exit: 0 | 1) => answer<GradeOut>(['grade'], input, exit);
const gateway = (input: unknown, exit: 0 | 1) => answer<GatewayOut>(['gateway', 'check'], input, exit);
const plan = (input: unknown) => answer<PlanOut>(['plan'], input, 0);
const planCheck = (input: unknown, exit: 0 | 1) => answer<PlanCheckOut>(['plan', 'check'], input, exit);

/** Every failure, violation and warning is {code, message, source, ...details}, one per code. */
function codes(list: Issue[]): string[] {
  for (const issue of list) {
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(typeof issue.source).toBe('string');
    expect(issue.source.length).toBeGreaterThan(0);
  }
  const all = list.map((i) => i.code);
  expect(new Set(all).size, `one entry per code: ${all.join(', ')}`).toBe(all.length);
  return [...all].sort();
}
const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
const issue = (list: Issue[], code: string): Issue => {
  const found = list.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} in ${JSON.stringify(list)}`);
  return found;
};

// ---------------------------------------------------------------------------------------------
// Arithmetic the fixtures rely on, done here from the issue's own rules (and checked below).
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY);

// England & Wales bank holidays 2026 (gov.uk/bank-holidays): Good Friday 3 April, Easter Monday 6 April,
// Christmas Day Friday 25 December, Boxing Day (Saturday) substituted on Monday 28 December.
const BANK_HOLIDAYS_2026 = new Set(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
/** Issue §3 "Counting": the Nth working day after `from` (the day itself not counted). */
function nthWorkingDayAfter(from: string, n: number): string {
  let t = toUtc(from);
  let count = 0;
  while (count < n) {
    t += DAY;
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6 && !BANK_HOLIDAYS_2026.has(iso(t))) count += 1;
  }
  return iso(t);
}

/** Issue §3: the LRS ULN rule. Returns the check digit for nine digits, or null when r = 0. */
function ulnCheckDigit(nine: string): number | null {
  const sum = [...nine].reduce((acc, digit, i) => acc + Number(digit) * (10 - i), 0);
  const r = sum % 11;
  return r === 0 ? null : 10 - r;
}
const VALID_ULN = `123456789${ulnCheckDigit('123456789')}`; // 210 mod 11 = 1 → check digit 9
const BAD_CHECK_DIGIT_ULN = '1234567890';
const LEADING_ZERO_ULN = `012345678${ulnCheckDigit('012345678')}`; // 156 mod 11 = 2 → 8, but a ULN may not start with 0

// ---------------------------------------------------------------------------------------------
// Criteria, as the seeds number them.
// ---------------------------------------------------------------------------------------------

const range = (prefix: string, n: number, from = 1) => Array.from({ length: n - from + 1 }, (_, i) => `${prefix}${from + i}`);

// ST0071 v1.2: 004 (PAL) Table 3 numbering — observation P1–P20, D1–D2; project P1–P16, D1–D9;
// discussion P1–P12, D1–D2 (001 Appendix B content).
const V12 = {
  observation: { pass: range('observation.P', 20), dist: range('observation.D', 2) },
  project: { pass: range('project.P', 16), dist: range('project.D', 9) },
  discussion: { pass: range('discussion.P', 12), dist: range('discussion.D', 2) },
};
// ST0071 v1.1 (000, VTCT): the professional discussion has three distinction descriptors.
const V11 = { ...V12, discussion: { pass: range('discussion.P', 12), dist: range('discussion.D', 3) } };

// ST0072 (003, Highfield kit): showcase 10 distinction criteria, observation 5, discussion 4.
const ST72 = {
  showcase: {
    pass: [
      ...range('K2.', 5),
      ...range('K7.', 2),
      ...range('K3.', 3),
      ...range('K4.', 2),
      ...range('S11.', 2),
      ...range('S10.', 3),
      ...range('S12.', 6),
      ...range('B13.', 2),
      ...range('B14.', 2),
      ...range('B15.', 3),
    ],
    dist: ['K2.6', 'K7.3', 'K3.4', 'K3.5', 'S11.3', 'S10.4', 'S12.7', 'B13.3', 'B15.4', 'B15.5'],
  },
  observation: {
    common: [...range('S8.', 3), ...range('B16.', 2), ...range('B17.', 2), ...range('B18.', 6)],
    faceToFace: range('S9.', 3), // S9.1–S9.3 "Face to face"
    nonFacing: range('S9.', 6, 4), // S9.4–S9.6 "Non-facing"
    dist: ['S8.4', 'S8.5', 'S8.6', 'S9.7', 'S9.8'],
  },
  discussion: { pass: [...range('K1.', 3), ...range('K5.', 2), ...range('K6.', 2)], dist: ['K1.4', 'K1.5', 'K1.6', 'K6.3'] },
};
const st72f2fObservation = [...ST72.observation.common, ...ST72.observation.faceToFace];

// ST0071 KSBs assessed by the professional discussion (001 Appendix A; numbering 002, no S8).
const DISCUSSION_KSBS = ['K2', 'K5', 'K7', 'K9', 'K10', 'K12', 'K18', 'S2', 'S9', 'B1', 'B2', 'B5', 'B8'];

function pieces(n: number, ksbs: string[] = []): { id: string; ksbs: string[] }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `E${i + 1}`, ksbs: i === 0 ? ksbs : [] }));
}
/** Ten pieces that between them cover the given KSBs. */
function coveringPieces(ksbs: string[]): { id: string; ksbs: string[] }[] {
  return Array.from({ length: 10 }, (_, i) => ({ id: `E${i + 1}`, ksbs: ksbs.filter((_, k) => k % 10 === i) }));
}

// ---------------------------------------------------------------------------------------------

describe('fixtures (arithmetic from the issue, not from the engine)', () => {
  it('computes the ULN check digit, the day counts and the working days the cases rely on', () => {
    expect(VALID_ULN).toBe('1234567899');
    expect(LEADING_ZERO_ULN).toBe('0123456788');
    expect(ulnCheckDigit('123456789')).not.toBe(0);
    expect(daysBetween('2024-03-01', '2025-03-01')).toBe(365);
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
    expect(daysBetween('2026-01-16', '2026-04-16')).toBe(90);
    expect(nthWorkingDayAfter('2026-03-20', 20)).toBe('2026-04-21'); // Easter 2026 in between
    expect(nthWorkingDayAfter('2026-12-01', 20)).toBe('2026-12-31'); // Christmas 2026 in between
    expect(nthWorkingDayAfter('2026-03-31', 10)).toBe('2026-04-16');
    expect(nthWorkingDayAfter('2026-04-01', 10)).toBe('2026-04-17');
  });
});

// ---------------------------------------------------------------------------------------------
// capstone grade
// ---------------------------------------------------------------------------------------------

describe('capstone grade — ST0071 (001 §8 and Appendix B)', () => {
  const passOnly = (v = V12) => ({
    observation: { met: v.observation.pass },
    project: { met: v.project.pass },
    discussion: { met: v.discussion.pass },
  });
  const allDistinction = (v = V12) => ({
    observation: { met: [...v.observation.pass, ...v.observation.dist] },
    project: { met: [...v.project.pass, ...v.project.dist] },
    discussion: { met: [...v.discussion.pass, ...v.discussion.dist] },
  });

  it('every pass criterion met → pass in every method and overall (exit 0); channel is ignored for ST0071', () => {
    const out = grade({ standard: 'ST0071@1.2', exceptionalCircumstances: false, context: { channel: 'non-facing' }, methods: passOnly() }, 0);
    expect(out.overall).toBe('pass');
    expect(out.capped).toBe(false);
    expect(out.missing).toEqual([]);
    for (const m of ['observation', 'project', 'discussion']) {
      expect(out.methods[m]?.grade, m).toBe('pass');
      expect(out.methods[m]?.unmetPass, m).toEqual([]);
      expect(out.methods[m]?.distinctionMet, m).toEqual([]);
    }
    // 001 Appendix B: "all the pass criteria and all the following" — 2, 9 and 2 distinction criteria.
    expect(out.methods.observation?.distinctionRequired).toBe(2);
    expect(out.methods.project?.distinctionRequired).toBe(9);
    expect(out.methods.discussion?.distinctionRequired).toBe(2);
    expect(out.methods.observation?.carriedOver ?? []).toEqual([]);
  });

  it('every pass and distinction criterion met → distinction overall', () => {
    const out = grade({ standard: 'ST0071@1.2', methods: allDistinction() }, 0);
    expect(out.overall).toBe('distinction');
    expect(out.capped).toBe(false);
    for (const m of ['observation', 'project', 'discussion']) expect(out.methods[m]?.grade, m).toBe('distinction');
    expect(sorted(out.methods.project?.distinctionMet)).toEqual(sorted(V12.project.dist));
  });

  it('one pass criterion missing → that method fails and the EPA fails (exit 1), listing it in unmetPass', () => {
    const methods = allDistinction();
    methods.observation.met = methods.observation.met.filter((c) => c !== 'observation.P5');
    const out = grade({ standard: 'ST0071@1.2', methods }, 1);
    expect(out.methods.observation?.grade).toBe('fail');
    expect(out.methods.observation?.unmetPass).toEqual(['observation.P5']);
    expect(out.methods.project?.grade).toBe('distinction');
    expect(out.overall).toBe('fail');
  });

  it('a method not assessed → overall "incomplete" with it in `missing` (exit 1)', () => {
    const { observation, project } = passOnly();
    const out = grade({ standard: 'ST0071@1.2', methods: { observation, project } }, 1);
    expect(out.overall).toBe('incomplete');
    expect(out.missing).toEqual(['discussion']);
    expect(out.methods.observation?.grade).toBe('pass');
  });

  it('a re-sit (attempt 2) with every distinction criterion met is capped at pass (001 §8), capped: true', () => {
    const methods = allDistinction();
    const out = grade({ standard: 'ST0071@1.2', methods: { ...methods, observation: { ...methods.observation, attempt: 2 } } }, 0);
    expect(out.methods.observation?.grade).toBe('pass');
    expect(out.methods.project?.grade).toBe('distinction');
    expect(out.overall).toBe('pass');
    expect(out.capped).toBe(true);
  });

  it('the same re-sit with exceptional circumstances recorded keeps its distinction, capped: false', () => {
    const methods = allDistinction();
    const out = grade(
      { standard: 'ST0071@1.2', exceptionalCircumstances: true, methods: { ...methods, observation: { ...methods.observation, attempt: 2 } } },
      0,
    );
    expect(out.methods.observation?.grade).toBe('distinction');
    expect(out.overall).toBe('distinction');
    expect(out.capped).toBe(false);
  });

  it('ST0071@1.1: the discussion needs D1–D3 for distinction (000); D1–D2 is a pass, and a re-sit whose grade the cap did not lower is not "capped"', () => {
    const methods = allDistinction(V11);
    const discussion = { met: [...V11.discussion.pass, 'discussion.D1', 'discussion.D2'], attempt: 2 };
    const out = grade({ standard: 'ST0071@1.1', methods: { ...methods, discussion } }, 0);
    expect(out.methods.discussion?.grade).toBe('pass');
    expect(out.methods.discussion?.distinctionRequired).toBe(3);
    expect(out.methods.observation?.grade).toBe('distinction');
    expect(out.overall).toBe('pass');
    expect(out.capped).toBe(false);
  });

  it('ST0071@1.1 with D1–D3 in the discussion → distinction', () => {
    const out = grade({ standard: 'ST0071@1.1', methods: allDistinction(V11) }, 0);
    expect(out.methods.discussion?.grade).toBe('distinction');
    expect(out.overall).toBe('distinction');
  });
});

describe('capstone grade — ST0072 (003 "Assessment summary", carry-over, channels)', () => {
  it('exactly at the thresholds — showcase 7 of 10, observation 4 of 5, discussion 3 of 4 → distinction', () => {
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'face-to-face' },
        methods: {
          showcase: { met: [...ST72.showcase.pass, ...ST72.showcase.dist.slice(0, 7)] },
          observation: { met: [...st72f2fObservation, ...ST72.observation.dist.slice(0, 4)] },
          discussion: { met: [...ST72.discussion.pass, ...ST72.discussion.dist.slice(0, 3)] },
        },
      },
      0,
    );
    expect(out.methods.showcase?.grade).toBe('distinction');
    expect(out.methods.observation?.grade).toBe('distinction');
    expect(out.methods.discussion?.grade).toBe('distinction');
    expect(out.methods.showcase?.distinctionRequired).toBe(7);
    expect(out.methods.observation?.distinctionRequired).toBe(4);
    expect(out.methods.discussion?.distinctionRequired).toBe(3);
    expect(out.overall).toBe('distinction');
  });

  it('one below each threshold — 6 of 10, 3 of 5, 2 of 4 → pass', () => {
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'face-to-face' },
        methods: {
          showcase: { met: [...ST72.showcase.pass, ...ST72.showcase.dist.slice(0, 6)] },
          observation: { met: [...st72f2fObservation, ...ST72.observation.dist.slice(0, 3)] },
          discussion: { met: [...ST72.discussion.pass, ...ST72.discussion.dist.slice(0, 2)] },
        },
      },
      0,
    );
    expect(out.methods.showcase?.grade).toBe('pass');
    expect(out.methods.observation?.grade).toBe('pass');
    expect(out.methods.discussion?.grade).toBe('pass');
    expect(out.overall).toBe('pass');
  });

  it('a non-facing apprentice need not meet the face-to-face criteria; a face-to-face one listed is ignored, not an error', () => {
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'non-facing' },
        methods: {
          showcase: { met: ST72.showcase.pass },
          observation: { met: [...ST72.observation.common, ...ST72.observation.nonFacing, 'S9.1', ...ST72.observation.dist] },
          discussion: { met: ST72.discussion.pass },
        },
      },
      0,
    );
    expect(out.methods.observation?.grade).toBe('distinction');
    expect(out.methods.observation?.unmetPass).toEqual([]);
    expect(out.overall).toBe('pass');
  });

  it('channel "both": the face-to-face and the non-facing criteria all apply', () => {
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'both' },
        methods: {
          showcase: { met: ST72.showcase.pass },
          observation: { met: st72f2fObservation },
          discussion: { met: ST72.discussion.pass },
        },
      },
      1,
    );
    expect(out.methods.observation?.grade).toBe('fail');
    expect(sorted(out.methods.observation?.unmetPass)).toEqual(sorted(ST72.observation.nonFacing));
    expect(out.overall).toBe('fail');
  });

  it('carry-over: observation criteria not evidenced and met in the discussion count (pass and distinction); no cap on a re-sit', () => {
    const observationMet = [...st72f2fObservation.filter((c) => c !== 'S8.1'), 'S8.5', 'S8.6', 'S9.7'];
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'face-to-face' },
        methods: {
          showcase: { met: [...ST72.showcase.pass, ...ST72.showcase.dist], attempt: 2 },
          observation: { met: observationMet, notEvidenced: ['S8.1', 'S8.4'] },
          discussion: { met: [...ST72.discussion.pass, ...ST72.discussion.dist, 'S8.1', 'S8.4'] },
        },
      },
      0,
    );
    expect(out.methods.observation?.grade).toBe('distinction'); // S8.4 carried: 4 of 5
    expect(sorted(out.methods.observation?.carriedOver)).toEqual(['S8.1', 'S8.4']);
    expect(out.methods.observation?.unmetPass).toEqual([]);
    expect(out.methods.showcase?.grade).toBe('distinction'); // the kit sets no cap
    expect(out.overall).toBe('distinction');
    expect(out.capped).toBe(false);
  });

  it('carry-over: an observation criterion met in the discussion but not listed as not evidenced does not count', () => {
    const out = grade(
      {
        standard: 'ST0072@1.1',
        context: { channel: 'face-to-face' },
        methods: {
          showcase: { met: ST72.showcase.pass },
          observation: { met: st72f2fObservation.filter((c) => c !== 'S8.2'), notEvidenced: [] },
          discussion: { met: [...ST72.discussion.pass, 'S8.2'] },
        },
      },
      1,
    );
    expect(out.methods.observation?.grade).toBe('fail');
    expect(out.methods.observation?.unmetPass).toEqual(['S8.2']);
    expect(out.methods.observation?.carriedOver ?? []).toEqual([]);
    expect(out.overall).toBe('fail');
  });

  it('channel missing for ST0072 → exit 2', () => {
    rejects(['grade'], {
      standard: 'ST0072@1.1',
      methods: { showcase: { met: ST72.showcase.pass }, observation: { met: st72f2fObservation }, discussion: { met: ST72.discussion.pass } },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// capstone gateway check
// ---------------------------------------------------------------------------------------------

type GatewayRequest = {
  standard: string;
  policy: string | null;
  apprentice: { uln: string; dateOfBirth: string; ehcp?: boolean };
  programme: { startDate: string; gatewayDate: string };
  qualifications: { english: string | null; maths: string | null };
  declarations: Record<string, boolean>;
  portfolio?: { pieces: { id: string; ksbs: string[] }[]; mappingDocument?: boolean; employerValidation?: boolean; authenticityDeclaration?: boolean };
  showcaseFormat?: string | null;
};

/** ST0071@1.2 without policy, aged 25 at start, gateway on 11 Feb 2025: eligible with no qualifications. */
function st71(over: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    standard: 'ST0071@1.2',
    policy: null,
    apprentice: { uln: VALID_ULN, dateOfBirth: '1998-01-01', ehcp: false },
    programme: { startDate: '2023-01-10', gatewayDate: '2025-02-11' },
    qualifications: { english: null, maths: null },
    declarations: { employer: true, provider: true, apprentice: true },
    portfolio: { pieces: pieces(10, ['K2']), mappingDocument: false, employerValidation: false, authenticityDeclaration: false },
    ...over,
  };
}
const level2 = { english: 'level-2', maths: 'level-2' };
const palPortfolio = { pieces: coveringPieces(DISCUSSION_KSBS), mappingDocument: true, employerValidation: true, authenticityDeclaration: false };
const aged17 = { uln: VALID_ULN, dateOfBirth: '2007-06-01', ehcp: false }; // 17 on 2024-09-02
const programme17 = { startDate: '2024-09-02', gatewayDate: '2025-10-01' };

describe('capstone gateway check — the issue example and the ULN', () => {
  it("the issue's PAL example: maths too low, one piece, discussion KSBs uncovered", () => {
    const out = gateway(
      {
        standard: 'ST0071@1.2',
        policy: 'PAL',
        apprentice: { uln: VALID_ULN, dateOfBirth: '2008-04-30', ehcp: false },
        programme: { startDate: '2024-09-02', gatewayDate: '2026-01-12' },
        qualifications: { english: 'level-2', maths: 'level-1' },
        declarations: { employer: true, provider: true, apprentice: true },
        portfolio: { pieces: [{ id: 'E1', ksbs: ['K2', 'B8'] }], mappingDocument: true, employerValidation: true, authenticityDeclaration: true },
        showcaseFormat: 'report',
      },
      1,
    );
    expect(out.eligible).toBe(false);
    expect(codes(out.failures)).toEqual(['MATHS_REQUIRED', 'PORTFOLIO_KSB_UNCOVERED', 'PORTFOLIO_TOO_FEW']);
    const uncovered = issue(out.failures, 'PORTFOLIO_KSB_UNCOVERED').ksbs as string[];
    expect(sorted(uncovered)).toEqual(sorted(DISCUSSION_KSBS.filter((k) => k !== 'K2' && k !== 'B8')));
    expect(out.warnings).toEqual([]);
  });

  it('eligible without English/maths when 25 at start and the gateway is on 11 Feb 2025; fields that do not apply are ignored', () => {
    // No policy: no mapping/validation/authenticity/coverage requirement; no showcase for ST0071.
    const out = gateway(st71(), 0);
    expect(out.eligible).toBe(true);
    expect(out.failures).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('the temporary ULN 9999999999 is accepted with the warning ULN_TEMPORARY', () => {
    const out = gateway(st71({ apprentice: { uln: '9999999999', dateOfBirth: '1998-01-01' } }), 0);
    expect(out.eligible).toBe(true);
    expect(out.failures).toEqual([]);
    expect(codes(out.warnings)).toEqual(['ULN_TEMPORARY']);
  });

  it.each([
    ['a wrong check digit', BAD_CHECK_DIGIT_ULN],
    ['a leading 0 (check digit otherwise right)', LEADING_ZERO_ULN],
    ['a malformed ULN', '12345678A9'],
  ])('%s is ULN_INVALID (exit 1, not 2)', (_name, uln) => {
    const out = gateway(st71({ apprentice: { uln, dateOfBirth: '1998-01-01' } }), 1);
    expect(out.eligible).toBe(false);
    expect(codes(out.failures)).toEqual(['ULN_INVALID']);
  });
});

describe('capstone gateway check — minimum duration (funding rules by start date; PAL 366 days)', () => {
  it('start before 1 Aug 2025: exactly 12 calendar months passes', () => {
    const out = gateway(st71({ programme: { startDate: '2024-03-01', gatewayDate: '2025-03-01' }, qualifications: level2 }), 0);
    expect(out.failures).toEqual([]);
  });

  it('start before 1 Aug 2025: a day less than 12 months fails (and 9 pieces are too few)', () => {
    const out = gateway(
      st71({ programme: { startDate: '2024-03-01', gatewayDate: '2025-02-28' }, qualifications: level2, portfolio: { pieces: pieces(9) } }),
      1,
    );
    expect(codes(out.failures)).toEqual(['MIN_DURATION', 'PORTFOLIO_TOO_FEW']);
  });

  it('start on 1 Aug 2025: exactly 8 months passes', () => {
    const out = gateway(st71({ programme: { startDate: '2025-08-01', gatewayDate: '2026-04-01' }, qualifications: level2 }), 0);
    expect(out.failures).toEqual([]);
  });

  it('start on 1 Aug 2025: a day less than 8 months fails', () => {
    const out = gateway(st71({ programme: { startDate: '2025-08-01', gatewayDate: '2026-03-31' }, qualifications: level2 }), 1);
    expect(codes(out.failures)).toEqual(['MIN_DURATION']);
  });

  it('start on 31 Jul 2025 still needs 12 months: 8 months and a day fails', () => {
    const out = gateway(st71({ programme: { startDate: '2025-07-31', gatewayDate: '2026-04-01' }, qualifications: level2 }), 1);
    expect(codes(out.failures)).toEqual(['MIN_DURATION']);
  });

  it('PAL: 366 days (a leap-year span) passes', () => {
    const out = gateway(
      st71({ policy: 'PAL', programme: { startDate: '2023-03-01', gatewayDate: '2024-03-01' }, qualifications: level2, portfolio: palPortfolio }),
      0,
    );
    expect(out.failures).toEqual([]);
  });

  it('PAL: 365 days fails even though 12 calendar months are met', () => {
    const out = gateway(
      st71({ policy: 'PAL', programme: { startDate: '2024-03-01', gatewayDate: '2025-03-01' }, qualifications: level2, portfolio: palPortfolio }),
      1,
    );
    expect(codes(out.failures)).toEqual(['MIN_DURATION']);
  });

  it('PAL is never looser: 10 months after an Aug 2025 start fails its 366 days; its portfolio rules (mapping, validation, coverage)', () => {
    const portfolio = {
      pieces: coveringPieces(DISCUSSION_KSBS.filter((k) => k !== 'B5')),
      mappingDocument: false,
      employerValidation: false,
      authenticityDeclaration: false, // a VTCT rule, not PAL's: ignored
    };
    const out = gateway(st71({ policy: 'PAL', programme: { startDate: '2025-08-01', gatewayDate: '2026-06-01' }, qualifications: level2, portfolio }), 1);
    expect(codes(out.failures)).toEqual(['MIN_DURATION', 'PORTFOLIO_KSB_UNCOVERED', 'PORTFOLIO_MAPPING_MISSING', 'PORTFOLIO_VALIDATION_MISSING']);
    expect(issue(out.failures, 'PORTFOLIO_KSB_UNCOVERED').ksbs).toEqual(['B5']);
  });
});

describe('capstone gateway check — English and maths (001 §4, 003 Readiness, funding rule of 11 Feb 2025)', () => {
  it('gateway before 11 Feb 2025: ST0071 requires Level 2 of every apprentice, aged 25 too', () => {
    const out = gateway(st71({ programme: { startDate: '2023-01-10', gatewayDate: '2025-02-10' } }), 1);
    expect(codes(out.failures)).toEqual(['ENGLISH_REQUIRED', 'MATHS_REQUIRED']);
  });

  it('18 at start (birthday the next day): required; Entry Level 3 without an EHCP is not enough; missing declarations and 16 pieces', () => {
    const out = gateway(
      st71({
        apprentice: { uln: VALID_ULN, dateOfBirth: '2005-01-11', ehcp: false },
        programme: { startDate: '2024-01-10', gatewayDate: '2025-03-01' },
        qualifications: { english: 'entry-3', maths: 'entry-3' },
        declarations: { employer: true, provider: false },
        portfolio: { pieces: pieces(16) },
      }),
      1,
    );
    expect(codes(out.failures)).toEqual(['DECLARATION_MISSING', 'ENGLISH_REQUIRED', 'MATHS_REQUIRED', 'PORTFOLIO_TOO_MANY']);
    expect(sorted(issue(out.failures, 'DECLARATION_MISSING').parties as string[])).toEqual(['apprentice', 'provider']);
  });

  it('19 at start (birthday that day), gateway after 11 Feb 2025: not required; 15 pieces is within 10–15', () => {
    const out = gateway(
      st71({
        apprentice: { uln: VALID_ULN, dateOfBirth: '2005-01-10', ehcp: false },
        programme: { startDate: '2024-01-10', gatewayDate: '2025-03-01' },
        portfolio: { pieces: pieces(15) },
      }),
      0,
    );
    expect(out.failures).toEqual([]);
  });

  it('with an EHCP, Entry Level 3 suffices for ST0071', () => {
    const out = gateway(st71({ apprentice: { ...aged17, ehcp: true }, programme: programme17, qualifications: { english: 'entry-3', maths: 'entry-3' } }), 0);
    expect(out.failures).toEqual([]);
  });

  it('British Sign Language replaces English for ST0071', () => {
    const out = gateway(st71({ apprentice: aged17, programme: programme17, qualifications: { english: 'bsl', maths: 'level-2' } }), 0);
    expect(out.failures).toEqual([]);
  });

  it('ST0072 needs Level 1 (Level 1 English accepted, Entry 3 maths not) and a showcase format; the portfolio does not apply', () => {
    const out = gateway(
      {
        standard: 'ST0072@1.1',
        policy: 'HIGHFIELD',
        apprentice: aged17,
        programme: programme17,
        qualifications: { english: 'level-1', maths: 'entry-3' },
        declarations: { employer: true, provider: true, apprentice: true },
        portfolio: { pieces: pieces(2) },
      },
      1,
    );
    expect(codes(out.failures)).toEqual(['MATHS_REQUIRED', 'SHOWCASE_FORMAT_MISSING']);
  });

  it('ST0072 before 11 Feb 2025: only apprentices 16–18 at start need English and maths (25 at start is eligible without)', () => {
    const out = gateway(
      {
        standard: 'ST0072@1.1',
        policy: 'HIGHFIELD',
        apprentice: { uln: VALID_ULN, dateOfBirth: '1998-01-01' },
        programme: { startDate: '2023-09-01', gatewayDate: '2025-01-15' },
        qualifications: { english: null, maths: null },
        declarations: { employer: true, provider: true, apprentice: true },
        showcaseFormat: 'presentation',
      },
      0,
    );
    expect(out.eligible).toBe(true);
    expect(out.failures).toEqual([]);
  });
});

describe('capstone gateway check — VTCT portfolio rules (000 The Gateway Stage)', () => {
  it('ST0071@1.1 under VTCT needs a mapping document and a declaration of authenticity (not PAL’s validation or coverage)', () => {
    const out = gateway(
      st71({
        standard: 'ST0071@1.1',
        policy: 'VTCT',
        programme: { startDate: '2024-01-10', gatewayDate: '2025-03-01' },
        qualifications: level2,
        portfolio: { pieces: pieces(10), mappingDocument: false, employerValidation: false, authenticityDeclaration: false },
      }),
      1,
    );
    expect(codes(out.failures)).toEqual(['PORTFOLIO_AUTHENTICITY_MISSING', 'PORTFOLIO_MAPPING_MISSING']);
  });
});

// ---------------------------------------------------------------------------------------------
// capstone plan
// ---------------------------------------------------------------------------------------------

describe('capstone plan (001 §5: 3-month window, project within 2 months; 003 Readiness)', () => {
  it("the issue's example: approval 2026-01-05 → epaEnd 2026-04-05, projectDue 2026-03-05; discussion last in the plan's order", () => {
    const out = plan({ standard: 'ST0071@1.2', policy: null, gatewayApproved: '2026-01-05' });
    expect(out.epaStart).toBe('2026-01-05');
    expect(out.epaEnd).toBe('2026-04-05');
    expect(out.projectDue).toBe('2026-03-05');
    expect(sorted(out.recommendedOrder)).toEqual(['discussion', 'observation', 'project']);
    expect(out.recommendedOrder.at(-1)).toBe('discussion'); // observation and project "recommended before the professional discussion"
  });

  it('month-end clamping: 2025-11-30 → epaEnd 2026-02-28, projectDue 2026-01-30', () => {
    const out = plan({ standard: 'ST0071@1.2', policy: 'NQUAL', gatewayApproved: '2025-11-30' });
    expect(out.epaStart).toBe('2025-11-30');
    expect(out.epaEnd).toBe('2026-02-28');
    expect(out.projectDue).toBe('2026-01-30');
  });

  it('ST0072: the window starts at the first assessment — epaStart/epaEnd null, windowMonths 3, no projectDue', () => {
    const out = plan({ standard: 'ST0072@1.1', policy: 'HIGHFIELD', gatewayApproved: '2026-01-05' });
    expect(out.epaStart).toBeNull();
    expect(out.epaEnd).toBeNull();
    expect(out.windowMonths).toBe(3);
    expect(out.projectDue ?? null).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// capstone plan check
// ---------------------------------------------------------------------------------------------

type Booking = { method: string; date: string; bookedOn: string; projectSubmittedOn?: string; portfolioSubmittedOn?: string };

describe('capstone plan check — ST0071 plan rules (001 §5)', () => {
  // Approval 2026-01-05: epaEnd 2026-04-05, projectDue 2026-03-05.
  const base = { standard: 'ST0071@1.2', policy: null, gatewayApproved: '2026-01-05' };

  it('every rule met exactly at its limit: 14 days notice, 14-day leads, project on its due date, discussion on epaEnd', () => {
    const bookings: Booking[] = [
      { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-19' },
      { method: 'project', date: '2026-03-19', bookedOn: '2026-01-06', projectSubmittedOn: '2026-03-05' },
      { method: 'discussion', date: '2026-04-05', bookedOn: '2026-01-06', portfolioSubmittedOn: '2026-03-22' },
    ];
    const out = planCheck({ ...base, bookings }, 0);
    expect(out.ok).toBe(true);
    expect(out.violations).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('a day short on each: 13 days notice, report 13 days before the interview, portfolio 13 days before the discussion', () => {
    const bookings: Booking[] = [
      { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-20' },
      { method: 'project', date: '2026-03-18', bookedOn: '2026-01-06', projectSubmittedOn: '2026-03-05' },
      { method: 'discussion', date: '2026-04-05', bookedOn: '2026-01-06', portfolioSubmittedOn: '2026-03-23' },
    ];
    const out = planCheck({ ...base, bookings }, 1);
    expect(out.ok).toBe(false);
    expect(codes(out.violations)).toEqual(['NOTICE_TOO_SHORT', 'PORTFOLIO_LATE', 'PROJECT_LATE']);
  });

  it('project submitted the day after approval + 2 months → PROJECT_AFTER_DEADLINE; a discussion the day after epaEnd → OUTSIDE_EPA_WINDOW', () => {
    const bookings: Booking[] = [
      { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-19' },
      { method: 'project', date: '2026-03-20', bookedOn: '2026-01-06', projectSubmittedOn: '2026-03-06' },
      { method: 'discussion', date: '2026-04-06', bookedOn: '2026-01-06', portfolioSubmittedOn: '2026-03-23' },
    ];
    const out = planCheck({ ...base, bookings }, 1);
    expect(codes(out.violations)).toEqual(['OUTSIDE_EPA_WINDOW', 'PROJECT_AFTER_DEADLINE']);
  });

  it('the discussion before the observation, with no policy → warning ORDER_NOT_RECOMMENDED, still exit 0', () => {
    const bookings: Booking[] = [
      { method: 'observation', date: '2026-03-20', bookedOn: '2026-01-06' },
      { method: 'project', date: '2026-02-10', bookedOn: '2026-01-06', projectSubmittedOn: '2026-01-27' },
      { method: 'discussion', date: '2026-03-02', bookedOn: '2026-01-06', portfolioSubmittedOn: '2026-02-16' },
    ];
    const out = planCheck({ ...base, bookings }, 0);
    expect(out.ok).toBe(true);
    expect(out.violations).toEqual([]);
    expect(codes(out.warnings)).toEqual(['ORDER_NOT_RECOMMENDED']);
    expect(issue(out.warnings, 'ORDER_NOT_RECOMMENDED').methods).toEqual(expect.arrayContaining(['observation', 'discussion']));
  });
});

describe('capstone plan check — EPAO lead times in working days (000 Scheduling, 002 EPA Timescale)', () => {
  // VTCT, ST0071@1.1: approval 2026-03-02 (epaEnd 2026-06-02, projectDue 2026-05-02), all booked on Friday 2026-03-20.
  // The 20th working day after it, skipping Good Friday 3 April and Easter Monday 6 April, is 2026-04-21.
  const vtct = (observationDate: string) => ({
    standard: 'ST0071@1.1',
    policy: 'VTCT',
    gatewayApproved: '2026-03-02',
    bookings: [
      { method: 'observation', date: observationDate, bookedOn: '2026-03-20' },
      { method: 'project', date: '2026-04-28', bookedOn: '2026-03-20', projectSubmittedOn: '2026-04-14' },
      { method: 'discussion', date: '2026-04-29', bookedOn: '2026-03-20', portfolioSubmittedOn: '2026-04-15' },
    ],
  });

  it('VTCT: an assessment on the 20th working day after booking (across Easter 2026) is allowed', () => {
    const out = planCheck(vtct(nthWorkingDayAfter('2026-03-20', 20)), 0);
    expect(out.violations).toEqual([]);
  });

  it('VTCT: the day before the 20th working day → BOOKING_LEAD_TIME', () => {
    const out = planCheck(vtct('2026-04-20'), 1);
    expect(codes(out.violations)).toEqual(['BOOKING_LEAD_TIME']);
  });

  // VTCT around Christmas 2026: booked 2026-12-01, the 20th working day is 2026-12-31 (25 and 28 Dec are bank holidays).
  const vtctChristmas = (observationDate: string) => ({
    standard: 'ST0071@1.1',
    policy: 'VTCT',
    gatewayApproved: '2026-11-16',
    bookings: [
      { method: 'observation', date: observationDate, bookedOn: '2026-12-01' },
      { method: 'project', date: '2027-01-14', bookedOn: '2026-12-01', projectSubmittedOn: '2026-12-31' },
      { method: 'discussion', date: '2027-01-15', bookedOn: '2026-12-01', portfolioSubmittedOn: '2027-01-01' },
    ],
  });

  it('VTCT around Christmas 2026: 30 Dec is the 19th working day (28 Dec is the substitute Boxing Day) → BOOKING_LEAD_TIME', () => {
    expect(nthWorkingDayAfter('2026-12-01', 20)).toBe('2026-12-31');
    expect(codes(planCheck(vtctChristmas('2026-12-30'), 1).violations)).toEqual(['BOOKING_LEAD_TIME']);
  });

  // NQUAL, ST0071@1.2: first assessment Thursday 2026-04-16.
  const nqual = (registeredOn: string, evidenceSubmittedOn: string) => ({
    standard: 'ST0071@1.2',
    policy: 'NQUAL',
    gatewayApproved: '2026-03-02',
    registeredOn,
    evidenceSubmittedOn,
    bookings: [
      { method: 'observation', date: '2026-04-16', bookedOn: '2026-03-20' },
      { method: 'project', date: '2026-04-23', bookedOn: '2026-03-20', projectSubmittedOn: '2026-04-09' },
      { method: 'discussion', date: '2026-04-30', bookedOn: '2026-03-20', portfolioSubmittedOn: '2026-04-16' },
    ],
  });

  it('NQUAL: registered exactly 90 days and evidence exactly 10 working days (across Easter) before the first assessment', () => {
    const out = planCheck(nqual('2026-01-16', '2026-03-31'), 0);
    expect(out.violations).toEqual([]);
  });

  it('NQUAL: registered 89 days and evidence 9 working days before → REGISTRATION_TOO_LATE and EVIDENCE_LATE', () => {
    const out = planCheck(nqual('2026-01-17', '2026-04-01'), 1);
    expect(codes(out.violations)).toEqual(['EVIDENCE_LATE', 'REGISTRATION_TOO_LATE']);
  });
});

describe('capstone plan check — ST0072 (003: window from the first activity, discussion after observation)', () => {
  const highfield = (bookings: Booking[]) => ({ standard: 'ST0072@1.1', policy: 'HIGHFIELD', gatewayApproved: '2026-01-05', bookings });

  it('the window runs 3 months from the first activity inclusive; no 14-day notice rule; discussion before observation is a warning', () => {
    const out = planCheck(
      highfield([
        { method: 'showcase', date: '2026-01-12', bookedOn: '2026-01-06' },
        { method: 'discussion', date: '2026-02-02', bookedOn: '2026-01-06' },
        { method: 'observation', date: '2026-04-12', bookedOn: '2026-04-11' },
      ]),
      0,
    );
    expect(out.violations).toEqual([]);
    expect(codes(out.warnings)).toEqual(['ORDER_NOT_RECOMMENDED']);
  });

  it('an assessment the day after 3 months from the first activity → OUTSIDE_EPA_WINDOW', () => {
    const out = planCheck(
      highfield([
        { method: 'showcase', date: '2026-01-12', bookedOn: '2026-01-06' },
        { method: 'observation', date: '2026-02-02', bookedOn: '2026-02-01' },
        { method: 'discussion', date: '2026-04-13', bookedOn: '2026-01-06' },
      ]),
      1,
    );
    expect(codes(out.violations)).toEqual(['OUTSIDE_EPA_WINDOW']);
    expect(out.warnings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input → exit 2, one line on stderr, nothing on stdout
// ---------------------------------------------------------------------------------------------

describe('bad input → exit 2', () => {
  const gradeOk = { standard: 'ST0071@1.2', methods: { observation: { met: ['observation.P1'] } } };
  const planOk = { standard: 'ST0071@1.2', policy: null, gatewayApproved: '2026-01-05' };
  const cases: [string, string[], unknown][] = [
    ['malformed JSON', ['grade'], '{"standard": "ST0071@1.2", '],
    ['unknown standard', ['grade'], { ...gradeOk, standard: 'ST0071@9.9' }],
    ['unknown policy', ['gateway', 'check'], { ...st71(), policy: 'ACME' }],
    ['policy not declared for that version (HIGHFIELD with ST0071@1.2)', ['plan'], { ...planOk, policy: 'HIGHFIELD' }],
    ['unknown method', ['grade'], { standard: 'ST0071@1.2', methods: { interview: { met: [] } } }],
    ['unknown criterion', ['grade'], { standard: 'ST0071@1.2', methods: { observation: { met: ['observation.P21'] } } }],
    ['criterion under the wrong method', ['grade'], { standard: 'ST0071@1.2', methods: { observation: { met: ['observation.P1', 'project.P1'] } } }],
    ['unknown KSB in the portfolio', ['gateway', 'check'], st71({ portfolio: { pieces: [...pieces(9), { id: 'E10', ksbs: ['K99'] }] } })],
    ['invalid date 2026-02-30', ['plan'], { ...planOk, gatewayApproved: '2026-02-30' }],
    ['wrong type (met is a string)', ['grade'], { standard: 'ST0071@1.2', methods: { observation: { met: 'observation.P1' } } }],
    [
      'two bookings for one method',
      ['plan', 'check'],
      {
        ...planOk,
        bookings: [
          { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-06' },
          { method: 'observation', date: '2026-02-03', bookedOn: '2026-01-06' },
        ],
      },
    ],
  ];
  it.each(cases)('%s', (_name, args, input) => {
    rejects(args, input);
  });
});

// ---------------------------------------------------------------------------------------------
// capstone standards list | show | check
// ---------------------------------------------------------------------------------------------

type Conflict = { topic: string; values: { value: unknown; source: string }[]; applies: unknown };
function findConflicts(node: unknown, found: Conflict[] = []): Conflict[] {
  if (Array.isArray(node)) for (const item of node) findConflicts(item, found);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.topic === 'string' && Array.isArray(o.values)) found.push(o as unknown as Conflict);
    else for (const v of Object.values(o)) findConflicts(v, found);
  }
  return found;
}

describe('capstone standards', () => {
  it('list names the three standard versions', () => {
    const r = capstone(['standards', 'list']);
    expect(r.status).toBe(0);
    for (const id of ['ST0071@1.1', 'ST0071@1.2', 'ST0072@1.1']) expect(r.stdout).toContain(id);
  });

  it('show ST0071@1.2 prints it as text', () => {
    const r = capstone(['standards', 'show', 'ST0071@1.2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ST0071');
    expect(r.stdout).toContain('Customer Service Specialist');
  });

  it('show ST0071@1.2 --json gives the data: its id and its criteria', () => {
    const r = capstone(['standards', 'show', 'ST0071@1.2', '--json']);
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as unknown;
    const text = JSON.stringify(data);
    expect(text).toContain('"ST0071@1.2"');
    for (const id of ['observation.P20', 'project.D9', 'discussion.D2']) expect(text).toContain(`"${id}"`);
    expect(text).not.toContain('"discussion.D3"'); // v1.2 removed the professional-image descriptor (004 revisions)
  });

  it('check --json reports the known conflicts, the order of methods among them, each value with its source', () => {
    const r = capstone(['standards', 'check', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const conflicts = findConflicts(JSON.parse(r.stdout));
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      expect(c.values.length, c.topic).toBeGreaterThanOrEqual(2);
      for (const v of c.values) expect(typeof v.source, c.topic).toBe('string');
      expect(c, c.topic).toHaveProperty('applies');
    }
    const order = conflicts.filter((c) => /order/i.test(c.topic));
    expect(order.length, conflicts.map((c) => c.topic).join(' | ')).toBeGreaterThan(0);
    // INDEX "Known conflicts": minimum time on programme, "12 months" vs PAL's "366 days".
    expect(conflicts.some((c) => JSON.stringify(c).includes('366'))).toBe(true);
  });
});

describe('budget', () => {
  it('keeps the number of spawns small', () => {
    expect(spawns).toBeLessThanOrEqual(66);
  });
});
