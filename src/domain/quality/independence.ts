// Who may judge whose work. The IQA "must not have been involved in any aspect of the
// delivery or assessment of the programme they are quality assuring"
// (001_1e92b44f98d10fcb.txt, Internal Quality Assurance). An appeal's reviewer is the
// domain's too: domain/appeals/steps.ts reviewerConflict.
import type { Finding } from '../outcome.ts';

export function moderationConflict(moderatorUserId: string, assessorUserId: string): Finding | null {
  if (moderatorUserId !== assessorUserId) return null;
  return {
    code: 'OWN_ASSESSMENT',
    message: 'nobody moderates their own assessment',
    source: '001_1e92b44f98d10fcb.txt, Internal Quality Assurance',
  };
}
