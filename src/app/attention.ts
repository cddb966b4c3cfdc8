// What needs the EPAO's attention today, on the admin's home: every reminder due (EPA windows
// ending, submissions due, results due within the policy's working days, moderation waiting),
// split into overdue and due soon. Gathering every record under way takes most of a second at
// 100,000 apprentices, so the answer is kept and brought up to date: the changes since (each
// appends an audit entry naming what it changed) are gathered again for their records alone.
// A new day, a change of many records at once, or a minute gone by gathers everything again,
// which also catches a change whose entry was numbered before, but committed after, the last look.
import type { Actor } from '../domain/access/access.ts';
import { OVERDUE, type Reminder } from '../domain/reminders/due.ts';
import { recordsChangedBetween } from '../store/repositories/attention.repository.ts';
import { latestChange } from '../store/repositories/reminders.repository.ts';
import { type AppContext, today } from './context.ts';
import { forbidden } from './errors.ts';
import { remindersDue } from './reminders.ts';

export type Attention = { overdue: Reminder[]; dueSoon: Reminder[] };

/** Everything is gathered again at least this often (wall-clock time, whatever the app's clock says). */
const GATHER_ALL_EVERY_MS = 60_000;

type Kept = { day: string; upTo: number; gatheredAt: number; reminders: Reminder[]; attention: Attention };

/** The last answer for each database. */
const kept = new WeakMap<object, Kept>();

export async function attention(ctx: AppContext, actor: Actor): Promise<Attention> {
  if (actor.role !== 'epao-admin') throw forbidden();
  const day = today(ctx);
  // Read before gathering: a change landing meanwhile is gathered now and again next time.
  const head = await latestChange(ctx.db);
  const last = kept.get(ctx.db);
  if (last && last.day === day && Date.now() - last.gatheredAt < GATHER_ALL_EVERY_MS) {
    if (head === last.upTo) return last.attention;
    const changed = await recordsChangedBetween(ctx.db, last.upTo, head);
    if (changed !== null) {
      const touched = new Set(changed);
      const fresh = changed.length === 0 ? [] : (await remindersDue(ctx, day, changed)).reminders;
      return keep(ctx, { ...last, upTo: head }, [...last.reminders.filter((r) => !touched.has(r.recordId)), ...fresh]);
    }
  }
  return keep(ctx, { day, upTo: head, gatheredAt: Date.now() }, (await remindersDue(ctx, day)).reminders);
}

function keep(ctx: AppContext, at: Omit<Kept, 'reminders' | 'attention'>, reminders: Reminder[]): Attention {
  // Every reminder, not only those mailed to the EPAO: the dashboard shows submissions due too.
  const ours = [...reminders].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.about.localeCompare(b.about) || a.key.localeCompare(b.key));
  const answer = { overdue: ours.filter((r) => OVERDUE.has(r.code)), dueSoon: ours.filter((r) => !OVERDUE.has(r.code)) };
  kept.set(ctx.db, { ...at, reminders, attention: answer });
  return answer;
}
