// The assessor's record of a held assessment: opened from the booking, saved as it goes
// (a draft is never lost: every save is versioned and audited), then submitted, when the
// engine gives the provisional method grade and the IQA sampling decision is taken.
import { sql } from 'kysely';
import type { Actor } from '../domain/access/access.ts';
import { notBeforeStart } from '../domain/assessment/not-before-start.ts';
import { checkSession, questioningLimit } from '../domain/assessment/session-check.ts';
import { sessionTime } from '../domain/assessment/time-allowed.ts';
import { appliesTo } from '../domain/grading/method-grade.ts';
import type { Finding } from '../domain/outcome.ts';
import { type AssessorHistory, decideSample, samplingFor } from '../domain/quality/sampling.ts';
import { resolve, type StandardIndex } from '../domain/standards/catalogue.ts';
import type { Criterion, GradeT, Method } from '../domain/standards/schema.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import type { Judgements } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from './errors.ts';
import { gradeRecord, latestAssessments } from './grading.ts';
import { isUuid } from './ids.ts';
import type { DraftRequest } from './inputs-assessment.ts';

export type AssessmentView = {
  id: string;
  version: number;
  status: 'draft' | 'submitted';
  bookingId: string;
  recordId: string;
  method: {
    id: string;
    name: string;
    minutes: number;
    tolerancePercent: number;
    maximum: boolean;
    questioningMaxPercent: number | null;
    questioningMaxMinutes: number | null;
  };
  attempt: number;
  extraTimePercent: number;
  channel: string | null;
  apprentice: { givenNames: string; familyName: string; uln: string };
  identityChecked: boolean;
  idDocument: string | null;
  acceptedIdDocuments: string[] | null;
  startedAt: string | null;
  endedAt: string | null;
  questioningMinutes: number | null;
  judgements: Judgements;
  /** The criteria the assessor judges: the method's, by channel, and those carried into it. */
  criteria: { id: string; grade: 'pass' | 'distinction'; statement: string; ksbs: string[]; theme: string; carriedFrom: string | null }[];
  /** The domain's bounds for the session as held (null max: no limit) and the questioning limit in minutes. */
  timeAllowed: { min: number; max: number | null };
  questioningLimitMinutes: number | null;
  sessionFindings: Finding[];
  provisionalGrade: GradeT | null;
  gradeDetail: unknown;
  sampled: boolean | null;
  sampleExplanation: string | null;
  moderationStatus: string | null;
  /** When the booking starts, and why it cannot be recorded yet when it has not started (null once it has). */
  startsAt: string;
  notStarted: string | null;
};

