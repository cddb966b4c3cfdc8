import { describe, expect, it } from 'vitest';
import { checkGateway } from '../../src/domain/gateway/eligibility.ts';
import { GatewayInput } from '../../src/domain/gateway/input.ts';
import { data, resolved } from '../helpers.ts';

const DISCUSSION_KSBS = ['K2', 'K5', 'K7', 'K9', 'K10', 'K12', 'K18', 'S2', 'S9', 'B1', 'B2', 'B5', 'B8'];

/** A complete, eligible ST0071 request: 10 pieces covering every discussion KSB. */
function request(overrides: Record<string, unknown> = {}) {
  const pieces = Array.from({ length: 10 }, (_, i) => ({ id: `E${i + 1}`, ksbs: DISCUSSION_KSBS.filter((_, k) => k % 10 === i) }));
  return {
    standard: 'ST0071@1.2',
    policy: null,
    apprentice: { uln: '1234567899', dateOfBirth: '2007-05-01', ehcp: false },
    programme: { startDate: '2024-09-02', gatewayDate: '2026-01-12' },
    qualifications: { english: 'level-2', maths: 'level-2' },
    declarations: { employer: true, provider: true, apprentice: true },
    portfolio: { pieces, mappingDocument: true, employerValidation: true, authenticityDeclaration: true },
    showcaseFormat: null,
    ...overrides,
  };
}

function check(body: Record<string, unknown>) {
  const parsed = GatewayInput.parse(body);
  const r = checkGateway(resolved(parsed.standard, parsed.policy), data.fundingRules, parsed);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}
const codes = (body: Record<string, unknown>) => check(body).failures.map((f) => f.code);

