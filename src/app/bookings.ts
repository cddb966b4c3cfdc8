// Booking each assessment method: date, UK start time, venue or remote link, and an
// independent assessor. The engine's plan check (src/domain/planning) and the assessor
// rules (src/domain/booking) decide; this file gathers the facts, runs them in one
// transaction with the audit entry, and lets the database settle races: the exclusion
// constraint bookings_assessor_free (no overlapping assessments for one assessor) and
// the unique index bookings_one_per_method.
import { sql } from 'kysely';
import { type Actor, may, recordScope } from '../domain/access/access.ts';
import { assessorFindings, availabilityWarning } from '../domain/booking/assessor-eligibility.ts';
import { type CancellationCharge, cancellationCharge, type PlannedLength, plannedLength, venueFindings } from '../domain/booking/slot.ts';
import { workingTimeWarnings } from '../domain/booking/working-time.ts';
import { earliest, type IsoDate } from '../domain/calendar/dates.ts';
import { addMinutes, londonToUtc, utcToLondon } from '../domain/calendar/london-time.ts';
import type { Finding } from '../domain/outcome.ts';
import { awaitedWork, checkPlan, violationsOfBooking } from '../domain/planning/booking-check.ts';
import type { Booking, PlanCheckRequest } from '../domain/planning/input.ts';
import { type WorkKind, type WorkSubmittedOn, workSubmittedOn } from '../domain/planning/submitted.ts';
import { epaWindow } from '../domain/planning/window.ts';
import { reattemptBookingFindings } from '../domain/reassessment/reattempt.ts';
import { type Resolved, resolve } from '../domain/standards/catalogue.ts';
import type { Method } from '../domain/standards/schema.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import type { Database, RecordStatus } from '../store/schema.ts';
import { type AppContext, today } from './context.ts';
import { workingHours } from './epao-settings.ts';
import { type AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import type { BookingCancelRequest, BookingCreateRequest, BookingMoveRequest } from './inputs-assessors.ts';
import { assertCanSee } from './records.ts';

type BookingStatus = Database['bookings']['status'];

export type BookingView = {
  id: string;
  version: number;
  recordId: string;
  standard: string;
  policy: string | null;
  method: string;
  methodName: string;
  apprentice: { id: string; name: string };
  assessor: { id: string; name: string };
  /** UK date and times of the assessment. */
  date: IsoDate;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  /** The slot held for the assessor: the method's longest time with the apprentice's extra time. */
  minutes: number;
  bookedOn: IsoDate;
  venue: string | null;
  remoteLink: string | null;
  /** booked; held once its assessment is submitted; cancelled. */
  status: BookingStatus;
  cancelledOn: IsoDate | null;
  cancellationCharge: string | null;
  cancellationReason: string | null;
  /** Warnings when it was booked or last moved (the order of methods); never a block. */
  warnings: Finding[];
  /** The reasonable adjustment agreed for the apprentice. */
  extraTimePercent: number;
  adjustments: string | null;
};

/** The booking as made or moved, with the planned length it was checked against. */
export type BookingOutcome = BookingView & { slot: PlannedLength };

const BOOKABLE: readonly RecordStatus[] = ['gateway-approved', 'in-epa'];

// ---------------------------------------------------------------------------------------
// Reading bookings, each actor within its scope.

function bookingsQuery(db: Db) {
  return db
    .selectFrom('bookings')
    .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
    .innerJoin('users as assessorUser', 'assessorUser.id', 'assessors.userId')
    .select([
      'bookings.id',
      'bookings.version',
      'bookings.epaRecordId',
      'bookings.method',
      'bookings.assessorId',
      'bookings.startsAt',
      'bookings.endsAt',
      'bookings.bookedOn',
      'bookings.venue',
      'bookings.remoteLink',
      'bookings.status',
      'bookings.cancelledOn',
      'bookings.cancellationCharge',
      'bookings.cancellationReason',
      'bookings.warnings',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.extraTimePercent',
      'epaRecords.adjustments',
      'apprentices.id as apprenticeId',
      'apprentices.givenNames',
      'apprentices.familyName',
      'assessorUser.name as assessorName',
    ]);
}

type BookingsQuery = ReturnType<typeof bookingsQuery>;
type BookingRow = Awaited<ReturnType<BookingsQuery['executeTakeFirstOrThrow']>>;

/** An assessor sees only its own bookings; a provider, employer or apprentice only their apprentices'. */
function scoped(query: BookingsQuery, actor: Actor): BookingsQuery {
  const scope = recordScope(actor);
  switch (scope.kind) {
    case 'all':
      return query;
    case 'provider':
      return query.where('apprentices.providerId', '=', scope.organisationId);
    case 'employer':
      return query.where('apprentices.employerId', '=', scope.organisationId);
    case 'apprentice':
      return query.where('apprentices.id', '=', scope.apprenticeId);
    case 'assessor':
      return query.where('bookings.assessorId', '=', scope.assessorId);
    case 'none':
      return query.where(sql<boolean>`false`);
  }
}

function methodOf(ctx: AppContext, standard: string, method: string): Method | undefined {
  return ctx.catalogue.standards.get(standard)?.methods.get(method);
}

function toView(ctx: AppContext, r: BookingRow): BookingView {
  const start = new Date(r.startsAt);
  const end = new Date(r.endsAt);
  const local = utcToLondon(start);
  return {
    id: r.id,
    version: r.version,
    recordId: r.epaRecordId,
    standard: r.standard,
    policy: r.policy,
    method: r.method,
    methodName: methodOf(ctx, r.standard, r.method)?.name ?? r.method,
    apprentice: { id: r.apprenticeId, name: `${r.givenNames} ${r.familyName}` },
    assessor: { id: r.assessorId, name: r.assessorName },
    date: local.date,
    startTime: local.time,
    endTime: utcToLondon(end).time,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    minutes: Math.round((end.getTime() - start.getTime()) / 60_000),
    bookedOn: r.bookedOn,
    venue: r.venue,
    remoteLink: r.remoteLink,
    status: r.status,
    cancelledOn: r.cancelledOn,
    cancellationCharge: r.cancellationCharge,
    cancellationReason: r.cancellationReason,
    warnings: (r.warnings ?? []) as Finding[],
    extraTimePercent: r.extraTimePercent,
    adjustments: r.adjustments,
  };
}

/** One booking the actor may see; someone else's is "not found", not "forbidden". */
export async function getBooking(ctx: AppContext, actor: Actor, id: string): Promise<BookingView> {
  return readBooking(ctx, ctx.db, actor, id);
}

/** The booking as `db` sees it: inside a transaction, the change it has made so far. */
async function readBooking(ctx: AppContext, db: Db, actor: Actor, id: string): Promise<BookingView> {
  if (!isUuid(id)) throw notFound(`booking ${id}`);
  const row = await scoped(bookingsQuery(db), actor).where('bookings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`booking ${id}`);
  return toView(ctx, row);
}

export type BookingFilter = {
  recordId?: string;
  status?: BookingStatus;
  assessorId?: string;
  from?: IsoDate;
  to?: IsoDate;
  limit?: number;
  offset?: number;
};

/** Bookings the actor may see, soonest first; `from`/`to` are UK dates, inclusive. */
export async function listBookings(ctx: AppContext, actor: Actor, filter: BookingFilter = {}): Promise<BookingView[]> {
  if (filter.recordId !== undefined) await assertCanSee(ctx, actor, filter.recordId);
  let query = scoped(bookingsQuery(ctx.db), actor);
  if (filter.recordId !== undefined) query = query.where('bookings.epaRecordId', '=', filter.recordId);
  if (filter.status) query = query.where('bookings.status', '=', filter.status);
  if (filter.assessorId) {
    if (!isUuid(filter.assessorId)) return [];
    query = query.where('bookings.assessorId', '=', filter.assessorId);
  }
  if (filter.from) query = query.where('bookings.startsAt', '>=', dayStart(filter.from));
  if (filter.to) query = query.where('bookings.startsAt', '<', dayStart(filter.to, 1));
  const rows = await query
    .orderBy('bookings.startsAt')
    .orderBy('bookings.id')
    .limit(Math.min(filter.limit ?? 100, 500))
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => toView(ctx, r));
}

/** Midnight in the UK at the start of `date` (or `days` later), as an instant. */
function dayStart(date: IsoDate, days = 0): Date {
  const midnight = londonToUtc(date, '00:00');
  if (!midnight.ok) throw badRequest(midnight.problem.code, midnight.problem.message);
  return addMinutes(midnight.value, days * 24 * 60);
}

// ---------------------------------------------------------------------------------------
// The facts a booking is checked against.

type RecordFacts = {
  id: string;
  version: number;
  status: RecordStatus;
  standard: string;
  policy: string | null;
  gatewayApprovedOn: IsoDate | null;
  epaStart: IsoDate | null;
  epaEnd: IsoDate | null;
  registeredOn: IsoDate;
  extraTimePercent: number;
  showcaseFormat: 'report' | 'presentation' | null;
  apprenticeId: string;
  uln: string;
  providerId: string;
  employerId: string;
};

/** The record, locked for this transaction: bookings of one apprentice are checked one at a time, each seeing the others. */
async function lockRecord(trx: Db, id: string): Promise<RecordFacts> {
  const row = await trx
    .selectFrom('epaRecords')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select([
      'epaRecords.id',
      'epaRecords.version',
      'epaRecords.status',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.gatewayApprovedOn',
      'epaRecords.epaStart',
      'epaRecords.epaEnd',
      'epaRecords.registeredOn',
      'epaRecords.extraTimePercent',
      'epaRecords.showcaseFormat',
      'apprentices.id as apprenticeId',
      'epaRecords.uln',
      'apprentices.providerId',
      'apprentices.employerId',
    ])
    .where('epaRecords.id', '=', id)
    .forNoKeyUpdate('epaRecords')
    .executeTakeFirst();
  if (!row) throw notFound(`EPA record ${id}`);
  return row;
}

function resolved(ctx: AppContext, record: { standard: string; policy: string | null }): Resolved {
  const r = resolve(ctx.catalogue, record.standard, record.policy);
  if (!r.ok) throw conflict(r.problem.code, `the record's standard or policy is not held: ${r.problem.message}`);
  return r.value;
}

function methodFor(r: Resolved, method: string): Method {
  const found = r.index.methods.get(method);
  if (!found) throw badRequest('UNKNOWN_METHOD', `${r.index.standard.id} has no method "${method}" (methods: ${[...r.index.methods.keys()].join(', ')})`);
  return found;
}

function assertBookable(record: RecordFacts): IsoDate {
  if (!BOOKABLE.includes(record.status) || !record.gatewayApprovedOn)
    throw conflict('NOT_GATEWAY_APPROVED', `the record is ${record.status}: assessments are booked once the gateway is approved`, {
      recordStatus: record.status,
    });
  return record.gatewayApprovedOn;
}

/** Venue or remote link (remote only where the method allows it). */
function assertPlace(method: Method, place: { venue: string | null; remoteLink: string | null }) {
  const findings = venueFindings(method, place);
  const missing = findings.find((f) => f.code === 'VENUE_REQUIRED');
  if (missing) throw badRequest(missing.code, missing.message);
  const first = findings[0];
  if (first) throw refused(first.code, first.message, findings);
}

function startInstant(date: IsoDate, startTime: string): Date {
  const start = londonToUtc(date, startTime);
  if (!start.ok) throw badRequest(start.problem.code, start.problem.message);
  return start.value;
}

/** When each kind of work reached the EPAO (the rule: src/domain/planning/submitted.ts). */
async function submittedDates(trx: Db, recordId: string): Promise<WorkSubmittedOn> {
  const work = await trx.selectFrom('submissions').select(['kind', 'submittedOn']).where('epaRecordId', '=', recordId).execute();
  const gateway = await trx.selectFrom('gatewaySubmissions').select(['submittedOn']).where('epaRecordId', '=', recordId).execute();
  return workSubmittedOn(
    work.map((w) => ({ kind: w.kind as WorkKind, submittedOn: w.submittedOn as IsoDate })),
    gateway.map((g) => g.submittedOn as IsoDate),
  );
}

type Proposal = { method: string; date: IsoDate; startsAt: Date; endsAt: Date; assessorId: string; bookedOn: IsoDate };

/**
 * Checks a booking, new or moved, against the plan (every current booking plus this one),
 * the assessor's independence, currency and approval, and the assessor's diary. Throws
 * the refusal; returns the warnings.
 */
async function checkProposal(ctx: AppContext, trx: Db, record: RecordFacts, r: Resolved, proposal: Proposal, movingId?: string): Promise<Finding[]> {
  const gatewayApproved = assertBookable(record);
  // Held bookings count too: the ST0072 window and "the first assessment" run from them.
  const others = await trx
    .selectFrom('bookings')
    .select(['id', 'method', 'startsAt', 'bookedOn', 'status'])
    .where('epaRecordId', '=', record.id)
    .where('status', 'in', ['booked', 'held'])
    .$if(movingId !== undefined, (q) => q.where('id', '!=', movingId as string))
    .execute();
  const taken = others.find((o) => o.method === proposal.method && o.status === 'booked');
  if (taken)
    throw conflict('METHOD_ALREADY_BOOKED', `the ${proposal.method} is already booked for this apprentice: move or cancel that booking`, {
      bookingId: taken.id,
    });
  const reattempt = await trx
    .selectFrom('reattempts')
    .select(['windowEnds'])
    .where('epaRecordId', '=', record.id)
    .where('method', '=', proposal.method)
    .where('usedByAssessmentId', 'is', null)
    .executeTakeFirst();
  // A method already assessed is booked again only as an arranged re-sit or re-take (001 §8).
  if (others.some((o) => o.method === proposal.method && o.status === 'held') && !reattempt)
    throw refused(
      'REATTEMPT_NOT_ARRANGED',
      `the ${proposal.method} has been assessed: it is booked again only once a re-sit or re-take is arranged, and a pass cannot be re-sat`,
      [
        {
          code: 'REATTEMPT_NOT_ARRANGED',
          message: `the ${proposal.method} has been assessed; a further attempt needs an arranged re-sit or re-take`,
          source: r.index.standard.reassessment.noRetakeToImprove.source,
        },
      ],
    );

  const { evidenceSubmittedOn, ...perBooking } = await submittedDates(trx, record.id);
  const bookings: Booking[] = others
    .filter((o) => o.method !== proposal.method)
    .map((o) => ({ method: o.method, date: utcToLondon(o.startsAt).date, bookedOn: o.bookedOn, ...perBooking }));
  const base: Omit<PlanCheckRequest, 'bookings'> = {
    standard: record.standard,
    policy: record.policy,
    gatewayApproved,
    registeredOn: record.registeredOn,
    ...(evidenceSubmittedOn ? { evidenceSubmittedOn } : {}),
  };
  const proposed: Booking = { method: proposal.method, date: proposal.date, bookedOn: proposal.bookedOn, ...perBooking };
  const withThis = checkPlan(r, { ...base, bookings: [...bookings, proposed] }, ctx.holidays);
  if (!withThis.ok) throw badRequest(withThis.problem.code, withThis.problem.message);
  // This booking's own warnings: its time of day and week, and work it waits for that is not in yet.
  const own = [...workingTimeWarnings(proposal, workingHours(), ctx.holidays), ...awaitedWork(r, proposed, proposal.bookedOn)];
  const without = bookings.length > 0 ? checkPlan(r, { ...base, bookings }, ctx.holidays) : null;
  let violations = violationsOfBooking(proposal.method, withThis.value.violations, without?.ok ? without.value.violations : []);
  // A re-sit or re-take of this method keeps to its own window, not the original EPA window.
  if (reattempt)
    violations = reattemptBookingFindings(violations, proposal.method, proposal.date, reattempt.windowEnds, r.index.standard.reassessment.windowMonths.source);

  const assessor = await trx
    .selectFrom('assessors')
    .select(['id', 'standards', 'standardisedOn'])
    .where('id', '=', proposal.assessorId)
    .forShare()
    .executeTakeFirst();
  if (!assessor) throw badRequest('UNKNOWN_ASSESSOR', `no assessor ${proposal.assessorId}`);
  const relationships = await trx
    .selectFrom('assessorRelationships')
    .leftJoin('apprentices', 'apprentices.id', 'assessorRelationships.apprenticeId')
    .select(['assessorRelationships.apprenticeId', 'assessorRelationships.organisationId', 'assessorRelationships.nature', 'apprentices.uln as apprenticeUln'])
    .where('assessorRelationships.assessorId', '=', assessor.id)
    .execute();
  const ineligible = assessorFindings(
    { standards: assessor.standards, standardisedOn: assessor.standardisedOn, relationships },
    {
      standard: record.standard,
      date: proposal.date,
      apprenticeId: record.apprenticeId,
      uln: record.uln,
      employerId: record.employerId,
      providerId: record.providerId,
    },
  );

  const refusals = [...violations, ...ineligible];
  const first = refusals[0];
  if (first) throw refused(first.code, first.message, refusals, { warnings: [...withThis.value.warnings, ...own] });

  const clash = await trx
    .selectFrom('bookings')
    .select(['id', 'startsAt', 'endsAt'])
    .where('assessorId', '=', assessor.id)
    .where('status', '=', 'booked')
    .where('startsAt', '<', proposal.endsAt)
    .where('endsAt', '>', proposal.startsAt)
    .$if(movingId !== undefined, (q) => q.where('id', '!=', movingId as string))
    .executeTakeFirst();
  if (clash) throw assessorBusy(clash);

  const warnings = [...withThis.value.warnings, ...own];
  const windows = await trx.selectFrom('assessorAvailability').select(['startsAt', 'endsAt']).where('assessorId', '=', assessor.id).execute();
  const outside = availabilityWarning(windows, proposal);
  if (outside) warnings.push(outside);
  return warnings;
}

function assessorBusy(clash?: { startsAt: Date | string; endsAt: Date | string }): AppError {
  if (!clash) return conflict('ASSESSOR_BUSY', 'the assessor already has an assessment that overlaps this time');
  const from = utcToLondon(clash.startsAt);
  const until = utcToLondon(clash.endsAt);
  return conflict('ASSESSOR_BUSY', `the assessor already has an assessment on ${from.date} from ${from.time} to ${until.time} (UK time)`, {
    busy: { date: from.date, from: from.time, until: until.time },
  });
}

/** The database's verdict on a race two requests both passed the checks for. */
function raceLost(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  const where = `${e?.constraint ?? ''} ${e?.message ?? ''}`;
  if (e?.code === '23P01' && where.includes('bookings_assessor_free')) return assessorBusy();
  if (e?.code === '23505' && where.includes('bookings_one_per_method'))
    return conflict('METHOD_ALREADY_BOOKED', 'this method is already booked for this apprentice: move or cancel that booking');
  return null;
}

async function settled<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw raceLost(error) ?? error;
  }
}

