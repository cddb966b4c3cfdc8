// The workspace's times go through the domain's London-time conversion: BST and GMT
// alike, and a time the clocks skip is an error on its field, never moved an hour.
import { describe, expect, it } from 'vitest';
import type { AssessmentView } from '../../src/app/assessments.ts';
import { londonTime } from '../../src/web/journeys/assessment/criteria.ts';
import { draftFrom } from '../../src/web/journeys/assessment/draft.ts';

const assessment = { criteria: [], judgements: {} } as unknown as AssessmentView;
const times = (date: string, start: string, end: string) => draftFrom({ version: '1', 'started-at': start, 'ended-at': end }, assessment, date);

describe('the workspace’s session times', () => {
  it('reads a UK time as the instant it is, in summer and in winter', () => {
    expect(times('2026-07-01', '09:30', '10:30').draft).toMatchObject({ startedAt: '2026-07-01T08:30:00.000Z', endedAt: '2026-07-01T09:30:00.000Z' });
    expect(times('2026-12-01', '09:30', '10:30').draft).toMatchObject({ startedAt: '2026-12-01T09:30:00.000Z' });
  });
  it('refuses a time the clocks skip, on its field', () => {
    const skipped = times('2026-03-29', '01:30', '03:00');
    expect(skipped.draft).toBeUndefined();
    expect(skipped.errors).toEqual([{ text: expect.stringContaining('does not exist in the UK'), href: '#started-at' }]);
  });
  it('shows an instant as its UK wall-clock time', () => {
    expect(londonTime('2026-07-01T08:30:00.000Z')).toBe('09:30');
    expect(londonTime(null)).toBe('');
  });
});
