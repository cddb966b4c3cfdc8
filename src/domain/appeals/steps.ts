// An appeal's steps after it is lodged: the EPAO acknowledges it, gives it to a reviewer who
// had no part in the decision appealed, and the reviewer decides. Ofqual's General Condition
// I1 asks for an appeals process that is timely and decided without a personal interest;
// 004 Section 6 makes an appeal "a further review of the evidence". No seed sets how many
// days each step takes, so those are the EPAO's settings (src/app/epao-settings.ts).
import type { HolidayCalendar } from '../calendar/working-days.ts';
import { lateIfReceivedBy, stepDeadlines, stepDue } from '../casework/deadlines.ts';
import type { Finding } from '../outcome.ts';

export type AppealTimings = { acknowledgeWorkingDays: number; decideWorkingDays: number; source: string };

export type AppealDeadlines = { acknowledgeBy: string; decideBy: string; source: string };

/** When the EPAO must have acknowledged and decided an appeal lodged on `lodgedOn` (domain/casework/deadlines.ts). */
export function appealDeadlines(lodgedOn: string, timings: AppealTimings, holidays: HolidayCalendar): AppealDeadlines {
  const d = stepDeadlines(
    lodgedOn,
    { acknowledgeWorkingDays: timings.acknowledgeWorkingDays, answerWorkingDays: timings.decideWorkingDays, source: timings.source },
    holidays,
  );
  return { acknowledgeBy: d.acknowledgeBy, decideBy: d.answerBy, source: d.source };
}

export type AppealProgress = { status: 'lodged' | 'upheld' | 'rejected'; acknowledgedOn: string | null };

/** The step an open appeal waits for and whether its deadline has passed on `today`; null once decided. */
export function appealDue(
  appeal: AppealProgress,
  deadlines: AppealDeadlines,
  today: string,
): { step: 'acknowledge' | 'decide'; by: string; late: boolean } | null {
  const due = stepDue({ answered: appeal.status !== 'lodged', acknowledgedOn: appeal.acknowledgedOn }, { ...deadlines, answerBy: deadlines.decideBy }, today);
  return due && { step: due.step === 'answer' ? 'decide' : 'acknowledge', by: due.by, late: due.late };
}

/** The last lodging date whose step is late on `today` (domain/casework/deadlines.ts lateIfReceivedBy). */
export const lateIfLodgedBy = lateIfReceivedBy;

/** Those who had a part in the decision appealed: its assessors (any method, any attempt) and moderators. */
export type DecisionParties = { assessorUserIds: readonly string[]; moderatorUserIds: readonly string[] };

const INDEPENDENCE_SOURCE =
  '004_f9b9047560044387.txt, Section 6 ("a further review of the evidence"); Ofqual General Condition I1 (decided without a personal interest)';

/**
 * The reviewer the EPAO gives an appeal to had no part in the decision appealed: neither an
 * assessor of the apprentice's EPA nor a moderator of it.
 */
export function reviewerConflict(userId: string, parties: DecisionParties): Finding | null {
  const assessed = parties.assessorUserIds.includes(userId);
  if (!assessed && !parties.moderatorUserIds.includes(userId)) return null;
  return {
    code: 'APPEAL_DECIDER_NOT_INDEPENDENT',
    message: assessed
      ? 'an appeal is reviewed by someone other than an assessor of the apprentice’s assessment'
      : 'an appeal is reviewed by someone who did not moderate the apprentice’s assessment',
    source: INDEPENDENCE_SOURCE,
  };
}

/**
 * Where the EPAO decides an appeal itself, without a reviewer, the decider did not assess the
 * apprentice. Its IQA, who moderated a sample, may: moderation is the EPAO's own check on the
 * grade, and the appeal is the EPAO's to decide, "whose decision is final" (001 §8).
 */
export function deciderConflict(userId: string, assessorUserIds: readonly string[]): Finding | null {
  if (!assessorUserIds.includes(userId)) return null;
  return {
    code: 'APPEAL_DECIDER_NOT_INDEPENDENT',
    message: 'an appeal is decided by someone other than the assessor whose decision is appealed',
    source: INDEPENDENCE_SOURCE,
  };
}

/**
 * A re-sit or a certificate claim waits while an appeal against the result is open: its
 * decision may change the grade the re-sit or the certificate rests on. The EPAO may go
 * ahead anyway, saying why (the reason is kept in the audit log).
 */
export function heldByAppeal(openAppeal: { id: string; lodgedOn: string } | null, action: 'resit' | 'claim', overrideReason: string | null): Finding | null {
  if (!openAppeal || (overrideReason ?? '').trim() !== '') return null;
  const what = action === 'resit' ? 'a re-sit or re-take' : 'a certificate claim';
  return {
    code: 'APPEAL_PENDING',
    message: `an appeal against this result, lodged on ${openAppeal.lodgedOn}, is waiting for its decision: ${what} waits for it, unless the EPAO gives a reason to go ahead`,
    source: 'this EPAO’s setting (an open appeal may change the grade; Ofqual General Condition I1)',
    appealId: openAppeal.id,
  };
}

/**
 * Who decides an open appeal: the reviewer the EPAO gave it to, and only them; where it has
 * none, the EPAO's admin or IQA (001 §8: the EPAO's decision is final). Their independence is
 * checked apart (reviewerConflict, deciderConflict).
 */
export function decidesAppeal(actor: { userId: string; role: string }, reviewerId: string | null): boolean {
  return reviewerId ? reviewerId === actor.userId : actor.role === 'epao-admin' || actor.role === 'iqa';
}
