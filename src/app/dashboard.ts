// What the home pages show beyond the lists other use-cases give: the EPAO's pipeline (EPA
// records by status for each standard), the EPAO's name, standard titles, and the demo
// accounts a newcomer can sign in with.
import type { Actor, Role } from '../domain/access/access.ts';
import { firstEpaoName, organisationName, recordCounts, usersOfDomain } from '../store/repositories/dashboard.repository.ts';
import type { RecordStatus } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { forbidden } from './errors.ts';

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

export { type Attention, attention } from './attention.ts';

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
