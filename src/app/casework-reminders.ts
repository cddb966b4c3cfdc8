// The daily chase of the EPAO's casework: each open appeal and complaint whose next step
// (acknowledge, then decide or respond) is due within the chase days or late is mailed to the
// EPAO's admins who take reminders, once per step and due day (domain/casework/deadlines.ts).

import { appealDeadlines, appealDue } from '../domain/appeals/steps.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { chaseDue, stepDeadlines, stepDue } from '../domain/casework/deadlines.ts';
import { openAppeals } from '../store/repositories/appeals.repository.ts';
import { complaintsPage } from '../store/repositories/complaints.repository.ts';
import { writeMail } from '../store/repositories/outbox.repository.ts';
import { usersInRoles } from '../store/repositories/reminders.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { appealTimings, complaintTimings, publicUrl } from './epao-settings.ts';
import { composeMail } from './mail-templates.ts';

/** How many open cases of each kind one run reads: far more than an EPAO has open at once. */
const MOST = 5_000;

type Chase = { key: string; what: string; about: string; step: string; by: string; late: boolean; link: string };

async function casesToChase(ctx: AppContext, day: IsoDate): Promise<Chase[]> {
  const base = publicUrl();
  const appeals = await openAppeals(ctx.db, { limit: MOST });
  const complaints = await complaintsPage(ctx.db, { open: true, limit: MOST });
  const chases: Chase[] = [];
  for (const a of appeals) {
    const due = appealDue(a, appealDeadlines(a.lodgedOn, appealTimings(), ctx.holidays), day);
    if (due && chaseDue(due, day, ctx.holidays))
      chases.push({
        key: `appeal:${a.id}:${due.step}:${due.by}`,
        what: 'An appeal',
        about: `${a.givenNames} ${a.familyName}`,
        step: due.step === 'acknowledge' ? 'its acknowledgement' : 'its decision',
        by: due.by,
        late: due.late,
        link: `${base}/appeals/${a.id}`,
      });
  }
  for (const c of complaints) {
    const due = stepDue({ answered: false, acknowledgedOn: c.acknowledgedOn }, stepDeadlines(c.receivedOn, complaintTimings(), ctx.holidays), day);
    if (due && chaseDue(due, day, ctx.holidays))
      chases.push({
        key: `complaint:${c.id}:${due.step}:${due.by}`,
        what: 'A complaint',
        about: c.subject,
        step: due.step === 'acknowledge' ? 'its acknowledgement' : 'its response',
        by: due.by,
        late: due.late,
        link: `${base}/complaints/${c.id}`,
      });
  }
  return chases;
}

/** Writes the day's chases to the outbox; how many messages were new. */
export async function runCaseworkReminders(ctx: AppContext, day: IsoDate = today(ctx)): Promise<number> {
  const chases = await casesToChase(ctx, day);
  if (chases.length === 0) return 0;
  const admins = (await usersInRoles(ctx.db, ['epao-admin'])).map((u) => u.email.toLowerCase());
  return inTransaction(ctx.db, async (trx) => {
    const rows = await Promise.all(
      chases.flatMap((c) =>
        admins.map((to) =>
          composeMail(
            trx,
            'casework-due',
            to,
            { what: c.what, about: c.about, step: c.step, by: c.by, late: c.late ? '(late)' : '', link: c.link },
            `casework:${c.key}:${to}`,
          ),
        ),
      ),
    );
    return writeMail(trx, rows);
  });
}
