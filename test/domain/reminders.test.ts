import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { planEpa } from '../../src/domain/planning/window.ts';
import {
  dueReminders,
  MODERATION_ALERT_WORKING_DAYS,
  type ModerationFacts,
  RESULTS_REMINDER_WORKING_DAYS,
  type RecordRows,
  type Reminder,
  recordFacts,
  SUBMISSION_REMINDER_WORKING_DAYS,
  WINDOW_REMINDER_WORKING_DAYS,
} from '../../src/domain/reminders/due.ts';
import { resultsDue } from '../../src/domain/results/release.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();
const NQUAL = resolved('ST0071@1.2', 'NQUAL');
const ST0071 = resolved('ST0071@1.2');
const ST0072 = resolved('ST0072@1.1', 'HIGHFIELD');

const rows = (overrides: Partial<RecordRows> = {}): RecordRows => ({
  recordId: 'rec-1',
  about: 'Ada Lovelace (ST0071@1.2)',
  gatewayApprovedOn: '2026-01-05',
  bookings: [],
  submitted: [],
  assessments: [],
  results: [],
  ...overrides,
});

/** All three ST0071 methods assessed, the last on `final`. */
const allHeld = (final: string) => [
  { method: 'observation', attempt: 1, heldOn: '2026-03-16' },
  { method: 'project', attempt: 1, heldOn: '2026-03-23' },
  { method: 'discussion', attempt: 1, heldOn: final },
];

const due = (today: string, r: RecordRows, resolvedStandard = ST0071, moderation: ModerationFacts[] = []) =>
  dueReminders(today, holidays, { records: [recordFacts(resolvedStandard, r)], awaitingModeration: moderation });
const codes = (reminders: Reminder[]) => reminders.map((r) => r.code);
const only = (reminders: Reminder[], code: string) => reminders.filter((r) => r.code === code);

describe('reminder thresholds (Capstone choices)', () => {
  it('are 5, 10, 3 and 5 working days', () => {
    expect([SUBMISSION_REMINDER_WORKING_DAYS, WINDOW_REMINDER_WORKING_DAYS, RESULTS_REMINDER_WORKING_DAYS, MODERATION_ALERT_WORKING_DAYS]).toEqual([
      5, 10, 3, 5,
    ]);
  });
});

describe('results deadline: NQual, 10 working days (002 EPA Timescale), across Easter 2026', () => {
  // Final assessment Monday 30 March 2026; Good Friday 3 April and Easter Monday 6 April
  // are not working days, so the 10th working day is Wednesday 15 April.
  const r = rows({ assessments: allHeld('2026-03-30'), submitted: ['project-report', 'portfolio'] });

  it('counts the deadline as the results rule does', () => {
    expect(resultsDue(NQUAL.policy, '2026-03-30', holidays)?.due).toBe('2026-04-15');
    expect(recordFacts(NQUAL, r)).toMatchObject({ finalAssessmentOn: '2026-03-30', resultReleased: false, methodsNotHeld: [] });
  });

  it('reminds from 3 working days before, then alerts once it has passed', () => {
    expect(only(due('2026-04-09', r, NQUAL), 'RESULTS_DUE')).toEqual([]); // 4 working days ahead
    const reminder = only(due('2026-04-10', r, NQUAL), 'RESULTS_DUE');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatchObject({ recordId: 'rec-1', item: 'result', dueOn: '2026-04-15', audience: ['epao', 'iqa'] });
    expect(reminder[0]?.source).toContain('002_75563123dfdaaed6.txt');
    expect(reminder[0]?.message).toContain('2026-04-15');
    expect(only(due('2026-04-15', r, NQUAL), 'RESULTS_DUE')).toHaveLength(1);
    const overdue = due('2026-04-16', r, NQUAL);
    expect(codes(overdue)).toContain('RESULTS_OVERDUE');
    expect(codes(overdue)).not.toContain('RESULTS_DUE');
    expect(only(overdue, 'RESULTS_OVERDUE')[0]).toMatchObject({ dueOn: '2026-04-15', key: 'RESULTS_OVERDUE:rec-1:result:2026-04-15' });
  });

  it('says nothing once the result is released, or where the policy sets no deadline', () => {
    const released = rows({ ...r, results: [{ finalAssessmentOn: '2026-03-30' }] });
    expect(codes(due('2026-04-16', released, NQUAL)).filter((c) => c.startsWith('RESULTS'))).toEqual([]);
    expect(codes(due('2026-04-16', r, ST0071)).filter((c) => c.startsWith('RESULTS'))).toEqual([]);
  });

  it('waits for every method, and counts from a re-sit when it is the final assessment', () => {
    const twoOfThree = rows({ assessments: allHeld('2026-03-30').slice(0, 2) });
    expect(recordFacts(NQUAL, twoOfThree).finalAssessmentOn).toBeNull();
    const resit = rows({
      assessments: [...allHeld('2026-03-30'), { method: 'observation', attempt: 2, heldOn: '2026-05-11' }],
      results: [{ finalAssessmentOn: '2026-03-30' }],
    });
    const facts = recordFacts(NQUAL, resit);
    expect(facts).toMatchObject({ finalAssessmentOn: '2026-05-11', resultReleased: false });
  });
});