async function load(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('assessments')
    .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
    .innerJoin('bookings', 'bookings.id', 'assessments.bookingId')
    .selectAll('assessments')
    .select([
      'bookings.startsAt as bookingStartsAt',
      'epaRecords.standard',
      'epaRecords.policy',
      'epaRecords.channel',
      'epaRecords.extraTimePercent',
      'epaRecords.showcaseFormat',
      'apprentices.givenNames',
      'apprentices.familyName',
      'apprentices.uln',
      'apprentices.providerId',
      'apprentices.employerId',
      'apprentices.id as apprenticeId',
      'assessors.userId as assessorUserId',
    ])
    .where('assessments.id', '=', id)
    .executeTakeFirst();
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function standardOf(ctx: AppContext, row: { standard: string; policy: string | null }) {
  const r = resolve(ctx.catalogue, row.standard, row.policy);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

/** The criteria an assessor judges in a method: its own (by channel) and any carried into it. */
export function criteriaToJudge(index: StandardIndex, method: Method, channel: string | null): AssessmentView['criteria'] {
  const ch = (channel ?? undefined) as Parameters<typeof appliesTo>[1];
  const theme = (c: Criterion) => index.ksbs.get(c.ksbs[0] ?? '')?.theme ?? '';
  const own = method.criteria
    .filter((c) => appliesTo(c, ch))
    .map((c) => ({ id: c.id, grade: c.grade, statement: c.statement, ksbs: c.ksbs, theme: theme(c), carriedFrom: null }));
  const carried = index.standard.methods
    .filter((m) => m.id !== method.id)
    .flatMap((m) =>
      m.criteria
        .filter((c) => c.carryOverTo === method.id && appliesTo(c, ch))
        .map((c) => ({ id: c.id, grade: c.grade, statement: c.statement, ksbs: c.ksbs, theme: theme(c), carriedFrom: m.id })),
    );
  return [...own, ...carried];
}

function view(ctx: AppContext, row: Loaded): AssessmentView {
  const { index, policy } = standardOf(ctx, row);
  const method = index.methods.get(row.method) as Method;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    bookingId: row.bookingId,
    recordId: row.epaRecordId,
    method: {
      id: method.id,
      name: method.name,
      minutes: method.duration.value.minutes,
      tolerancePercent: method.duration.value.tolerancePercent,
      maximum: method.duration.value.maximum,
      questioningMaxPercent: method.questioning?.value.maxPercentOfDuration ?? null,
      questioningMaxMinutes: method.questioning?.value.maxMinutes ?? null,
    },
    attempt: row.attempt,
    extraTimePercent: row.extraTimePercent,
    channel: row.channel,
    apprentice: { givenNames: row.givenNames, familyName: row.familyName, uln: row.uln },
    identityChecked: row.identityChecked,
    idDocument: row.idDocument,
    acceptedIdDocuments: policy?.acceptedIdDocuments?.value ?? null,
    startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
    endedAt: row.endedAt ? new Date(row.endedAt).toISOString() : null,
    questioningMinutes: row.questioningMinutes === null ? null : Number(row.questioningMinutes),
    judgements: row.judgements,
    criteria: criteriaToJudge(index, method, row.channel),
    timeAllowed: sessionTime(method, row.extraTimePercent, row.showcaseFormat).check,
    questioningLimitMinutes: questioningLimit(method, row.extraTimePercent),
    sessionFindings: row.sessionFindings as Finding[],
    provisionalGrade: row.provisionalGrade,
    gradeDetail: row.gradeDetail,
    sampled: row.sampled,
    sampleExplanation: row.sampleExplanation,
    moderationStatus: row.moderationStatus,
    startsAt: new Date(row.bookingStartsAt).toISOString(),
    notStarted: row.status === 'draft' ? (notBeforeStart(row.bookingStartsAt, ctx.now(), method.name)?.message ?? null) : null,
  };
}

/** Who may read an assessment record: its assessor, EPAO staff, and (once submitted) nobody else yet. */
function mayRead(actor: Actor, row: Loaded): boolean {
  return actor.role === 'epao-admin' || actor.role === 'iqa' || (actor.role === 'assessor' && actor.userId === row.assessorUserId);
}

export async function getAssessment(ctx: AppContext, actor: Actor, id: string): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  return view(ctx, row);
}

/** Opens (or returns) the assessment record for a booking; only its assessor opens it. */
export async function openAssessment(ctx: AppContext, actor: Actor, bookingId: string): Promise<AssessmentView> {
  if (!isUuid(bookingId)) throw notFound(`booking ${bookingId}`);
  const booking = await ctx.db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
  if (!booking || (actor.role !== 'epao-admin' && actor.role !== 'iqa' && actor.assessorId !== booking.assessorId)) throw notFound(`booking ${bookingId}`);
  const existing = await ctx.db.selectFrom('assessments').select('id').where('bookingId', '=', bookingId).executeTakeFirst();
  if (existing) return getAssessment(ctx, actor, existing.id);
  if (actor.assessorId !== booking.assessorId) throw forbidden('only the assessor booked for it records an assessment');
  if (booking.status !== 'booked') throw conflict('BOOKING_NOT_ACTIVE', `the booking is ${booking.status}`);
  const id = await ctx.db.transaction().execute(async (trx) => {
    // A re-sit or re-take is linked to the attempt it follows.
    const reattempt = await trx
      .selectFrom('reattempts')
      .selectAll()
      .where('epaRecordId', '=', booking.epaRecordId)
      .where('method', '=', booking.method)
      .where('usedByAssessmentId', 'is', null)
      .executeTakeFirst();
    const created = await trx
      .insertInto('assessments')
      .values({
        bookingId,
        epaRecordId: booking.epaRecordId,
        method: booking.method,
        attempt: reattempt?.attempt ?? 1,
        previousAssessmentId: reattempt?.previousAssessmentId ?? null,
        assessorId: booking.assessorId,
        status: 'draft',
        judgements: '{}',
        sessionFindings: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (reattempt) await trx.updateTable('reattempts').set({ usedByAssessmentId: created.id }).where('id', '=', reattempt.id).execute();
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'open',
      entity: 'assessment',
      entityId: created.id,
      after: { bookingId, method: booking.method, attempt: reattempt?.attempt ?? 1 },
    });
    return created.id;
  });
  return getAssessment(ctx, actor, id);
}

function assertOwnDraft(actor: Actor, row: Loaded) {
  if (actor.userId !== row.assessorUserId) throw forbidden('only the assessor of this assessment records it');
  if (row.status !== 'draft') throw conflict('ALREADY_SUBMITTED', 'this assessment has been submitted and can no longer change');
}