/**
 * After a booking changes: a booking (`booked`, not a cancellation) puts the record in EPA,
 * and where the standard's window starts at the first assessment (ST0072, 003 Readiness
 * for end-point assessment) the window follows the earliest booked assessment.
 */
async function updateRecordAfter(ctx: AppContext, trx: Db, actor: Actor, record: RecordFacts, r: Resolved, booked: boolean): Promise<void> {
  const changes: { status?: RecordStatus; epaStart?: IsoDate | null; epaEnd?: IsoDate | null } = {};
  if (booked && record.status === 'gateway-approved') changes.status = 'in-epa';
  if (r.index.standard.epaWindow.value.startsAt === 'first-assessment' && record.gatewayApprovedOn) {
    // Assessments held count as much as those still to come: the window starts at the first.
    const booked = await trx.selectFrom('bookings').select('startsAt').where('epaRecordId', '=', record.id).where('status', '!=', 'cancelled').execute();
    const first = earliest(booked.map((b) => utcToLondon(b.startsAt).date));
    const window = first ? epaWindow(r, record.gatewayApprovedOn, first) : null;
    if ((window?.start ?? null) !== record.epaStart || (window?.end ?? null) !== record.epaEnd) {
      changes.epaStart = window?.start ?? null;
      changes.epaEnd = window?.end ?? null;
    }
  }
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('epaRecords')
    .set({ ...changes, version: sql`version + 1`, updatedAt: ctx.now() })
    .where('id', '=', record.id)
    .execute();
  await appendAudit(trx, {
    actorId: actor.userId,
    actor: actor.name,
    action: 'update',
    entity: 'epa-record',
    entityId: record.id,
    before: { status: record.status, epaStart: record.epaStart, epaEnd: record.epaEnd, version: record.version },
    after: changes,
  });
}

