// What the home pages show beyond the lists other use-cases give: the EPAO's pipeline (EPA
// records by status for each standard), the EPAO's name, standard titles, and the demo
// accounts a newcomer can sign in with.
import type { Actor, Role } from '../domain/access/access.ts';
import { OVERDUE, type Reminder } from '../domain/reminders/due.ts';
import { firstEpaoName, organisationName, recordCounts, usersOfDomain } from '../store/repositories/dashboard.repository.ts';
import { latestChange } from '../store/repositories/reminders.repository.ts';
import type { RecordStatus } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { today } from './context.ts';
import { forbidden } from './errors.ts';
import { remindersDue } from './reminders.ts';

export type Pipeline = { standard: string; title: string; counts: Partial<Record<RecordStatus, number>>; total: number }[];

/** EPA records counted by status for each standard version; EPAO staff only. */
export async function pipeline(ctx: AppContext, actor: Actor): Promise<Pipeline> {
  if (actor.role !== 'epao-admin' && actor.role !== 'iqa') throw forbidden();
  const rows = await recordCounts(ctx.db);
  const byStandard = new Map<string, Pipeline[number]>();
  for (const row of rows) {
    let entry = byStandard.get(row.standard);
    if (!entry) {
      entry = { standard: row.standard, title: standardTitle(ctx, row.standard), counts: {}, total: 0 };
      byStandard.set(row.standard, entry);
    }
    entry.counts[row.status] = Number(row.count);
    entry.total += Number(row.count);
  }
  return [...byStandard.values()];
}

export type Attention = { overdue: Reminder[]; dueSoon: Reminder[] };

/**
 * What needs the EPAO's attention today: the reminders due (EPA windows ending,
 * submissions due, results due within the policy's working days, moderation waiting), split into overdue and due soon, each soonest first. EPAO staff only.
 */
export async function attention(ctx: AppContext, actor: Actor): Promise<Attention> {
  if (actor.role !== 'epao-admin') throw forbidden();
  // Gathering every record under way takes most of a second at 100,000 apprentices; the
  // answer depends only on the day and the data, so it is kept until either moves on.
  const key = `${today(ctx)}|${await latestChange(ctx.db)}`;
  const kept = attentionKept.get(ctx.db);
  if (kept?.key === key) return kept.attention;
  const { reminders } = await remindersDue(ctx, today(ctx));
  // Every reminder, not only those mailed to the EPAO: the dashboard shows submissions due too.
  const ours = [...reminders].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.about.localeCompare(b.about));
  const answer = { overdue: ours.filter((r) => OVERDUE.has(r.code)), dueSoon: ours.filter((r) => !OVERDUE.has(r.code)) };
  attentionKept.set(ctx.db, { key, attention: answer });
  return answer;
}

/** The last answer for each database, with the day and the newest change it was computed at. */
const attentionKept = new WeakMap<object, { key: string; attention: Attention }>();

/** A standard version's title from the catalogue ("Customer service practitioner"), or its id. */
export function standardTitle(ctx: AppContext, standard: string): string {
  return ctx.catalogue.standards.get(standard)?.standard.title ?? standard;
}

/** An assessment method's name in its standard ("Professional discussion"), or its id. */
export function methodName(ctx: AppContext, standard: string, method: string): string {
  return ctx.catalogue.standards.get(standard)?.methods.get(method)?.name ?? method;
}

/** The EPAO's name as recorded (the first EPAO organisation), or null when there is none yet. */
export async function epaoName(ctx: AppContext): Promise<string | null> {
  return (await firstEpaoName(ctx.db)) ?? null;
}

export const DEMO_EMAIL_DOMAIN = 'demo.capstone.test';
const ROLE_ORDER: Role[] = ['epao-admin', 'iqa', 'assessor', 'provider', 'employer', 'apprentice'];

/** The demo accounts (their addresses end in demo.capstone.test), EPAO staff first. */
export async function demoAccounts(ctx: AppContext): Promise<{ email: string; name: string; role: Role }[]> {
  const rows = await usersOfDomain(ctx.db, DEMO_EMAIL_DOMAIN);
  return rows.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

/** The name of the actor's own organisation (a provider's or employer's), or null. */
export async function ownOrganisationName(ctx: AppContext, actor: Actor): Promise<string | null> {
  if (!actor.organisationId) return null;
  return (await organisationName(ctx.db, actor.organisationId)) ?? null;
}
