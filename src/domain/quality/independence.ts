// Who may judge whose work. The IQA "must not have been involved in any aspect of the
// delivery or assessment of the programme they are quality assuring"
// (001_1e92b44f98d10fcb.txt, Internal Quality Assurance); an appeal is a further review
// of the evidence (004_f9b9047560044387.txt Section 6), so not by the assessor whose
// decision is appealed.
import type { Finding } from '../outcome.ts';

export function moderationConflict(moderatorUserId: string, assessorUserId: string): Finding | null {
  if (moderatorUserId !== assessorUserId) return null;
  return {
    code: 'OWN_ASSESSMENT',
    message: 'nobody moderates their own assessment',
    source: '001_1e92b44f98d10fcb.txt, Internal Quality Assurance',
  };
}

export function appealConflict(deciderUserId: string, assessorUserIds: readonly string[]): Finding | null {
  if (!assessorUserIds.includes(deciderUserId)) return null;
  return {
    code: 'APPEAL_DECIDER_NOT_INDEPENDENT',
    message: 'an appeal is decided by someone other than the assessor whose decision is appealed',
    source: '004_f9b9047560044387.txt, Section 6 – Appeals ("a further review of the evidence")',
  };
}