/** The session is recorded as held: nothing is judged or submitted before the booked start. */
function assertStarted(ctx: AppContext, row: Loaded, method: Method) {
  const finding = notBeforeStart(row.bookingStartsAt, ctx.now(), method.name);
  if (finding) throw refused(finding.code, finding.message, [finding]);
}

/** Saves what the assessor has so far; a stale version gets 409 so two tabs never overwrite each other. */
export async function saveDraft(ctx: AppContext, actor: Actor, id: string, input: DraftRequest): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  assertOwnDraft(actor, row);
  const { index } = standardOf(ctx, row);
  assertStarted(ctx, row, index.methods.get(row.method) as Method);
  const allowed = new Set(criteriaToJudge(index, index.methods.get(row.method) as Method, row.channel).map((c) => c.id));
  const judgements: Judgements = { ...row.judgements };
  for (const [criterion, value] of Object.entries(input.judgements ?? {})) {
    if (!allowed.has(criterion)) throw badRequest('UNKNOWN_CRITERION', `"${criterion}" is not a criterion judged in this ${row.method}`);
    if (value === null) delete judgements[criterion];
    else judgements[criterion] = value;
  }
  const startedAt = input.startedAt === undefined ? row.startedAt : input.startedAt;
  const endedAt = input.endedAt === undefined ? row.endedAt : input.endedAt;
  if (startedAt && endedAt && new Date(endedAt) <= new Date(startedAt)) throw badRequest('DATES_OUT_OF_ORDER', 'the assessment must end after it starts');
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('assessments')
      .set({
        judgements: JSON.stringify(judgements),
        identityChecked: input.identityChecked ?? row.identityChecked,
        idDocument: input.idDocument === undefined ? row.idDocument : input.idDocument,
        startedAt,
        endedAt,
        questioningMinutes:
          input.questioningMinutes === undefined ? (row.questioningMinutes === null ? null : Number(row.questioningMinutes)) : input.questioningMinutes,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw conflict('STALE_VERSION', `the assessment has changed since version ${input.version}: reload it`, { currentVersion: row.version });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'save',
      entity: 'assessment',
      entityId: id,
      before: { judgements: row.judgements },
      after: input,
    });
  });
  return getAssessment(ctx, actor, id);
}

async function assessorHistory(db: Db, assessorId: string | null): Promise<AssessorHistory> {
  let query = db
    .selectFrom('assessments')
    .select(['provisionalGrade', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(sql`case when sampled then 1 else 0 end`).as('sampled')])
    .where('status', '=', 'submitted')
    .groupBy('provisionalGrade');
  if (assessorId) query = query.where('assessorId', '=', assessorId);
  const rows = await query.execute();
  const history: AssessorHistory = { total: 0, sampled: 0, grades: { fail: 0, pass: 0, distinction: 0 } };
  for (const r of rows) {
    const n = Number(r.n);
    history.total += n;
    history.sampled += Number(r.sampled ?? 0);
    if (r.provisionalGrade) history.grades[r.provisionalGrade] += n;
  }
  return history;
}