describe('gateway eligibility', () => {
  it('passes a complete request, every failure carrying code, message and source', () => {
    expect(check(request())).toEqual({ eligible: true, failures: [], warnings: [] });
    for (const f of check(request({ apprentice: { uln: '1', dateOfBirth: '2007-05-01' } })).failures) {
      expect(f.code).toMatch(/^[A-Z_]+$/);
      expect(f.message.length).toBeGreaterThan(5);
      expect(f.source.length).toBeGreaterThan(5);
    }
  });

  it('checks the ULN: invalid fails, the temporary ULN warns', () => {
    expect(codes(request({ apprentice: { uln: '1234567890', dateOfBirth: '2007-05-01' } }))).toEqual(['ULN_INVALID']);
    const temporary = check(request({ apprentice: { uln: '9999999999', dateOfBirth: '2007-05-01' } }));
    expect(temporary.eligible).toBe(true);
    expect(temporary.warnings.map((w) => w.code)).toEqual(['ULN_TEMPORARY']);
  });

  describe('minimum time on programme: funding rules by start date, an EPAO may be stricter', () => {
    it('starts before 1 August 2025 need 12 calendar months', () => {
      expect(codes(request({ programme: { startDate: '2024-09-02', gatewayDate: '2025-09-02' } }))).toEqual([]);
      expect(codes(request({ programme: { startDate: '2024-09-02', gatewayDate: '2025-09-01' } }))).toEqual(['MIN_DURATION']);
      expect(codes(request({ programme: { startDate: '2025-07-31', gatewayDate: '2026-04-01' } }))).toEqual(['MIN_DURATION']);
    });
    it('starts on or after 1 August 2025 need 8 calendar months', () => {
      expect(codes(request({ programme: { startDate: '2025-08-01', gatewayDate: '2026-04-01' } }))).toEqual([]);
      expect(codes(request({ programme: { startDate: '2025-08-01', gatewayDate: '2026-03-31' } }))).toEqual(['MIN_DURATION']);
    });
    it("PAL's 366 days apply on top: 12 months that are only 365 days are not enough (004 Overview)", () => {
      const pal = (startDate: string, gatewayDate: string) => codes(request({ policy: 'PAL', programme: { startDate, gatewayDate } }));
      expect(pal('2024-09-02', '2025-09-02')).toEqual(['MIN_DURATION']); // 365 days
      expect(pal('2024-09-02', '2025-09-03')).toEqual([]); // 366 days
      expect(pal('2025-09-01', '2026-05-01')).toEqual(['MIN_DURATION']); // 8 months met, 242 days
      const failure = check(request({ policy: 'PAL', programme: { startDate: '2024-09-02', gatewayDate: '2025-09-02' } })).failures[0];
      expect(failure).toMatchObject({ code: 'MIN_DURATION', daysOnProgramme: 365, required: [{ days: 366 }] });
      expect(failure?.source).toContain('004_f9b9047560044387.txt');
    });
  });

  describe('English and maths', () => {
    const adult = { uln: '1234567899', dateOfBirth: '1990-01-01', ehcp: false };
    it('before 11 February 2025 ST0071 requires Level 2 of every apprentice (001 §4)', () => {
      const body = request({
        apprentice: adult,
        programme: { startDate: '2023-09-01', gatewayDate: '2025-02-10' },
        qualifications: { english: 'level-1', maths: null },
      });
      expect(codes(body)).toEqual(['ENGLISH_REQUIRED', 'MATHS_REQUIRED']);
    });
    it('from 11 February 2025 only apprentices aged 16–18 at start need them (funding rules; the gateway date decides)', () => {
      const body = request({
        apprentice: adult,
        programme: { startDate: '2023-09-01', gatewayDate: '2025-02-11' },
        qualifications: { english: null, maths: null },
      });
      expect(codes(body)).toEqual([]);
      const young = request({
        apprentice: { uln: '1234567899', dateOfBirth: '2005-09-02' },
        programme: { startDate: '2023-09-01', gatewayDate: '2025-06-11' },
        qualifications: { english: null, maths: 'level-2' },
      });
      expect(codes(young)).toEqual(['ENGLISH_REQUIRED']); // 18 on start
      const nineteen = request({
        apprentice: { uln: '1234567899', dateOfBirth: '2004-09-01' },
        programme: { startDate: '2023-09-01', gatewayDate: '2025-06-11' },
        qualifications: { english: null, maths: null },
      });
      expect(codes(nineteen)).toEqual([]);
    });
    it('with an EHCP Entry Level 3 is enough; British Sign Language replaces English (001 §4)', () => {
      expect(
        codes(request({ apprentice: { uln: '1234567899', dateOfBirth: '2007-05-01', ehcp: true }, qualifications: { english: 'entry-3', maths: 'entry-3' } })),
      ).toEqual([]);
      expect(codes(request({ qualifications: { english: 'entry-3', maths: 'level-2' } }))).toEqual(['ENGLISH_REQUIRED']);
      expect(codes(request({ qualifications: { english: 'bsl', maths: 'level-2' } }))).toEqual([]);
      expect(check(request({ qualifications: { english: 'level-2', maths: 'level-1' } })).failures[0]).toMatchObject({
        code: 'MATHS_REQUIRED',
        required: 'level-2',
        held: 'level-1',
      });
    });
    it('ST0072 needs Level 1, and only of those aged 16–18 at start even before the change (003, Readiness)', () => {
      const st0072 = (dateOfBirth: string, english: string | null, gatewayDate = '2024-12-01') =>
        codes({
          standard: 'ST0072@1.1',
          apprentice: { uln: '1234567899', dateOfBirth },
          programme: { startDate: '2023-09-01', gatewayDate },
          qualifications: { english, maths: 'level-1' },
          declarations: { employer: true, provider: true, apprentice: true },
          showcaseFormat: 'report',
        });
      expect(st0072('2006-01-01', 'level-1')).toEqual([]);
      expect(st0072('2006-01-01', 'entry-3')).toEqual(['ENGLISH_REQUIRED']);
      expect(st0072('1999-01-01', null)).toEqual([]);
    });
  });

  it('lists the parties whose declaration is missing', () => {
    const r = check(request({ declarations: { employer: true, provider: false } }));
    expect(r.failures).toEqual([expect.objectContaining({ code: 'DECLARATION_MISSING', parties: ['provider', 'apprentice'] })]);
  });

  describe('the ST0071 portfolio: 10–15 pieces (001 §5), and what each policy adds', () => {
    const pieces = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `E${i}`, ksbs: DISCUSSION_KSBS }));
    it('counts pieces; a missing portfolio is none', () => {
      expect(codes(request({ portfolio: { pieces: pieces(9) } }))).toEqual(['PORTFOLIO_TOO_FEW']);
      expect(codes(request({ portfolio: { pieces: pieces(15) } }))).toEqual([]);
      expect(codes(request({ portfolio: { pieces: pieces(16) } }))).toEqual(['PORTFOLIO_TOO_MANY']);
      expect(codes(request({ portfolio: null }))).toEqual(['PORTFOLIO_TOO_FEW']);
    });
    it('under PAL: every discussion KSB covered, a mapping document and an employer validation statement (004 Section 4)', () => {
      const uncovered = pieces(10).map((p) => ({ ...p, ksbs: ['K2', 'K5'] }));
      const r = check(request({ policy: 'PAL', portfolio: { pieces: uncovered } }));
      expect(r.failures.map((f) => f.code)).toEqual(['PORTFOLIO_KSB_UNCOVERED', 'PORTFOLIO_MAPPING_MISSING', 'PORTFOLIO_VALIDATION_MISSING']);
      expect(r.failures[0]?.ksbs).toEqual(DISCUSSION_KSBS.filter((k) => k !== 'K2' && k !== 'K5'));
    });
    it('under VTCT: a mapping document and a declaration of authenticity (000, The Gateway Stage)', () => {
      const r = codes(request({ standard: 'ST0071@1.1', policy: 'VTCT', portfolio: { pieces: pieces(10).map((p) => ({ ...p, ksbs: [] })) } }));
      expect(r).toEqual(['PORTFOLIO_MAPPING_MISSING', 'PORTFOLIO_AUTHENTICITY_MISSING']);
    });
    it('without a policy the plan asks for no coverage or documents', () => {
      expect(codes(request({ portfolio: { pieces: pieces(10).map((p) => ({ ...p, ksbs: [] })) } }))).toEqual([]);
    });
  });

  it('ST0072: the showcase format is chosen at gateway; portfolio fields are ignored', () => {
    const body = {
      standard: 'ST0072@1.1',
      apprentice: { uln: '1234567899', dateOfBirth: '2000-01-01' },
      programme: { startDate: '2024-01-01', gatewayDate: '2025-06-01' },
      declarations: { employer: true, provider: true, apprentice: true },
      portfolio: { pieces: [{ id: 'x', ksbs: ['NOPE'] }] },
    };
    expect(codes(body)).toEqual(['SHOWCASE_FORMAT_MISSING']);
    expect(codes({ ...body, showcaseFormat: 'presentation' })).toEqual([]);
  });

  it('refuses a request it cannot judge', () => {
    const problem = (body: Record<string, unknown>) => {
      const parsed = GatewayInput.parse(body);
      const r = checkGateway(resolved(parsed.standard, parsed.policy), data.fundingRules, parsed);
      return r.ok ? null : r.problem.code;
    };
    expect(problem(request({ programme: { startDate: '2026-01-12', gatewayDate: '2025-01-12' } }))).toBe('DATES_OUT_OF_ORDER');
    expect(problem(request({ qualifications: { english: 'level-2', maths: 'bsl' } }))).toBe('BAD_QUALIFICATION');
    expect(problem(request({ portfolio: { pieces: [{ id: 'E1', ksbs: ['S8'] }] } }))).toBe('UNKNOWN_KSB');
    expect(problem(request({ portfolio: { pieces: [{ id: 'E1' }, { id: 'E1' }] } }))).toBe('DUPLICATE_PIECE');
  });
});