describe('submissions: the project report 2 months after gateway (001 §5) and leads before a method', () => {
  it('project due = gateway approval + 2 months', () => {
    expect(planEpa(ST0071, '2026-01-05').projectDue).toBe('2026-03-05');
    expect(recordFacts(ST0071, rows()).projectReport?.due).toMatchObject({ date: '2026-03-05' });
  });

  it('reminds from 5 working days before, then once overdue', () => {
    const r = rows();
    expect(only(due('2026-02-25', r), 'SUBMISSION_DUE')).toEqual([]); // 6 working days ahead
    const reminder = only(due('2026-02-26', r), 'SUBMISSION_DUE');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatchObject({ item: 'project-report', dueOn: '2026-03-05', audience: ['apprentice', 'provider'] });
    expect(reminder[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
    expect(only(due('2026-03-05', r), 'SUBMISSION_DUE')).toHaveLength(1);
    expect(only(due('2026-03-06', r), 'SUBMISSION_OVERDUE')[0]).toMatchObject({ dueOn: '2026-03-05', audience: ['apprentice', 'provider', 'epao'] });
    expect(codes(due('2026-03-06', rows({ submitted: ['project-report'] }))).filter((c) => c.startsWith('SUBMISSION'))).toEqual([]);
  });

  it('counts working days across Easter 2026', () => {
    // Approved 7 February: due Tuesday 7 April. 5 working days before it (3 and 6 April
    // being bank holidays) reach back to Friday 27 March.
    const r = rows({ gatewayApprovedOn: '2026-02-07' });
    expect(recordFacts(ST0071, r).projectReport?.due.date).toBe('2026-04-07');
    expect(only(due('2026-03-26', r), 'SUBMISSION_DUE')).toEqual([]);
    expect(only(due('2026-03-27', r), 'SUBMISSION_DUE')).toHaveLength(1);
  });

  it('uses the earliest deadline for a submission: 14 days before the project interview when sooner', () => {
    const r = rows({ bookings: [{ id: 'b-1', method: 'project', date: '2026-03-02', status: 'booked' }] });
    const reminders = due('2026-02-10', r);
    expect(only(reminders, 'SUBMISSION_DUE')).toHaveLength(1);
    expect(only(reminders, 'SUBMISSION_DUE')[0]).toMatchObject({ item: 'project-report', dueOn: '2026-02-16' });
  });

  it('reminds about the portfolio 14 days before the discussion', () => {
    const r = rows({ submitted: ['project-report'], bookings: [{ id: 'b-2', method: 'discussion', date: '2026-03-20', status: 'booked' }] });
    expect(only(due('2026-02-26', r), 'SUBMISSION_DUE')).toEqual([]);
    const reminder = only(due('2026-02-27', r), 'SUBMISSION_DUE');
    expect(reminder[0]).toMatchObject({ item: 'portfolio', dueOn: '2026-03-06' });
    expect(reminder[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
    // A held or cancelled booking needs nothing more.
    expect(due('2026-02-27', rows({ ...r, bookings: [{ id: 'b-2', method: 'discussion', date: '2026-03-20', status: 'cancelled' }] }))).toEqual([]);
  });
});

describe('the EPA window (001 §5: 3 months from gateway approval)', () => {
  // Approved 5 January 2026: the window ends Sunday 5 April.
  const r = rows({ submitted: ['project-report', 'portfolio'] });

  it('warns from 10 working days before it ends while methods are not held', () => {
    expect(recordFacts(ST0071, r).epaEnd?.date).toBe('2026-04-05');
    expect(only(due('2026-03-18', r), 'EPA_WINDOW_ENDING')).toEqual([]);
    const ending = only(due('2026-03-19', r), 'EPA_WINDOW_ENDING');
    expect(ending[0]).toMatchObject({ dueOn: '2026-04-05', item: 'epa-window', audience: ['epao', 'provider'] });
    expect(ending[0]?.message).toContain('observation, project, discussion');
    expect(ending[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
    expect(only(due('2026-04-05', r), 'EPA_WINDOW_ENDING')).toHaveLength(1);
    expect(only(due('2026-04-06', r), 'EPA_WINDOW_PASSED')[0]).toMatchObject({ dueOn: '2026-04-05' });
  });

  it('is quiet once every method is held', () => {
    const held = rows({ ...r, assessments: allHeld('2026-03-30') });
    expect(codes(due('2026-04-06', held)).filter((c) => c.startsWith('EPA_WINDOW'))).toEqual([]);
  });

  it('for ST0072 starts at the first assessment (003), so there is nothing before one is held', () => {
    const st0072 = rows({ about: 'Grace Hopper (ST0072@1.1)' });
    expect(recordFacts(ST0072, st0072).epaEnd).toBeNull();
    const started = rows({ ...st0072, assessments: [{ method: ST0072.index.standard.methods[0]?.id as string, attempt: 1, heldOn: '2026-02-02' }] });
    expect(recordFacts(ST0072, started).epaEnd?.date).toBe('2026-05-02');
  });
});

describe('moderation (Capstone: more than 5 working days pending)', () => {
  const pending: ModerationFacts = {
    assessmentId: 'as-1',
    recordId: 'rec-1',
    about: 'Ada Lovelace (ST0071@1.2)',
    method: 'discussion',
    submittedOn: '2026-04-01',
  };
  const alerts = (today: string) => only(dueReminders(today, holidays, { records: [], awaitingModeration: [pending] }), 'MODERATION_DUE');

  it('alerts on the 6th working day after submission (Easter not counted)', () => {
    expect(alerts('2026-04-10')).toEqual([]); // 5 working days: 2, 7, 8, 9, 10 April
    expect(alerts('2026-04-12')).toEqual([]);
    const alert = alerts('2026-04-13');
    expect(alert).toHaveLength(1);
    expect(alert[0]).toMatchObject({ recordId: 'rec-1', item: 'as-1', dueOn: '2026-04-10', audience: ['iqa', 'epao'] });
    expect(alert[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
    expect(alert[0]?.source).toContain('Capstone');
  });
});

describe('dedupe keys', () => {
  it('are the same from day to day for one deadline, and change when the deadline moves', () => {
    const r = rows();
    const a = only(due('2026-02-26', r), 'SUBMISSION_DUE')[0];
    const b = only(due('2026-03-02', r), 'SUBMISSION_DUE')[0];
    expect(a?.key).toBe('SUBMISSION_DUE:rec-1:project-report:2026-03-05');
    expect(b?.key).toBe(a?.key);
    const moved = only(due('2026-03-02', rows({ gatewayApprovedOn: '2026-01-06' })), 'SUBMISSION_DUE')[0];
    expect(moved?.key).toBe('SUBMISSION_DUE:rec-1:project-report:2026-03-06');
  });

  it('are unique within a day across records and items', () => {
    const facts = {
      records: [
        recordFacts(ST0071, rows({ bookings: [{ id: 'b', method: 'discussion', date: '2026-03-20', status: 'booked' }] })),
        recordFacts(ST0071, rows({ recordId: 'rec-2', bookings: [{ id: 'c', method: 'discussion', date: '2026-03-20', status: 'booked' }] })),
      ],
      awaitingModeration: [],
    };
    const all = dueReminders('2026-03-09', holidays, facts);
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(all.map((r) => r.key)).size).toBe(all.length);
  });
});
