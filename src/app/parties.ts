// The employers and training providers a form offers, and the names behind the ids an
// assessor's declared relationships hold. Read-only; the EPAO sees every organisation.
import { type Actor, may } from '../domain/access/access.ts';
import { apprenticeNames, organisationNames, organisationsOfKind } from '../store/repositories/parties.repository.ts';
import type { AppContext } from './context.ts';
import { forbidden } from './errors.ts';
import { isUuid } from './ids.ts';

export type OrganisationKind = 'provider' | 'employer';
export type OrganisationSummary = { id: string; kind: OrganisationKind; name: string; ukprn: string | null; reference: string | null };

/** Those who name organisations in what they write: registrations and assessors' relationships. */
const mayList = (actor: Actor) => may(actor, 'register') || may(actor, 'assessor.declare') || actor.role === 'iqa';

/** Employers and training providers (never the EPAO itself), by name. */
export async function listOrganisations(ctx: AppContext, actor: Actor, kind?: OrganisationKind): Promise<OrganisationSummary[]> {
  if (!mayList(actor)) throw forbidden();
  const rows = await organisationsOfKind(ctx.db, kind ? [kind] : ['provider', 'employer']);
  return rows.map((r) => ({ id: r.id, kind: r.kind as OrganisationKind, name: r.name, ukprn: r.ukprn, reference: r.reference }));
}

export type PartyNames = {
  apprentices: Map<string, { name: string; uln: string }>;
  organisations: Map<string, { name: string; kind: string }>;
};

/** Names for the apprentices and organisations an assessor's relationships point at (EPAO staff only). */
export async function partyNames(ctx: AppContext, actor: Actor, ids: { apprenticeIds: string[]; organisationIds: string[] }): Promise<PartyNames> {
  if (actor.role !== 'epao-admin' && actor.role !== 'iqa') throw forbidden();
  const apprenticeIds = [...new Set(ids.apprenticeIds.filter(isUuid))];
  const organisationIds = [...new Set(ids.organisationIds.filter(isUuid))];
  const apprentices = await apprenticeNames(ctx.db, apprenticeIds);
  const organisations = await organisationNames(ctx.db, organisationIds);
  return {
    apprentices: new Map(apprentices.map((a) => [a.id, { name: `${a.givenNames} ${a.familyName}`, uln: a.uln }])),
    organisations: new Map(organisations.map((o) => [o.id, { name: o.name, kind: o.kind }])),
  };
}
