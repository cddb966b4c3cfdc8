// The e-mails an appeal's steps send: to whoever lodged it and to the apprentice when it is
// acknowledged and decided, and to the reviewer when it is given to them. Written to the
// outbox in the step's own transaction, once per step and address (the dedupe key).
import type { AppealDetail } from '../store/repositories/appeals.repository.ts';
import type { MailRow } from '../store/repositories/outbox.repository.ts';

export type AppealStep = 'acknowledged' | 'reviewer' | 'decided';

/** The lodger and the apprentice, once each (the apprentice may be the lodger); those without an address are left out. */
function parties(appeal: AppealDetail): string[] {
  const addresses = [appeal.lodgerEmail, appeal.apprenticeEmail].filter((a): a is string => typeof a === 'string' && a !== '');
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

const link = (base: string, appeal: AppealDetail) => `${base}/appeals/${appeal.id}`;

export function appealMail(appeal: AppealDetail, step: AppealStep, text: { deadline?: string; outcome?: string; reason?: string }, base: string): MailRow[] {
  const who = `${appeal.givenNames} ${appeal.familyName}`;
  const row = (to: string, subject: string, body: string): MailRow => ({
    toAddress: to,
    subject,
    body,
    kind: `appeal-${step}`,
    dedupeKey: `appeal:${appeal.id}:${step}:${to}`,
  });
  if (step === 'reviewer') {
    if (!appeal.reviewerEmail) return [];
    return [
      row(
        appeal.reviewerEmail.toLowerCase(),
        `An appeal for you to review: ${who}`,
        `Dear ${appeal.reviewerName},\n\nThe EPAO has given you the appeal lodged on ${appeal.lodgedOn} against ${who}'s result to review. It is to be decided by ${text.deadline}.\n\nRead the grounds and decide it here: ${link(base, appeal)}\n`,
      ),
    ];
  }
  const subject = step === 'acknowledged' ? `Your appeal has been received: ${who}` : `Your appeal has been decided: ${who}`;
  const body =
    step === 'acknowledged'
      ? `The EPAO has received the appeal lodged on ${appeal.lodgedOn} against ${who}'s result. It will be reviewed by someone who had no part in the assessment, and decided by ${text.deadline}.\n\nFollow it here: ${link(base, appeal)}\n`
      : `The appeal lodged on ${appeal.lodgedOn} against ${who}'s result was ${text.outcome}.\n\nThe reviewer's reasons: ${text.reason}\n\nSee the decision and the result here: ${link(base, appeal)}\n`;
  return parties(appeal).map((to) => row(to, subject, body));
}
