// An appeal between its lodging and its decision: the EPAO acknowledges it and gives it to a
// reviewer who had no part in the assessment or its moderation; everyone the appeal concerns
// sees where it stands and by when each step is due. The deadlines and the reviewer's
// independence are the domain's (domain/appeals/steps.ts); src/app/appeals.ts lodges and decides.
import type { Actor } from '../domain/access/access.ts';
import { type AppealDeadlines, appealDeadlines, appealDue, reviewerConflict } from '../domain/appeals/steps.ts';
import { appealDeadline } from '../domain/appeals/window.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import {
  type AppealDetail,
  acknowledgeAppealRow,
  appealDetail,
  assessorUserIds,
  assignReviewerRow,
  lockAppeal,
  moderatorUserIds,
  openAppeals,
  type ReviewerCandidate,
  reviewerCandidates,
  userById,
} from '../store/repositories/appeals.repository.ts';
import { writeMail } from '../store/repositories/outbox.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppealStep, appealMail } from './appeal-mail.ts';
import { type AppContext, today } from './context.ts';
import { appealTimings, appealWindow, publicUrl } from './epao-settings.ts';
import { conflict, forbidden, notFound, refused } from './errors.ts';
import { isUuid } from './ids.ts';
import { assertCanSee } from './records.ts';

const EPAO_STAFF = new Set(['epao-admin', 'iqa']);

/** No e-mail address is shown: the appeal's parties reach each other through the EPAO. */
export type AppealView = Omit<AppealDetail, 'apprenticeEmail' | 'lodgerEmail' | 'reviewerEmail'> & {
  deadlines: AppealDeadlines;
  due: ReturnType<typeof appealDue>;
  /** The last day the result could be appealed (the window the appeal was lodged in). */
  windowDeadline: string | null;
  decisionReason: string | null;
  /** The methods an upheld appeal has assessed again at no charge (names in the standard's words); null otherwise. */
  reassessed: { id: string; name: string }[] | null;
  /** The standard's methods in order, with the grade of the result appealed. */
  methods: { id: string; name: string; grade: string | null }[];
};

const reassessedOf = (decision: unknown): string[] | null => {
  const methods = (decision as { reassess?: unknown } | null)?.reassess;
  return Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : null;
};