// ---------------------------------------------------------------------------------------
// Booking, moving and cancelling.

/**
 * `dryRun`: everything the real call does, writes and audit entry included, inside its
 * transaction, which is then rolled back. It refuses exactly as the real call would, or
 * returns what the real call would have returned (a new booking's id names no row). The
 * pages show the engine's verdict this way before anyone confirms, so the checks live once.
 */
export type BookingChangeOptions = { dryRun?: boolean };

/** Carries a dry run's outcome out of its transaction; throwing it is what rolls the transaction back. */
class DryRunRollback extends Error {
  readonly outcome: unknown;
  constructor(outcome: unknown) {
    super('dry run: rolled back');
    this.outcome = outcome;
  }
}

async function transact<T>(ctx: AppContext, options: BookingChangeOptions, work: (trx: Db) => Promise<T>): Promise<T> {
  if (!options.dryRun) return ctx.db.transaction().execute(work);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      throw new DryRunRollback(await work(trx));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.outcome as T;
    throw error;
  }
  throw new Error('a dry run always rolls back');
}

export async function bookAssessment(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: BookingCreateRequest,
  options: BookingChangeOptions = {},
): Promise<BookingOutcome> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  if (!isUuid(recordId)) throw notFound(`EPA record ${recordId}`);
  const start = startInstant(input.date, input.startTime);
  const place = { venue: input.venue ?? null, remoteLink: input.remoteLink ?? null };
  return settled(() =>
    transact(ctx, options, async (trx) => {
      const record = await lockRecord(trx, recordId);
      const r = resolved(ctx, record);
      const method = methodFor(r, input.method);
      assertBookable(record);
      assertPlace(method, place);
      const slot = plannedLength(method, record.extraTimePercent, record.showcaseFormat);
      const proposal: Proposal = {
        method: method.id,
        date: input.date,
        startsAt: start,
        endsAt: addMinutes(start, slot.maxMinutes),
        assessorId: input.assessorId,
        bookedOn: today(ctx),
      };
      const warnings = await checkProposal(ctx, trx, record, r, proposal);
      const row = await trx
        .insertInto('bookings')
        .values({
          epaRecordId: record.id,
          method: method.id,
          assessorId: proposal.assessorId,
          startsAt: proposal.startsAt,
          endsAt: proposal.endsAt,
          bookedOn: proposal.bookedOn,
          venue: place.venue,
          remoteLink: place.remoteLink,
          status: 'booked',
          warnings: JSON.stringify(warnings),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await updateRecordAfter(ctx, trx, actor, record, r, true);
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'book',
        entity: 'booking',
        entityId: row.id,
        after: { recordId: record.id, ...proposal, ...place, minutes: slot.maxMinutes, warnings },
      });
      return { ...(await readBooking(ctx, trx, actor, row.id)), slot };
    }),
  );
}

