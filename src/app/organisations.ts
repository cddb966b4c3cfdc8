// The EPAO's organisations: training providers by UKPRN, and employers (with the EPAO's own
// reference for them, which an import may name them by). The EPAO lists and adds them; a
// provider's or employer's users are invited from the people page.
import type { Actor } from '../domain/access/access.ts';
import { may } from '../domain/access/access.ts';
import { ukprnProblem } from '../domain/organisations/ukprn.ts';
import { appendAudit } from '../store/audit.ts';
import { employerAddressRow, insertOrganisation, organisationsPage, setEmployerAddressRow } from '../store/repositories/organisations.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import { MAX_NAME } from './inputs.ts';
import type { EmployerAddress } from './inputs-postal.ts';

/** An employer's reference: an account number or MIS code. */
export const MAX_REFERENCE = 100;

export type OrganisationRequest = { kind: 'provider' | 'employer'; name: string; ukprn?: string; reference?: string };

export async function listOrganisations(
  ctx: AppContext,
  actor: Actor,
  options: { kind: 'provider' | 'employer'; after?: { name: string; id: string }; limit?: number },
) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO keeps its list of providers and employers');
  return organisationsPage(ctx.db, { ...options, limit: Math.min(Math.max(options.limit ?? 50, 1), 200) });
}

export async function addOrganisation(ctx: AppContext, actor: Actor, input: OrganisationRequest) {
  if (!may(actor, 'organisation.create')) throw forbidden('the EPAO adds providers and employers');
  if (!input.name.trim() || input.name.length > MAX_NAME) throw badRequest('VALIDATION_FAILED', `the name is 1 to ${MAX_NAME} characters`);
  if ((input.reference ?? '').length > MAX_REFERENCE) throw badRequest('VALIDATION_FAILED', `the reference is at most ${MAX_REFERENCE} characters`);
  const ukprn = input.kind === 'provider' ? (input.ukprn ?? '').trim() : null;
  if (ukprn !== null) {
    const problem = ukprnProblem(ukprn);
    if (problem) throw refused(problem.code, problem.message, [problem]);
  } else if (input.ukprn) throw badRequest('UKPRN_FOR_PROVIDERS', 'only a training provider has a UKPRN');
  const reference = input.kind === 'employer' && input.reference?.trim() ? input.reference.trim() : null;
  return inTransaction(ctx.db, async (trx) => {
    const made = await insertOrganisation(trx, { kind: input.kind, name: input.name.trim(), ukprn, reference });
    if (!made)
      throw conflict(
        'ORGANISATION_EXISTS',
        ukprn ? `a training provider with the UKPRN ${ukprn} is already on the list` : `an employer with the reference "${reference}" is already on the list`,
      );
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'create', entity: 'organisation', entityId: made.id, after: made });
    return made;
  });
}

/** An employer's postal address: its certificates are posted there unless a claim gives another (DfE posts them). */
export async function setEmployerAddress(ctx: AppContext, actor: Actor, id: string, address: EmployerAddress) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO keeps its employers’ addresses');
  if (!isUuid(id)) throw notFound(`employer ${id}`);
  return inTransaction(ctx.db, async (trx) => {
    const saved = await setEmployerAddressRow(trx, id, address);
    if (!saved) throw notFound(`employer ${id}`);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'update', entity: 'organisation', entityId: id, after: { address } });
    return saved;
  });
}

/** An employer with its postal address, for the form that sets it. */
export async function employerAddress(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO keeps its employers’ addresses');
  const row = isUuid(id) ? await employerAddressRow(ctx.db, id) : undefined;
  if (!row) throw notFound(`employer ${id}`);
  return row;
}
