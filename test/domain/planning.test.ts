import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { checkPlan } from '../../src/domain/planning/booking-check.ts';
import { PlanCheckInput } from '../../src/domain/planning/input.ts';
import { planEpa } from '../../src/domain/planning/window.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();

function check(body: Record<string, unknown>) {
  const parsed = PlanCheckInput.parse({ standard: 'ST0071@1.2', policy: null, gatewayApproved: '2026-01-05', ...body });
  const r = checkPlan(resolved(parsed.standard, parsed.policy), parsed, holidays);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}
const codes = (body: Record<string, unknown>) => check(body).violations.map((v) => v.code);

/** A valid ST0071 plan after approval on 5 January 2026 (window to 5 April, project due 5 March). */
const good = [
  { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-06' },
  { method: 'project', date: '2026-03-10', bookedOn: '2026-01-06', projectSubmittedOn: '2026-02-20' },
  { method: 'discussion', date: '2026-03-20', bookedOn: '2026-01-06', portfolioSubmittedOn: '2026-03-06' },
];
const withBooking = (method: string, change: Record<string, unknown>) => good.map((b) => (b.method === method ? { ...b, ...change } : b));

describe('the EPA window (001 §5; 003 Readiness)', () => {
  it('ST0071: three months from gateway approval, the project due after two (issue 3 example)', () => {
    expect(planEpa(resolved('ST0071@1.2'), '2026-01-05')).toEqual({
      epaStart: '2026-01-05',
      epaEnd: '2026-04-05',
      projectDue: '2026-03-05',
      recommendedOrder: ['observation', 'project', 'discussion'],
    });
    expect(planEpa(resolved('ST0071@1.2'), '2025-11-30')).toMatchObject({ epaEnd: '2026-02-28', projectDue: '2026-01-30' });
  });
  it("follows the EPAO's preferred order where its policy sets one (004 Section 2)", () => {
    expect(planEpa(resolved('ST0071@1.2', 'PAL'), '2026-01-05').recommendedOrder).toEqual(['discussion', 'observation', 'project']);
  });
  it('ST0072: the window starts with the first assessment, so the plan leaves it open', () => {
    expect(planEpa(resolved('ST0072@1.1', 'HIGHFIELD'), '2026-01-05')).toEqual({
      epaStart: null,
      epaEnd: null,
      windowMonths: 3,
      recommendedOrder: ['showcase', 'observation', 'discussion'],
    });
  });
});

describe('booking checks', () => {
  it('accepts a plan that keeps every rule', () => {
    expect(check({ bookings: good })).toEqual({ ok: true, violations: [], warnings: [] });
  });

  it('keeps every assessment inside the window, its last day included', () => {
    expect(codes({ bookings: withBooking('discussion', { date: '2026-04-05', portfolioSubmittedOn: '2026-03-20' }) })).toEqual([]);
    const late = check({ bookings: withBooking('discussion', { date: '2026-04-06', portfolioSubmittedOn: '2026-03-20' }) });
    expect(late.violations).toEqual([expect.objectContaining({ code: 'OUTSIDE_EPA_WINDOW', methods: ['discussion'], epaEnd: '2026-04-05' })]);
    expect(codes({ bookings: withBooking('observation', { date: '2026-01-04', bookedOn: '2025-12-01' }) })).toEqual(['OUTSIDE_EPA_WINDOW']);
  });

  it("gives the observation at least 14 days' notice (001 §5: 2 weeks)", () => {
    expect(codes({ bookings: withBooking('observation', { date: '2026-02-02', bookedOn: '2026-01-19' }) })).toEqual([]);
    expect(codes({ bookings: withBooking('observation', { date: '2026-02-02', bookedOn: '2026-01-20' }) })).toEqual(['NOTICE_TOO_SHORT']);
  });

  it('wants the project report 14 days before its interview and within 2 months of approval', () => {
    expect(codes({ bookings: withBooking('project', { projectSubmittedOn: '2026-02-24' }) })).toEqual([]);
    expect(codes({ bookings: withBooking('project', { projectSubmittedOn: '2026-02-25' }) })).toEqual(['PROJECT_LATE']);
    expect(codes({ bookings: withBooking('project', { date: '2026-03-25', projectSubmittedOn: '2026-03-06' }) })).toEqual(['PROJECT_AFTER_DEADLINE']);
    expect(codes({ bookings: withBooking('project', { date: '2026-03-25', projectSubmittedOn: '2026-03-05' }) })).toEqual([]);
  });

  it('wants the portfolio 14 days before the discussion; not yet submitted is no violation', () => {
    expect(codes({ bookings: withBooking('discussion', { portfolioSubmittedOn: '2026-03-07' }) })).toEqual(['PORTFOLIO_LATE']);
    expect(codes({ bookings: withBooking('discussion', { portfolioSubmittedOn: undefined }) })).toEqual([]);
  });

  it('VTCT: bookings 20 working days ahead, bank holidays excluded (000, Scheduling)', () => {
    const vtct = (date: string, bookedOn: string) =>
      codes({ standard: 'ST0071@1.1', policy: 'VTCT', gatewayApproved: '2026-03-02', bookings: [{ method: 'discussion', date, bookedOn }] });
    expect(vtct('2026-04-08', '2026-03-09')).toEqual([]); // the 20th working day, over Easter
    expect(vtct('2026-04-07', '2026-03-09')).toEqual(['BOOKING_LEAD_TIME']);
  });

  it('NQual: registration 90 days and evidence 10 working days before the first assessment (002, EPA Timescale)', () => {
    const nqual = (extra: Record<string, unknown>) => codes({ policy: 'NQUAL', bookings: good, ...extra });
    expect(nqual({ registeredOn: '2025-11-04' })).toEqual([]); // 90 days before 2 February
    expect(nqual({ registeredOn: '2025-11-05' })).toEqual(['REGISTRATION_TOO_LATE']);
    expect(nqual({ evidenceSubmittedOn: '2026-01-19' })).toEqual([]); // 10 working days before 2 February
    expect(nqual({ evidenceSubmittedOn: '2026-01-20' })).toEqual(['EVIDENCE_LATE']);
  });

  it('warns, never blocks, when the order differs from the recommendation', () => {
    const reversed = check({ bookings: withBooking('observation', { date: '2026-03-27', bookedOn: '2026-01-06' }) });
    expect(reversed.ok).toBe(true);
    expect(reversed.warnings).toEqual([
      expect.objectContaining({
        code: 'ORDER_NOT_RECOMMENDED',
        methods: ['project', 'discussion', 'observation'],
        pairs: [{ before: 'observation', after: 'discussion' }],
      }),
    ]);
    // The same dates follow PAL's preferred order only if the discussion comes first: still a warning there.
    expect(check({ policy: 'PAL', bookings: good }).warnings.map((w) => w.code)).toEqual(['ORDER_NOT_RECOMMENDED']);
  });

  it('ST0072: the window runs three months from the first assessment; the discussion after the observation (003)', () => {
    const st0072 = (bookings: unknown[]) => check({ standard: 'ST0072@1.1', policy: 'HIGHFIELD', bookings });
    const ok = st0072([
      { method: 'showcase', date: '2026-02-01', bookedOn: '2026-01-06' },
      { method: 'observation', date: '2026-03-01', bookedOn: '2026-01-06' },
      { method: 'discussion', date: '2026-05-01', bookedOn: '2026-01-06' },
    ]);
    expect(ok).toEqual({ ok: true, violations: [], warnings: [] });
    const late = st0072([
      { method: 'showcase', date: '2026-02-01', bookedOn: '2026-01-06' },
      { method: 'discussion', date: '2026-05-02', bookedOn: '2026-01-06' },
    ]);
    expect(late.violations.map((v) => v.code)).toEqual(['OUTSIDE_EPA_WINDOW']);
    const early = st0072([
      { method: 'discussion', date: '2026-02-01', bookedOn: '2026-01-06' },
      { method: 'observation', date: '2026-02-02', bookedOn: '2026-01-06' },
    ]);
    expect(early.warnings.map((w) => w.code)).toEqual(['ORDER_NOT_RECOMMENDED']);
  });

  it('refuses bookings it cannot judge', () => {
    const problem = (bookings: unknown[]) => {
      const parsed = PlanCheckInput.parse({ standard: 'ST0071@1.2', gatewayApproved: '2026-01-05', bookings });
      const r = checkPlan(resolved(parsed.standard), parsed, holidays);
      return r.ok ? null : r.problem.code;
    };
    expect(problem([{ method: 'showcase', date: '2026-02-01', bookedOn: '2026-01-06' }])).toBe('UNKNOWN_METHOD');
    expect(problem([good[0], good[0]])).toBe('DUPLICATE_BOOKING');
    expect(problem([{ method: 'observation', date: '2026-02-01', bookedOn: '2026-02-06' }])).toBe('DATES_OUT_OF_ORDER');
  });
});

describe('which violations a booking brings (the rest belong to other bookings)', () => {
  it('blocks a booking on its own violations and on those it causes, never on older ones', async () => {
    const { violationsOfBooking } = await import('../../src/domain/planning/booking-check.ts');
    const late = { code: 'PROJECT_LATE', message: '', source: 's', methods: ['project'] };
    const notice = { code: 'NOTICE_TOO_SHORT', message: '', source: 's', methods: ['observation'] };
    // An ST0072 showcase booked before the others pulls the 3-month window (003) earlier: the discussion falls out.
    const window = { code: 'OUTSIDE_EPA_WINDOW', message: '', source: 's', methods: ['discussion'] };
    expect(violationsOfBooking('observation', [late, notice], [late])).toEqual([notice]);
    expect(violationsOfBooking('showcase', [window], [])).toEqual([window]);
    expect(violationsOfBooking('showcase', [window], [window])).toEqual([]);
    expect(violationsOfBooking('project', [late], [late])).toEqual([late]);
  });
});
