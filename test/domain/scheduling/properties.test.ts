import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Placement, Proposal, SchedulingInstance } from '../../../src/domain/scheduling/model.ts';
import { compile } from '../../../src/domain/scheduling/problem.ts';
import { verify } from '../../../src/domain/scheduling/verify.ts';
import { assessor, data, FIRST_NOTICE_DAY, holidays, instance, record, solve } from './build.ts';
import { buildCase, caseArb } from './cases.ts';
import { independentProblems } from './independent.ts';

const MOVES = { moves: 300 };

const itemKeys = (inst: SchedulingInstance) => inst.records.flatMap((r) => r.methods.map((m) => `${r.id}|${m.method}`));

const RUNS = { numRuns: 60 };

describe('every proposal, on small generated instances with random leave, caps, hours, relationships and bookings', () => {
  it('(a) holds no placement the domain rules refuse, checked independently of the solver', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inst = buildCase(c);
        const proposal = solve(inst, MOVES);
        expect(independentProblems(inst, proposal.placements)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('(b) counts no hard violation, and verify agrees', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inst = buildCase(c);
        const proposal = solve(inst, MOVES);
        const problem = compile(inst, data, holidays);
        if (!problem.ok) throw new Error(problem.message);
        expect(proposal.hardViolations).toBe(0);
        expect(verify(problem.value, proposal.placements)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(c) is the same for the same instance and seed', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inst = buildCase(c);
        const strip = (p: Proposal) => JSON.stringify({ placements: p.placements, unplaced: p.unplaced, cost: p.cost });
        expect(strip(solve(inst, MOVES))).toBe(strip(solve(inst, MOVES)));
      }),
      { numRuns: 30 },
    );
  });

  it('(d) places or explains every assessment exactly once', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inst = buildCase(c);
        const proposal = solve(inst, MOVES);
        const placed = proposal.placements.map((p) => `${p.recordId}|${p.method}`);
        const unplaced = proposal.unplaced.map((u) => `${u.recordId}|${u.method}`);
        expect([...placed, ...unplaced].sort()).toEqual(itemKeys(inst).sort());
        expect(new Set(placed).size).toBe(placed.length);
        for (const u of proposal.unplaced) expect(u.code).toMatch(/^[A-Z_]+$/);
      }),
      RUNS,
    );
  });

  it('(e) costs no less than nothing, and its parts add up to its cost', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const proposal = solve(buildCase(c), MOVES);
        expect(proposal.cost).toBeGreaterThanOrEqual(0);
        for (const part of Object.values(proposal.costParts)) expect(part).toBeGreaterThanOrEqual(0);
        const sum = Object.values(proposal.costParts).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(proposal.cost, 9);
        expect(proposal.costParts.unplaced).toBe(proposal.unplaced.length * 1000);
      }),
      RUNS,
    );
  });
});

describe('the independent check itself', () => {
  const inst = instance({ records: [record({ id: 'R1' }), record({ id: 'R2' })], assessors: [assessor({ id: 'X1', maxPerDay: 2 })] });
  const good = { recordId: 'R1', method: 'observation', assessorId: 'X1', date: FIRST_NOTICE_DAY, start: '09:00', minutes: 60 };
  const other = { ...good, recordId: 'R2', start: '11:00' };
  const problems = (...placements: Placement[]) => independentProblems(inst, placements).join('\n');

  it('passes a proposal the rules allow', () => {
    expect(problems(good, other)).toBe('');
  });

  it('flags what the rules refuse: short notice, a weekend, the wrong length, overlap, no time to travel, a full day, leave', () => {
    expect(problems({ ...good, date: '2027-01-15' })).toContain('NOTICE_TOO_SHORT');
    expect(problems({ ...good, date: '2027-01-23' })).toContain('not a working day');
    expect(problems({ ...good, minutes: 45 })).toContain("not the method's 60 minutes");
    expect(problems({ ...good, start: '16:30' })).toContain('outside the working hours');
    expect(problems(good, { ...other, start: '09:30' })).toContain('ASSESSOR_BUSY');
    expect(problems(good, { ...other, start: '10:30' })).toContain('NO_TIME_TO_TRAVEL');
    expect(problems(good, other, { ...other, recordId: 'R3', start: '14:00' })).toContain('ASSESSOR_DAY_FULL');
    const away = instance({ assessors: [assessor({ id: 'X1', leave: [{ fromDate: FIRST_NOTICE_DAY, toDate: FIRST_NOTICE_DAY, reason: null }] })] });
    expect(independentProblems(away, [good])).toEqual([expect.stringContaining('ASSESSOR_ON_LEAVE')]);
  });

  it("flags the apprentice's two assessments at once, with different assessors", () => {
    const methods = [
      { method: 'observation', minutes: 60 },
      { method: 'discussion', minutes: 60 },
    ];
    const two = instance({ records: [record({ id: 'R1', methods })], assessors: [assessor({ id: 'X1' }), assessor({ id: 'X2' })] });
    const clash = independentProblems(two, [good, { ...good, method: 'discussion', assessorId: 'X2', start: '09:30' }]);
    expect(clash).toEqual([expect.stringContaining('APPRENTICE_BUSY'), expect.stringContaining('APPRENTICE_BUSY')]);
  });
});