async function lockBooking(trx: Db, id: string, version: number) {
  const booking = await trx.selectFrom('bookings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!booking) throw notFound(`booking ${id}`);
  if (booking.status === 'cancelled') throw conflict('BOOKING_CANCELLED', 'this booking has been cancelled: make a new booking instead');
  if (booking.status !== 'booked') throw conflict('ASSESSMENT_HELD', 'this assessment has been held: it can no longer be moved or cancelled');
  if (booking.version !== version)
    throw conflict('STALE_VERSION', `the booking has changed since version ${version}: reload it and try again`, { currentVersion: booking.version });
  return booking;
}

async function recordOfBooking(ctx: AppContext, id: string): Promise<string> {
  if (!isUuid(id)) throw notFound(`booking ${id}`);
  const row = await ctx.db.selectFrom('bookings').select('epaRecordId').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`booking ${id}`);
  return row.epaRecordId;
}

/** A new date, time, assessor or place, checked exactly as a new booking (leaving this one out); a stale version gets 409. */
export async function moveBooking(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: BookingMoveRequest,
  options: BookingChangeOptions = {},
): Promise<BookingOutcome> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const recordId = await recordOfBooking(ctx, id);
  return settled(() =>
    transact(ctx, options, async (trx) => {
      // The record first, then the booking: the same order as every booking change.
      const record = await lockRecord(trx, recordId);
      const booking = await lockBooking(trx, id, input.version);
      const r = resolved(ctx, record);
      const method = methodFor(r, booking.method);
      const was = utcToLondon(booking.startsAt);
      const date = input.date ?? was.date;
      const start = startInstant(date, input.startTime ?? was.time);
      const place = {
        venue: input.venue === undefined ? booking.venue : input.venue,
        remoteLink: input.remoteLink === undefined ? booking.remoteLink : input.remoteLink,
      };
      assertPlace(method, place);
      const slot = plannedLength(method, record.extraTimePercent, record.showcaseFormat);
      const proposal: Proposal = {
        method: method.id,
        date,
        startsAt: start,
        endsAt: addMinutes(start, slot.maxMinutes),
        assessorId: input.assessorId ?? booking.assessorId,
        bookedOn: today(ctx),
      };
      const warnings = await checkProposal(ctx, trx, record, r, proposal, id);
      const updated = await trx
        .updateTable('bookings')
        .set({
          assessorId: proposal.assessorId,
          startsAt: proposal.startsAt,
          endsAt: proposal.endsAt,
          bookedOn: proposal.bookedOn,
          venue: place.venue,
          remoteLink: place.remoteLink,
          warnings: JSON.stringify(warnings),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw conflict('STALE_VERSION', `the booking has changed since version ${input.version}: reload it and try again`);
      await updateRecordAfter(ctx, trx, actor, record, r, true);
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'move',
        entity: 'booking',
        entityId: id,
        before: booking,
        after: { ...proposal, ...place, minutes: slot.maxMinutes, warnings },
      });
      return { ...(await readBooking(ctx, trx, actor, id)), slot };
    }),
  );
}

