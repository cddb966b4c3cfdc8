// The e-mails an appeal's steps send: to whoever lodged it and to the apprentice when it is
// acknowledged and decided, and to the reviewer when it is given to them. Composed from the
// EPAO's templates (src/app/mail-templates.ts) and written to the outbox in the step's own
// transaction, once per step and address (the dedupe key).
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.ts';
import type { AppealDetail } from '../store/repositories/appeals.repository.ts';
import type { MailRow } from '../store/repositories/outbox.repository.ts';
import { composeMail } from './mail-templates.ts';

export type AppealStep = 'acknowledged' | 'reviewer' | 'decided';

/** The lodger and the apprentice, once each (the apprentice may be the lodger); those without an address are left out. */
function parties(appeal: AppealDetail): string[] {
  const addresses = [appeal.lodgerEmail, appeal.apprenticeEmail].filter((a): a is string => typeof a === 'string' && a !== '');
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

export async function appealMail(
  db: Db,
  appeal: AppealDetail,
  step: AppealStep,
  text: { deadline: string; outcome?: string; reason?: string },
  base: string,
): Promise<MailRow[]> {
  const values = {
    apprentice: `${appeal.givenNames} ${appeal.familyName}`,
    reviewer: appeal.reviewerName ?? '',
    lodgedOn: appeal.lodgedOn,
    decideBy: text.deadline,
    outcome: text.outcome ?? '',
    reasons: text.reason ?? '',
    link: `${base}/appeals/${appeal.id}`,
  };
  const key = (to: string) => `appeal:${appeal.id}:${step}:${to}`;
  // Each assignment tells its reviewer, a reviewer given the appeal back included.
  if (step === 'reviewer')
    return appeal.reviewerEmail
      ? [await composeMail(db, 'appeal-reviewer', appeal.reviewerEmail, values, `${key(appeal.reviewerEmail.toLowerCase())}:${randomUUID()}`)]
      : [];
  const kind = step === 'acknowledged' ? 'appeal-acknowledged' : 'appeal-decided';
  return Promise.all(parties(appeal).map((to) => composeMail(db, kind, to, values, key(to))));
}