/** Submits the record: the session is checked, every criterion judged, the grade given, the sample decided. */
export async function submitAssessment(ctx: AppContext, actor: Actor, id: string, version: number): Promise<AssessmentView> {
  const row = await load(ctx.db, id);
  if (!row || !mayRead(actor, row)) throw notFound(`assessment ${id}`);
  assertOwnDraft(actor, row);
  const { index, policy } = standardOf(ctx, row);
  const method = index.methods.get(row.method) as Method;
  assertStarted(ctx, row, method);

  if (!row.startedAt || !row.endedAt) throw refused('SESSION_TIMES_MISSING', 'record when the assessment started and ended', []);
  const minutes = Math.round((new Date(row.endedAt).getTime() - new Date(row.startedAt).getTime()) / 6000) / 10;
  const findings = checkSession(
    method,
    {
      minutes,
      questioningMinutes: row.questioningMinutes === null ? null : Number(row.questioningMinutes),
      extraTimePercent: row.extraTimePercent,
      identityChecked: row.identityChecked,
      idDocument: row.idDocument,
      showcaseFormat: row.showcaseFormat,
    },
    policy?.acceptedIdDocuments?.value ?? null,
    policy?.acceptedIdDocuments?.source ?? null,
  );
  if (findings.length > 0) throw refused(findings[0]?.code as string, findings.map((f) => f.message).join('; '), findings);
  const unjudged = criteriaToJudge(index, method, row.channel)
    .filter((c) => c.carriedFrom === null && !row.judgements[c.id])
    .map((c) => c.id);
  if (unjudged.length > 0)
    throw refused('NOT_ALL_JUDGED', `every criterion needs a judgement (met, not met or not evidenced): ${unjudged.join(', ')}`, [], { criteria: unjudged });

  const exceptional = await hasExceptionalCircumstances(ctx.db, row.epaRecordId);
  const latest = await latestAssessments(ctx.db, row.epaRecordId, {
    id: row.id,
    method: row.method,
    attempt: row.attempt,
    judgements: row.judgements,
    moderationStatus: null,
    moderatedGrade: null,
    endedAt: row.endedAt,
    assessorUserId: row.assessorUserId,
  });
  const grades = gradeRecord(index, latest, row.channel ?? undefined, exceptional);
  const result = grades.methods[row.method];
  if (!result) throw new AppError(500, 'INTERNAL', 'the method was not graded');
  const sample = decideSample(row.id, result.grade, await assessorHistory(ctx.db, row.assessorId), await assessorHistory(ctx.db, null), samplingFor(policy));

  await ctx.db.transaction().execute(async (trx) => {
    const batch =
      (await trx.selectFrom('moderationBatches').select('id').where('assessorId', '=', row.assessorId).where('signedOffAt', 'is', null).executeTakeFirst()) ??
      (await trx.insertInto('moderationBatches').values({ assessorId: row.assessorId }).returning('id').executeTakeFirstOrThrow());
    const updated = await trx
      .updateTable('assessments')
      .set({
        status: 'submitted',
        submittedAt: ctx.now(),
        sessionFindings: '[]',
        provisionalGrade: result.grade,
        gradeDetail: JSON.stringify(result),
        sampled: sample.sampled,
        sampleReasons: JSON.stringify(sample.reasons),
        sampleExplanation: sample.explanation,
        moderationStatus: 'pending',
        moderationBatchId: batch.id,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict('STALE_VERSION', `the assessment has changed since version ${version}: reload it`);
    await trx.updateTable('bookings').set({ status: 'held' }).where('id', '=', row.bookingId).execute();
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'submit',
      entity: 'assessment',
      entityId: id,
      after: { provisionalGrade: result.grade, detail: result, sampled: sample.sampled, sampleReasons: sample.reasons },
    });
    // Carry-over (ST0072): a method whose criteria were met in this one is graded again.
    for (const [method, other] of latest) {
      if (method === row.method) continue;
      const regraded = grades.methods[method];
      if (!regraded) continue;
      const before = await trx
        .selectFrom('assessments')
        .select(['provisionalGrade', 'gradeDetail', 'moderationStatus', 'moderatedGrade'])
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow();
      if (JSON.stringify(before.gradeDetail) === JSON.stringify(regraded)) continue;
      // A grade the IQA has already moderated goes back to the IQA: nothing is released unseen (001 §8).
      const remoderate = before.moderationStatus !== 'pending' && before.provisionalGrade !== regraded.grade;
      await trx
        .updateTable('assessments')
        .set({
          provisionalGrade: regraded.grade,
          gradeDetail: JSON.stringify(regraded),
          ...(remoderate
            ? {
                moderationStatus: 'pending' as const,
                sampled: true,
                sampleReasons: JSON.stringify(['regraded']),
                sampleExplanation: `regraded by criteria carried into the ${row.method} after it was moderated: moderated again`,
                moderatedGrade: null,
                moderatedBy: null,
                moderatedAt: null,
              }
            : {}),
        })
        .where('id', '=', other.id)
        .execute();
      await appendAudit(trx, {
        actorId: actor.userId,
        actor: actor.name,
        action: 'regrade',
        entity: 'assessment',
        entityId: other.id,
        before,
        after: { provisionalGrade: regraded.grade, detail: regraded, because: id },
      });
    }
  });
  return getAssessment(ctx, actor, id);
}

export async function hasExceptionalCircumstances(db: Db, recordId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reattempts')
    .select('id')
    .where('epaRecordId', '=', recordId)
    .where('exceptionalCircumstances', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** An assessor's own assessments (drafts and submitted). */
export async function listMyAssessments(ctx: AppContext, actor: Actor) {
  if (!actor.assessorId) return [];
  return ctx.db
    .selectFrom('assessments')
    .select(['id', 'bookingId', 'epaRecordId', 'method', 'attempt', 'status', 'provisionalGrade', 'version'])
    .where('assessorId', '=', actor.assessorId)
    .orderBy('createdAt', 'desc')
    .execute();
}
