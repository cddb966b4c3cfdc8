// The workspace's shared pieces: criteria as HTML ids and in their groups, and London
// wall-clock times to and from instants.
import type { AssessmentView } from '../../../app/assessments.ts';

/** A criterion id as an HTML id ("observation.P1" → "observation-P1"). */
export const fieldId = (criterion: string) => criterion.replace(/[^A-Za-z0-9_-]/g, '-');

/** The instant of a London wall-clock time on a date ("2026-11-23", "10:30"). */
export function londonInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(wall));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - wall;
  return new Date(wall - offset).toISOString();
}

/** "10:30" in London from an instant; empty for nothing. */
export function londonTime(instant: string | null): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** The criteria grouped by KSB theme, in order, with those carried over from another method last. */
export function groupCriteria(criteria: AssessmentView['criteria']) {
  const groups: { heading: string; carried: boolean; criteria: AssessmentView['criteria'] }[] = [];
  const carried: AssessmentView['criteria'] = [];
  for (const criterion of criteria) {
    if (criterion.carriedFrom !== null) {
      carried.push(criterion);
      continue;
    }
    const heading = criterion.theme || 'Other criteria';
    let group = groups.find((g) => g.heading === heading && !g.carried);
    if (!group) {
      group = { heading, carried: false, criteria: [] };
      groups.push(group);
    }
    group.criteria.push(criterion);
  }
  if (carried.length > 0) groups.push({ heading: 'Criteria carried over from other assessment methods', carried: true, criteria: carried });
  return groups.map((g) => ({ ...g, criteria: g.criteria.map((c) => ({ ...c, fieldId: fieldId(c.id) })) }));
}
