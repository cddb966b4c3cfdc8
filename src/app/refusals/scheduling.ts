// The scheduler's words: why a proposed placement was not made (an assessment left without a
// date, and the rule that stopped it), what its input may not hold, and what a finished
// schedule is checked against. The booking use-case refuses the caps too, where an
// assessor has them. docs/scheduling.md.
import type { Area } from './area.ts';

const SETTING = "This EPAO's setting (docs/scheduling.md)";

export const SCHEDULING: Area = {
  id: 'scheduling',
  title: 'Scheduling (what a proposal leaves unplaced, and why)',
  entries: [
    [
      'NO_ELIGIBLE_ASSESSOR',
      null,
      'report',
      ['method'],
      'No assessor is approved for the standard and independent of the apprentice',
      '001 §6 Independence; 001 Quality Assurance',
    ],
    ['NO_FREE_ASSESSOR', null, 'report', ['method'], 'Every assessor who may take it is busy, away or full on every day the plan allows', SETTING],
    [
      'NO_WORKING_DAY',
      null,
      'report',
      ['from', 'to'],
      'The schedule’s days hold no working day',
      'Working days: Monday to Friday less England & Wales bank holidays',
    ],
    ['APPRENTICE_UNAVAILABLE', null, 'report', ['unavailable'], 'The apprentice or their employer cannot do the day', SETTING],
    ['APPRENTICE_BUSY', null, 'report', ['start'], 'The apprentice has another assessment at that time', SETTING],
    ['NO_TIME_TO_TRAVEL', 422, 'refusal', ['start'], 'Too little time to travel between two face-to-face venues on one day', SETTING],
    ['ASSESSOR_DAY_FULL', 422, 'refusal', ['date'], 'The assessor already has their most assessments that day', SETTING],
    ['ASSESSOR_WEEK_FULL', 422, 'refusal', ['date'], 'The assessor already has their most assessments that week', SETTING],
    ['SCHEDULE_TOO_LONG', 400, 'refusal', ['from', 'to'], 'A schedule covers at most 190 days at once', SETTING],
    [
      'SCHEDULE_RUN_UNDER_WAY',
      409,
      'refusal',
      [],
      'Another schedule is being made just now (one at a time)',
      'shared/DESIGN.md §6 (work that runs once at a time)',
    ],
    ['PROPOSAL_NOT_OPEN', 409, 'refusal', [], 'The proposal was already accepted or discarded (or is being accepted)', SETTING],
    ['NOT_IN_PROPOSAL', 409, 'refusal', ['only'], 'A key named to accept is not in the proposal', SETTING],
    ['SCHEDULER_FAILED', 503, 'refusal', [], 'The scheduler stopped before it finished (the reason is given): try again', SETTING],
    ['SCHEDULER_TIMED_OUT', 503, 'refusal', [], 'The scheduler took too long and was stopped: ask for fewer days or one standard', SETTING],
    ['DUPLICATE_ASSESSOR', 400, 'cli', ['assessors'], 'An assessor is listed twice in the scheduling input', SETTING],
    ['DUPLICATE_RECORD', 400, 'cli', ['records'], 'An apprentice’s record is listed twice in the scheduling input', SETTING],
    ['OUTSIDE_SCHEDULE', null, 'report', ['date'], 'A placement falls outside the schedule’s days', SETTING],
    ['UNKNOWN_ASSESSMENT', null, 'report', ['recordId', 'method'], 'A placement names an assessment or assessor the input does not hold', SETTING],
    ['WRONG_LENGTH', null, 'report', ['minutes'], 'A placement is not the assessment’s length', SETTING],
  ],
};
