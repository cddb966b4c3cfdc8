// `capstone schedule` as a black box: a scheduling instance as JSON on stdin, the proposal
// as JSON on stdout; exit 0 when every assessment is placed, 1 when some cannot be (each
// with its reason), 2 on bad input. ST0071's numbers are 001 §5's: 14 days' notice of the
// observation, the window 3 months from gateway approval.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function capstone(args: string[], input: unknown) {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const r = spawnSync('./bin/capstone', ['schedule', ...args], { cwd: ROOT, input: text, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const record = (id: string, methods: string[]) => ({
  id,
  standard: 'ST0071@1.2',
  gatewayApproved: '2027-01-04',
  registeredOn: '2026-03-01',
  projectSubmittedOn: '2027-01-04',
  portfolioSubmittedOn: '2027-01-04',
  apprenticeId: `A-${id}`,
  employerId: 'E1',
  providerId: 'P1',
  methods: methods.map((method) => ({ method, minutes: 66 })),
});

const assessor = (id: string, extra: Record<string, unknown> = {}) => ({ id, standards: ['ST0071@1.2'], standardisedOn: '2026-09-01', ...extra });

// Monday 4 January 2027: bookings made today; the observation's first allowed day is 18 January.
const instance = (extra: Record<string, unknown> = {}) => ({
  today: '2027-01-04',
  from: '2027-01-05',
  to: '2027-01-29',
  records: [record('R1', ['observation', 'discussion'])],
  assessors: [assessor('X1')],
  ...extra,
});

describe('capstone schedule', () => {
  it('places each waiting method with its assessor, date and reasons, within the notice period, and exits 0', () => {
    const r = capstone(['--moves', '200'], instance());
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unplaced).toEqual([]);
    expect(out.hardViolations).toBe(0);
    const observation = out.placements.find((p: { method: string }) => p.method === 'observation');
    expect(observation).toMatchObject({ recordId: 'R1', assessorId: 'X1', date: '2027-01-18' });
    expect(observation.reasons[0]).toMatch(/first day the plan allows/);
  });

  it('schedules the README example: the related assessor is passed over, the apprentice’s unavailable day kept free', () => {
    const r = capstone(['--moves', '500'], readFileSync(`${ROOT}examples/schedule-st0071.json`, 'utf8'));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.placements).toHaveLength(5);
    // Ben Assessor declared a relationship with R2's employer: never theirs.
    expect(out.placements.every((p: { assessorId: string }) => p.assessorId === 'X1')).toBe(true);
    expect(out.placements.filter((p: { recordId: string; date: string }) => p.recordId === 'R2' && p.date === '2027-01-18')).toEqual([]);
  });

  it('exits 1 with each unplaced assessment and its reason when no assessor may take it', () => {
    const related = assessor('X1', { relationships: [{ apprenticeId: null, organisationId: 'E1', nature: 'line manager' }] });
    const r = capstone(['--moves', '50'], instance({ assessors: [related] }));
    expect(r.status, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.placements).toEqual([]);
    expect(out.unplaced[0]).toMatchObject({ recordId: 'R1', code: 'NO_ELIGIBLE_ASSESSOR' });
    expect(out.unplaced[0].reason).toMatch(/ST0071@1\.2/);
  });

  it('is the same for the same seed', () => {
    const twice = [capstone(['--moves', '300'], instance({ seed: 7 })), capstone(['--moves', '300'], instance({ seed: 7 }))];
    const placements = twice.map((r) => JSON.parse(r.stdout).placements);
    expect(placements[0]).toEqual(placements[1]);
  });

  it('exits 2 on bad input: not JSON, a bad date, an unknown standard, an unknown flag', () => {
    expect(capstone([], 'not json').status).toBe(2);
    expect(capstone([], instance({ from: '2027-02-30' })).status).toBe(2);
    const unknown = capstone([], instance({ records: [{ ...record('R1', ['observation']), standard: 'ST9999@1.0' }] }));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/ST9999/);
    expect(capstone(['--fast'], instance()).status).toBe(2);
  });
});