const decisionReason = (decision: unknown): string | null => {
  const reason = (decision as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
};

async function viewOf(ctx: AppContext, detail: AppealDetail, releasedOn: string | null): Promise<AppealView> {
  const deadlines = appealDeadlines(detail.lodgedOn, appealTimings(), ctx.holidays);
  const { apprenticeEmail: _a, lodgerEmail: _l, reviewerEmail: _r, ...shown } = detail;
  const methods = ctx.catalogue.standards.get(detail.standard)?.standard.methods ?? [];
  return {
    ...shown,
    deadlines,
    due: appealDue(detail, deadlines, today(ctx)),
    windowDeadline: releasedOn ? appealDeadline(releasedOn, appealWindow(), ctx.holidays) : null,
    decisionReason: decisionReason(detail.decision),
    reassessed: reassessedOf(detail.decision)?.map((id) => ({ id, name: methods.find((m) => m.id === id)?.name ?? id })) ?? null,
    methods: methods.map((m) => ({
      id: m.id,
      name: m.name,
      grade: detail.methodGrades[m.id] ?? null,
    })),
  };
}

/** The appeal as one who may see it sees it: the EPAO's staff, its reviewer, and those who may see the record. */
export async function getAppeal(ctx: AppContext, actor: Actor, appealId: string): Promise<AppealView> {
  if (!isUuid(appealId)) throw notFound(`appeal ${appealId}`);
  const detail = await appealDetail(ctx.db, appealId);
  if (!detail) throw notFound(`appeal ${appealId}`);
  if (!EPAO_STAFF.has(actor.role) && detail.reviewerId !== actor.userId) await assertCanSee(ctx, actor, detail.epaRecordId);
  return viewOf(ctx, detail, detail.releasedOn);
}

type OpenAppealsOptions = { after?: { lodgedOn: string; id: string }; limit?: number };

/** Open appeals, oldest first, a page at a time, each with the step it waits for and by when. */
export async function listOpenAppeals(ctx: AppContext, actor: Actor, options: OpenAppealsOptions = {}) {
  if (!EPAO_STAFF.has(actor.role)) throw forbidden('the EPAO’s staff see every open appeal');
  return withDue(ctx, await openAppeals(ctx.db, { ...options, limit: pageSize(options) }));
}

/** The open appeals the EPAO gave the actor to review, oldest first. */
export async function appealsToReview(ctx: AppContext, actor: Actor, options: OpenAppealsOptions = {}) {
  return withDue(ctx, await openAppeals(ctx.db, { ...options, limit: pageSize(options), reviewerId: actor.userId }));
}

const pageSize = (options: OpenAppealsOptions) => Math.min(Math.max(options.limit ?? 50, 1), 200);

function withDue(ctx: AppContext, rows: Awaited<ReturnType<typeof openAppeals>>) {
  const timings = appealTimings();
  const on = today(ctx);
  return rows.map((r) => {
    const deadlines = appealDeadlines(r.lodgedOn, timings, ctx.holidays);
    return { ...r, deadlines, due: appealDue(r, deadlines, on) };
  });
}

/** The people the EPAO may give the appeal to, each with why not where they had a part in the decision appealed. */
export async function reviewersFor(ctx: AppContext, actor: Actor, appealId: string): Promise<(ReviewerCandidate & { conflict: string | null })[]> {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO gives an appeal to its reviewer');
  const appeal = await getAppeal(ctx, actor, appealId);
  const parties = await decisionParties(ctx.db, appeal.epaRecordId);
  return (await reviewerCandidates(ctx.db)).map((c) => ({ ...c, conflict: reviewerConflict(c.id, parties)?.message ?? null }));
}

export async function decisionParties(db: Db, recordId: string) {
  const [assessors, moderators] = await Promise.all([assessorUserIds(db, recordId), moderatorUserIds(db, recordId)]);
  return { assessorUserIds: assessors, moderatorUserIds: moderators };
}

/** The open appeal, locked, for one of its steps. */
async function openForStep(trx: Db, appealId: string) {
  if (!isUuid(appealId)) throw notFound(`appeal ${appealId}`);
  const appeal = await lockAppeal(trx, appealId);
  if (!appeal) throw notFound(`appeal ${appealId}`);
  if (appeal.status !== 'lodged') throw conflict('APPEAL_DECIDED', `the appeal was already ${appeal.status}`);
  return appeal;
}

/** The step's e-mails, written with the step. */
export async function mailStep(ctx: AppContext, trx: Db, appealId: string, step: AppealStep, text: { outcome?: string; reason?: string } = {}) {
  const detail = await appealDetail(trx, appealId);
  if (!detail) return;
  const deadline = appealDeadlines(detail.lodgedOn, appealTimings(), ctx.holidays).decideBy;
  const rows = await appealMail(trx, detail, step, { ...text, deadline }, publicUrl());
  if (rows.length > 0) await writeMail(trx, rows);
}

/** The EPAO has the appeal: the lodger and the apprentice are told, with the date it will be decided by. */
export async function acknowledgeAppeal(ctx: AppContext, actor: Actor, appealId: string): Promise<AppealView> {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO acknowledges an appeal');
  await inTransaction(ctx.db, async (trx) => {
    const appeal = await openForStep(trx, appealId);
    if (appeal.acknowledgedOn) throw conflict('APPEAL_ACKNOWLEDGED', `the appeal was acknowledged on ${appeal.acknowledgedOn}`);
    const on = today(ctx);
    await acknowledgeAppealRow(trx, appeal.id, on, actor.userId);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'acknowledge',
      entity: 'appeal',
      entityId: appeal.id,
      after: { acknowledgedOn: on },
    });
    await mailStep(ctx, trx, appeal.id, 'acknowledged');
  });
  return getAppeal(ctx, actor, appealId);
}

/** Gives the appeal to a reviewer (acknowledging it, if not yet): nobody who assessed or moderated the apprentice's EPA. */
export async function assignReviewer(ctx: AppContext, actor: Actor, appealId: string, input: { reviewerId: string }): Promise<AppealView> {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO gives an appeal to its reviewer');
  if (!isUuid(input.reviewerId)) throw notFound(`user ${input.reviewerId}`);
  await inTransaction(ctx.db, async (trx) => {
    const appeal = await openForStep(trx, appealId);
    const reviewer = await userById(trx, input.reviewerId);
    if (!reviewer || !['epao-admin', 'iqa', 'assessor'].includes(reviewer.role))
      throw conflict('REVIEWER_NOT_STAFF', 'an appeal is reviewed by one of the EPAO’s staff or assessors');
    const independence = reviewerConflict(reviewer.id, await decisionParties(trx, appeal.epaRecordId));
    if (independence) throw refused(independence.code, independence.message, [independence]);
    const on = today(ctx);
    await assignReviewerRow(trx, appeal.id, reviewer.id, on);
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'assign-reviewer',
      entity: 'appeal',
      entityId: appeal.id,
      before: { reviewerId: appeal.reviewerId },
      after: { reviewerId: reviewer.id, reviewer: reviewer.name, assignedOn: on },
    });
    if (!appeal.acknowledgedOn) await mailStep(ctx, trx, appeal.id, 'acknowledged');
    await mailStep(ctx, trx, appeal.id, 'reviewer');
  });
  return getAppeal(ctx, actor, appealId);
}