/** Cancels a booking and records the charge the EPAO's policy sets for cancelling that late. */
export async function cancelBooking(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: BookingCancelRequest,
  options: BookingChangeOptions = {},
): Promise<BookingView & { cancellation: CancellationCharge }> {
  if (!may(actor, 'booking.manage')) throw forbidden();
  const recordId = await recordOfBooking(ctx, id);
  return transact(ctx, options, async (trx) => {
    const record = await lockRecord(trx, recordId);
    const booking = await lockBooking(trx, id, input.version);
    const r = resolved(ctx, record);
    const cancelledOn = today(ctx);
    if (utcToLondon(booking.startsAt).date < cancelledOn)
      throw conflict('BOOKING_IN_PAST', 'this assessment date has passed: it cannot be cancelled (record what happened instead)');
    const cancellation = cancellationCharge(r.policy?.cancellation, utcToLondon(booking.startsAt).date, cancelledOn, ctx.holidays);
    await trx
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelledOn, cancellationCharge: cancellation.charge, cancellationReason: input.reason, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    await updateRecordAfter(ctx, trx, actor, record, r, false);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'cancel',
      entity: 'booking',
      entityId: id,
      before: booking,
      after: { status: 'cancelled', cancelledOn, reason: input.reason, ...cancellation },
    });
    return { ...(await readBooking(ctx, trx, actor, id)), cancellation };
  });
}
