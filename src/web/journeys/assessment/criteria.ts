// The workspace's shared pieces: criteria as HTML ids and in their groups, and an instant's
// London wall-clock time (the domain's conversion, src/domain/calendar/london-time.ts).
import type { AssessmentView } from '../../../app/assessments.ts';
import { utcToLondon } from '../../../domain/calendar/london-time.ts';

/** A criterion id as an HTML id ("observation.P1" → "observation-P1"). */
export const fieldId = (criterion: string) => criterion.replace(/[^A-Za-z0-9_-]/g, '-');

/** "10:30" in London from an instant; empty for nothing. */
export function londonTime(instant: string | null): string {
  return instant ? utcToLondon(instant).time : '';
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
