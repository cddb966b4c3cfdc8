// Independent assessors: their account, the standard versions the EPAO approves them for,
// their last standardisation, qualifications, availability and declared relationships.
// Every change is audited in the same transaction.
import { type Actor, may } from '../domain/access/access.ts';
import { standardisedUntil } from '../domain/booking/assessor-eligibility.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type AssessorWorkload,
  apprenticeExists,
  assessorRows,
  availabilityOf,
  insertAssessor,
  insertAvailability,
  insertRelationship,
  lockAssessorRow,
  organisationKind,
  relationshipsOf,
  renameUser,
  updateAssessorRow,
} from '../store/repositories/assessors.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { hashPassword } from './auth.ts';
import { type AppContext, today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import type { AssessorCreateRequest, AssessorUpdateRequest, AvailabilityRequest, RelationshipRequest } from './inputs-assessors.ts';
import { NO_PASSWORD_YET, sendPasswordLink } from './people.ts';

export type Qualification = { name: string; awardedOn?: IsoDate };

export type RelationshipView = {
  id: string;
  apprenticeId: string | null;
  organisationId: string | null;
  nature: string;
  declaredAt: string;
};

export type AvailabilityView = { id: string; startsAt: string; endsAt: string };

export type AssessorView = {
  id: string;
  version: number;
  userId: string;
  name: string;
  email: string;
  standards: string[];
  standardisedOn: IsoDate | null;
  /** The last assessment date the standardisation covers (12 months on). */
  currentUntil: IsoDate | null;
  qualifications: Qualification[];
  relationships: RelationshipView[];
  availability: AvailabilityView[];
  /** The most assessments they take in a day, and in a week (Monday to Sunday); null for no limit. */
  maxPerDay: number | null;
  maxPerWeek: number | null;
  /** Where they are based, for example the postcode areas "LS, BD"; null when not recorded. */
  homeRegion: string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();

/** Unknown standard versions are bad input; the list is kept in a stable order without repeats. */
function approvedStandards(ctx: AppContext, standards: readonly string[]): string[] {
  const unknown = standards.filter((s) => !ctx.catalogue.standards.has(s));
  if (unknown.length > 0)
    throw badRequest('UNKNOWN_STANDARD', `unknown standard version ${unknown.join(', ')} (known: ${[...ctx.catalogue.standards.keys()].join(', ')})`);
  return [...new Set(standards)].sort();
}

function checkStandardisedOn(ctx: AppContext, standardisedOn: IsoDate | null | undefined) {
  if (standardisedOn && standardisedOn > today(ctx))
    throw badRequest('STANDARDISED_IN_FUTURE', `standardisedOn ${standardisedOn} is after today: record a standardisation once it has taken place`);
}

/** The caps and home region as they will stand once `input` is applied to `now`; a week's cap below the day's is refused. */
function workloadAfter(input: Partial<AssessorWorkload>, now: AssessorWorkload = { maxPerDay: null, maxPerWeek: null, homeRegion: null }): AssessorWorkload {
  const after = {
    maxPerDay: input.maxPerDay === undefined ? now.maxPerDay : input.maxPerDay,
    maxPerWeek: input.maxPerWeek === undefined ? now.maxPerWeek : input.maxPerWeek,
    homeRegion: input.homeRegion === undefined ? now.homeRegion : input.homeRegion,
  };
  if (after.maxPerDay !== null && after.maxPerWeek !== null && after.maxPerWeek < after.maxPerDay)
    throw new AppError(
      422,
      'WEEK_CAP_BELOW_DAY_CAP',
      `maxPerWeek ${after.maxPerWeek} is below maxPerDay ${after.maxPerDay}: the most assessments in a week cannot be fewer than in a day`,
      { maxPerDay: after.maxPerDay, maxPerWeek: after.maxPerWeek },
    );
  return after;
}

function isDuplicateEmail(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''}${e.message ?? ''}`.includes('users_email_key');
}

/** Staff who see every assessor; an assessor sees itself. */
function mayRead(actor: Actor, assessorId: string): boolean {
  return actor.role === 'epao-admin' || actor.role === 'iqa' || (actor.role === 'assessor' && actor.assessorId === assessorId);
}

async function loadViews(db: Db, ids?: string[]): Promise<AssessorView[]> {
  const rows = await assessorRows(db, ids);
  if (rows.length === 0) return [];
  const found = rows.map((r) => r.id);
  const relationships = await relationshipsOf(db, found);
  const availability = await availabilityOf(db, found);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    userId: r.userId,
    name: r.name,
    email: r.email,
    standards: [...r.standards],
    standardisedOn: r.standardisedOn,
    currentUntil: r.standardisedOn ? standardisedUntil(r.standardisedOn) : null,
    qualifications: (r.qualifications ?? []) as Qualification[],
    relationships: relationships
      .filter((x) => x.assessorId === r.id)
      .map((x) => ({ id: x.id, apprenticeId: x.apprenticeId, organisationId: x.organisationId, nature: x.nature, declaredAt: iso(x.declaredAt) })),
    availability: availability.filter((x) => x.assessorId === r.id).map((x) => ({ id: x.id, startsAt: iso(x.startsAt), endsAt: iso(x.endsAt) })),
    maxPerDay: r.maxPerDay,
    maxPerWeek: r.maxPerWeek,
    homeRegion: r.homeRegion,
  }));
}

/** The EPAO appoints an assessor: a user with the assessor role, and the assessor's record. */
export async function createAssessor(ctx: AppContext, actor: Actor, input: AssessorCreateRequest): Promise<AssessorView> {
  if (!may(actor, 'assessor.manage')) throw forbidden();
  const standards = approvedStandards(ctx, input.standards ?? []);
  checkStandardisedOn(ctx, input.standardisedOn);
  const workload = workloadAfter(input);
  // No password given: the assessor chooses their own from an invitation.
  const passwordHash = input.password ? await hashPassword(input.password) : NO_PASSWORD_YET;
  const email = input.email.toLowerCase();
  try {
    const id = await inTransaction(ctx.db, async (trx) => {
      const { userId, assessorId } = await insertAssessor(trx, {
        email,
        name: input.name,
        organisationId: actor.organisationId,
        passwordHash,
        standards,
        standardisedOn: input.standardisedOn ?? null,
        qualifications: input.qualifications ?? [],
        ...workload,
      });
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'create',
        entity: 'assessor',
        entityId: assessorId,
        after: {
          userId,
          email,
          name: input.name,
          standards,
          standardisedOn: input.standardisedOn ?? null,
          qualifications: input.qualifications ?? [],
          ...workload,
        },
      });
      if (!input.password) await sendPasswordLink(ctx, trx, { id: userId, email, name: input.name }, 'invite', actor.name);
      return assessorId;
    });
    return getAssessor(ctx, actor, id);
  } catch (error) {
    if (isDuplicateEmail(error)) throw conflict('EMAIL_TAKEN', `there is already a user with the email address ${email}`);
    throw error;
  }
}

export async function getAssessor(ctx: AppContext, actor: Actor, id: string): Promise<AssessorView> {
  if (!isUuid(id)) throw notFound(`assessor ${id}`);
  if (!mayRead(actor, id)) {
    if (actor.role === 'assessor') throw notFound(`assessor ${id}`);
    throw forbidden();
  }
  const [view] = await loadViews(ctx.db, [id]);
  if (!view) throw notFound(`assessor ${id}`);
  return view;
}

export type AssessorFilter = { standard?: string };

export async function listAssessors(ctx: AppContext, actor: Actor, filter: AssessorFilter = {}): Promise<AssessorView[]> {
  let views: AssessorView[];
  if (actor.role === 'epao-admin' || actor.role === 'iqa') views = await loadViews(ctx.db);
  else if (actor.role === 'assessor' && actor.assessorId) views = await loadViews(ctx.db, [actor.assessorId]);
  else throw forbidden();
  return filter.standard ? views.filter((v) => v.standards.includes(filter.standard as string)) : views;
}

/** Changes what the assessor may assess, when they were standardised, their qualifications, caps and home region; a stale version gets 409. */
export async function updateAssessor(ctx: AppContext, actor: Actor, id: string, input: AssessorUpdateRequest): Promise<AssessorView> {
  if (!may(actor, 'assessor.manage')) throw forbidden();
  const before = await getAssessor(ctx, actor, id);
  const standards = input.standards === undefined ? undefined : approvedStandards(ctx, input.standards);
  checkStandardisedOn(ctx, input.standardisedOn);
  await inTransaction(ctx.db, async (trx) => {
    const updated = await updateAssessorRow(trx, id, input.version, {
      standards,
      standardisedOn: input.standardisedOn,
      qualifications: input.qualifications,
      maxPerDay: input.maxPerDay,
      maxPerWeek: input.maxPerWeek,
      homeRegion: input.homeRegion,
    });
    // Written at the version `before` was read at (or not at all), so the caps are checked
    // against what was saved; a refusal rolls the write back.
    if (!updated || before.version !== input.version)
      throw conflict('STALE_VERSION', `the assessor has changed since version ${input.version}: reload and try again`, { currentVersion: before.version });
    workloadAfter(input, before);
    if (input.name !== undefined) await renameUser(trx, before.userId, input.name);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'update',
      entity: 'assessor',
      entityId: id,
      before: {
        name: before.name,
        standards: before.standards,
        standardisedOn: before.standardisedOn,
        qualifications: before.qualifications,
        maxPerDay: before.maxPerDay,
        maxPerWeek: before.maxPerWeek,
        homeRegion: before.homeRegion,
      },
      after: input,
    });
  });
  return getAssessor(ctx, actor, id);
}

/** The EPAO, or the assessor themself, acting for assessor `id`. */
function assertMayDeclare(actor: Actor, id: string) {
  if (!may(actor, 'assessor.declare')) throw forbidden();
  if (actor.role === 'assessor' && actor.assessorId !== id) throw forbidden('an assessor declares only their own relationships and availability');
}

/** Locks the assessor's row so a booking being checked against it waits for the declaration (and the other way round). */
async function lockAssessor(trx: Db, id: string): Promise<void> {
  if (!(await lockAssessorRow(trx, id))) throw notFound(`assessor ${id}`);
}

/** A relationship with an apprentice, or with an employer or training provider: it bars the assessor from that apprentice's assessments. */
export async function declareRelationship(ctx: AppContext, actor: Actor, id: string, input: RelationshipRequest): Promise<RelationshipView> {
  if (!isUuid(id)) throw notFound(`assessor ${id}`);
  assertMayDeclare(actor, id);
  return inTransaction(ctx.db, async (trx) => {
    await lockAssessor(trx, id);
    if (input.apprenticeId !== undefined) {
      if (!(await apprenticeExists(trx, input.apprenticeId))) throw badRequest('UNKNOWN_APPRENTICE', `no apprentice ${input.apprenticeId}`);
    }
    if (input.organisationId !== undefined) {
      const kind = await organisationKind(trx, input.organisationId);
      if (!kind || kind === 'epao') throw badRequest('UNKNOWN_ORGANISATION', `no employer or training provider ${input.organisationId}`);
    }
    const row = await insertRelationship(trx, {
      assessorId: id,
      apprenticeId: input.apprenticeId ?? null,
      organisationId: input.organisationId ?? null,
      nature: input.nature,
    });
    const view = { id: row.id, apprenticeId: row.apprenticeId, organisationId: row.organisationId, nature: row.nature, declaredAt: iso(row.declaredAt) };
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'declare-relationship', entity: 'assessor', entityId: id, after: view });
    return view;
  });
}

/** A window when the assessor can assess. */
export async function addAvailability(ctx: AppContext, actor: Actor, id: string, input: AvailabilityRequest): Promise<AvailabilityView> {
  if (!isUuid(id)) throw notFound(`assessor ${id}`);
  assertMayDeclare(actor, id);
  if (new Date(input.endsAt) <= new Date(input.startsAt)) throw new AppError(400, 'DATES_OUT_OF_ORDER', 'endsAt must be after startsAt');
  return inTransaction(ctx.db, async (trx) => {
    await lockAssessor(trx, id);
    const row = await insertAvailability(trx, { assessorId: id, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) });
    const view = { id: row.id, startsAt: iso(row.startsAt), endsAt: iso(row.endsAt) };
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'add-availability', entity: 'assessor', entityId: id, after: view });
    return view;
  });
}
