// Registering an apprentice: the engine's checks, one person per ULN, a clash with another
// provider held for the EPAO, and the write itself (records.ts reads records back).

import { type Actor, may, mayRegisterFor } from '../domain/access/access.ts';
import { ulnStatus } from '../domain/gateway/uln.ts';
import type { Finding } from '../domain/outcome.ts';
import { registrationRoute } from '../domain/registration/clash.ts';
import { IDENTITY_MISMATCH_MESSAGE, identityMismatch, ULN_IDENTITY_SOURCE } from '../domain/registration/identity.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { courseOptionProblem } from '../domain/standards/course-options.ts';
import type { Db } from '../store/database.ts';
import { organisationKindsOf } from '../store/repositories/parties.repository.ts';
import { findClash } from '../store/repositories/registration-clashes.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { RegisterRequest } from './inputs.ts';
import type { EpaRecordView } from './records.ts';
import {
  type ApprenticeRow,
  HELD_MESSAGE,
  type HeldRegistration,
  heldView,
  isSecondPerson,
  learnerOf,
  openClash,
  type RegistrationValues,
  registrationReads,
  writeRegistration,
} from './registration-steps.ts';

/** What a registration with this ULN is warned about (it is not refused): the temporary ULN. */
export function registrationWarnings(uln: string): Finding[] {
  return ulnStatus(uln) === 'temporary'
    ? [
        {
          code: 'ULN_TEMPORARY',
          message: '9999999999 is the temporary ULN: record the real one before the certificate is claimed',
          source: 'Learning Records Service ULN check digit (ILR validation)',
        },
      ]
    : [];
}

/** Checks a registration against the engine and the organisations; returns the values to write. */
export async function validateRegistration(
  ctx: AppContext,
  actor: Actor,
  input: RegisterRequest,
  organisations?: Map<string, string>,
): Promise<RegistrationValues & { warnings: Finding[] }> {
  const providerId = input.providerId ?? (actor.role === 'provider' ? actor.organisationId : null);
  if (!providerId) throw badRequest('PROVIDER_REQUIRED', 'providerId is required: the training provider the apprentice is with');
  if (!mayRegisterFor(actor, providerId)) throw forbidden('a provider registers only its own apprentices');
  const resolved = resolve(ctx.catalogue, input.standard, input.policy);
  if (!resolved.ok) throw badRequest(resolved.problem.code, resolved.problem.message);
  const uln = ulnStatus(input.uln);
  if (uln === 'invalid')
    throw refused('ULN_INVALID', `"${input.uln}" is not a valid Unique Learner Number`, [
      {
        code: 'ULN_INVALID',
        message: `"${input.uln}" is not a valid Unique Learner Number`,
        source: 'Learning Records Service ULN check digit (ILR validation)',
      },
    ]);
  const warnings = registrationWarnings(input.uln);
  const standard = resolved.value.index.standard;
  const option = courseOptionProblem(standard.courseOptions?.value, input.courseOption);
  if (option) throw refused(option.code, option.message, [option]);
  if (standard.channels && !input.channel)
    throw new AppError(422, 'CHANNEL_REQUIRED', `${standard.id} grades by channel: channel must be one of ${standard.channels.value.join(', ')}`);
  // Messages name the fields as the person wrote them; `field` says which, for a form or an import's column.
  if (input.dateOfBirth > today(ctx)) throw badRequest('DATE_OF_BIRTH_IN_FUTURE', 'the date of birth is in the future', { field: 'dateOfBirth' });
  if (input.startDate < input.dateOfBirth) throw badRequest('DATES_OUT_OF_ORDER', 'the start date is before the date of birth', { field: 'startDate' });
  if (input.plannedEndDate && input.plannedEndDate < input.startDate)
    throw badRequest('DATES_OUT_OF_ORDER', 'the planned end date is before the start date', { field: 'plannedEndDate' });
  const kinds = organisations ?? (await organisationKinds(ctx.db, [providerId, input.employerId]));
  if (kinds.get(providerId) !== 'provider') throw badRequest('UNKNOWN_PROVIDER', `no training provider ${providerId}`);
  if (kinds.get(input.employerId) !== 'employer') throw badRequest('UNKNOWN_EMPLOYER', `no employer ${input.employerId}`);
  return {
    warnings,
    apprentice: {
      uln: input.uln,
      givenNames: input.givenNames,
      familyName: input.familyName,
      dateOfBirth: input.dateOfBirth,
      email: input.email?.toLowerCase() ?? null,
      ehcp: input.ehcp,
      providerId,
      employerId: input.employerId,
    },
    record: {
      uln: input.uln,
      standard: standard.id,
      standardCode: standard.code,
      policy: input.policy,
      status: 'registered' as const,
      startDate: input.startDate,
      plannedEndDate: input.plannedEndDate ?? null,
      registeredOn: today(ctx),
      channel: input.channel ?? null,
      courseOption: input.courseOption ?? null,
      extraTimePercent: input.extraTimePercent,
      adjustments: input.adjustments ?? null,
      updatedAt: ctx.now(),
    },
  };
}

