// How an assessment record reads: the method's time and questioning bounds, the criteria
// the assessor judges (carried-over ones included), and who may read it.
import type { Actor } from '../domain/access/access.ts';
import { notBeforeStart } from '../domain/assessment/not-before-start.ts';
import { questioningLimit } from '../domain/assessment/session-check.ts';
import { sessionTime } from '../domain/assessment/time-allowed.ts';
import { appliesTo } from '../domain/grading/method-grade.ts';
import type { Finding } from '../domain/outcome.ts';
import { resolve, type StandardIndex } from '../domain/standards/catalogue.ts';
import type { Criterion, GradeT, Method } from '../domain/standards/schema.ts';
import type { AssessmentRecord } from '../store/repositories/assessment-records.repository.ts';
import type { Judgements } from '../store/schema.ts';
import type { AppContext } from './context.ts';

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

export function standardOf(ctx: AppContext, row: { standard: string; policy: string | null }) {
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

export function view(ctx: AppContext, row: AssessmentRecord): AssessmentView {
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
export function mayRead(actor: Actor, row: AssessmentRecord): boolean {
  return actor.role === 'epao-admin' || actor.role === 'iqa' || (actor.role === 'assessor' && actor.userId === row.assessorUserId);
}