export async function organisationKinds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return new Map();
  const rows = await organisationKindsOf(db, valid);
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** Postgres unique violation on the one-active-record index. */
export function isDuplicateRegistration(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''}${e.message ?? ''}`.includes('epa_records_one_active');
}

/** A registration either made, or held for the EPAO because the apprentice is active for the standard with another provider. */
export type RegistrationOutcome = { outcome: 'registered'; record: EpaRecordView } | { outcome: 'held'; held: HeldRegistration };

/** Tries a registration decides again when another one of the same ULN committed between its read and its write. */
const RACE_RETRIES = 2;

/**
 * Registers an apprentice for a standard, or holds the registration for the EPAO.
 *
 * - The ULN names one person (domain/registration/identity.ts): the same ULN with another
 *   family name or date of birth is refused, 422 ULN_IDENTITY_MISMATCH, saying nothing
 *   about the person on record; the same person's row with this provider and employer is
 *   used again, never copied.
 * - Active for the standard with this provider: 409 DUPLICATE_REGISTRATION (its own record).
 * - Active with another provider: held as a registration clash for the EPAO, whoever asks
 *   and however often, and nothing about the other record is said.
 */
export async function requestRegistration(ctx: AppContext, actor: Actor, input: RegisterRequest): Promise<RegistrationOutcome> {
  if (!may(actor, 'register')) throw forbidden();
  const providerId = input.providerId ?? (actor.role === 'provider' ? actor.organisationId : null);
  // Read outside any transaction, in one round trip: a registration of this ULN committed
  // after the read is caught by the constraints (one active record per ULN and standard,
  // one person per ULN, one open clash) and decided again below, on what it wrote.
  const reads = await registrationReads(ctx.db, [providerId ?? '', input.employerId].filter(isUuid), input.uln);
  const { organisations } = reads;
  const valid = await validateRegistration(ctx, actor, input, new Map([...organisations].map(([id, o]) => [id, o.kind])));
  const view = (recordId: string, a: ApprenticeRow): EpaRecordView => writtenView(recordId, valid, a, organisations);
  for (let attempt = 0; ; attempt++) {
    try {
      const learner = attempt === 0 && valid.record.uln === input.uln ? reads.learner : await learnerOf(ctx.db, valid.record.uln);
      const mismatch = identityMismatch(valid.record.uln, valid.apprentice, learner.rows);
      if (mismatch) throw refused(mismatch.code, mismatch.message, [mismatch]);
      const active = learner.active.get(valid.record.standardCode) ?? null;
      switch (registrationRoute(valid.record.uln, valid.apprentice.providerId, active)) {
        case 'duplicate':
          // The caller's own provider holds it, so naming the standard tells them nothing new.
          throw conflict('DUPLICATE_REGISTRATION', `ULN ${valid.record.uln} already has an active EPA record for ${valid.record.standardCode}`, {
            recordId: active?.id,
          });
        case 'hold':
          return await inTransaction(ctx.db, async (trx): Promise<RegistrationOutcome> => {
            const clash = await openClash(trx, actor, {
              uln: valid.record.uln,
              standard: valid.record.standard,
              standardCode: valid.record.standardCode,
              existingRecordId: (active as { id: string }).id,
              requestedProviderId: valid.apprentice.providerId,
              requestedOn: valid.record.registeredOn,
              request: { ...input, providerId: valid.apprentice.providerId },
            });
            const held = await findClash(trx, clash.id);
            return { outcome: 'held', held: heldView(held) };
          });
        case 'register': {
          // One statement, atomic on its own: the person if new, the record, the audit entry.
          const written = await writeRegistration(ctx.db, actor, valid, learner);
          return { outcome: 'registered', record: view(written.recordId, written.apprentice) };
        }
      }
    } catch (error) {
      // Another registration of this ULN committed after the read: decide again on what it wrote.
      const raced = isDuplicateRegistration(error) || isSecondPerson(error);
      if (raced && attempt < RACE_RETRIES) continue;
      if (isDuplicateRegistration(error))
        throw conflict('DUPLICATE_REGISTRATION', `ULN ${valid.record.uln} was registered for ${valid.record.standardCode} at the same moment: try again`);
      if (isSecondPerson(error)) {
        const finding = { code: 'ULN_IDENTITY_MISMATCH', message: IDENTITY_MISMATCH_MESSAGE, source: ULN_IDENTITY_SOURCE };
        throw refused(finding.code, finding.message, [finding]);
      }
      throw error;
    }
  }
}

/** A registration that must end in a record (the demo, scripts): a held one is refused, though its clash stays open for the EPAO. */
export async function registerApprentice(ctx: AppContext, actor: Actor, input: RegisterRequest): Promise<EpaRecordView> {
  const outcome = await requestRegistration(ctx, actor, input);
  if (outcome.outcome === 'held') throw conflict('REGISTRATION_HELD', HELD_MESSAGE, { clashId: outcome.held.id });
  return outcome.record;
}

/** The reply is what was written: no second read. */
function writtenView(
  recordId: string,
  valid: Awaited<ReturnType<typeof validateRegistration>>,
  apprentice: ApprenticeRow,
  organisations: Map<string, { kind: string; name: string }>,
): EpaRecordView {
  const { record } = valid;
  return {
    id: recordId,
    version: 1,
    status: record.status,
    standard: record.standard,
    policy: record.policy,
    apprentice: {
      id: apprentice.id,
      uln: apprentice.uln,
      givenNames: apprentice.givenNames,
      familyName: apprentice.familyName,
      dateOfBirth: apprentice.dateOfBirth,
      email: apprentice.email,
      ehcp: apprentice.ehcp,
    },
    provider: { id: apprentice.providerId, name: organisations.get(apprentice.providerId)?.name ?? '' },
    employer: { id: apprentice.employerId, name: organisations.get(apprentice.employerId)?.name ?? '' },
    startDate: record.startDate,
    plannedEndDate: record.plannedEndDate,
    registeredOn: record.registeredOn,
    gatewayApprovedOn: null,
    epaStart: null,
    epaEnd: null,
    channel: record.channel,
    courseOption: record.courseOption ?? null,
    showcaseFormat: null,
    extraTimePercent: record.extraTimePercent,
    adjustments: record.adjustments,
    warnings: valid.warnings,
  };
}
