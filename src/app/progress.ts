// Where an apprentice's EPA stands and what comes next, for the apprentice's own page and
// the provider's work page: the gateway, the EPA window, the assessments booked, the work
// the standard needs (with its word rule and deadline, from the standard data), the result
// and the certificate. A read use-case over the record's rows (src/app/timeline.ts reads
// them); the rules are the domain's.
import type { Actor } from '../domain/access/access.ts';
import type { IsoDate } from '../domain/calendar/dates.ts';
import { utcToLondon } from '../domain/calendar/london-time.ts';
import type { WorkDeadline } from '../domain/planning/work-due.ts';
import type { Resolved } from '../domain/standards/catalogue.ts';
import { applicableWordRule, wordLimits } from '../domain/submissions/word-count.ts';
import type { Grade } from '../store/schema.ts';
import { type AppContext, today } from './context.ts';
import { forbidden } from './errors.ts';
import { type EpaRecordView, getRecord, listRecords } from './records.ts';
import { AFTER_GATEWAY, type SubmissionOutcome } from './submissions.ts';
import { deadlinesOf, loadHistory, type RecordHistory, resolvedFor, type TimelineEvent, timelineOf } from './timeline.ts';

/** The work sent after gateway through the work page (WorkSubmitInput's kinds); the portfolio goes with the gateway. */
export const WORK_KINDS = ['project-report', 'showcase'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
/** Where submitWork takes work. It decides; this only offers the link. */
export const OPEN_FOR_WORK = AFTER_GATEWAY;

export type WorkItem = {
  kind: WorkKind;
  name: string;
  method: { id: string; name: string };
  /** The words allowed, annexes excluded; null where no word rule applies (a showcase presentation). */
  words: { min: number | null; max: number | null; target: number | null; excludes: string[]; source: string } | null;
  /** The earliest deadline; null before gateway approval or where the standard sets none. */
  deadline: WorkDeadline | null;
  submissions: { id: string; submittedOn: IsoDate; wordCount: number | null; fileId: string | null; outcome: SubmissionOutcome }[];
};

export type Assessment = {
  bookingId: string;
  method: { id: string; name: string };
  date: IsoDate;
  time: string;
  venue: string | null;
  remote: boolean;
  /** A re-sit or re-take: the attempt it is. */
  attempt: number | null;
};

export type EpaProgress = {
  record: EpaRecordView;
  gateway: { status: 'submitted' | 'approved' | 'rejected'; submittedOn: IsoDate; decidedOn: IsoDate | null; reasons: string[] } | null;
  window: { start: IsoDate; end: IsoDate } | null;
  /** Assessments booked from today on, soonest first. */
  assessments: Assessment[];
  work: WorkItem[];
  result: {
    id: string;
    overall: Grade;
    status: string;
    releasedOn: IsoDate;
    capped: boolean;
    feedback: string | null;
    methods: { id: string; name: string; grade: Grade }[];
  } | null;
  appeal: { status: string; lodgedOn: IsoDate; decidedOn: IsoDate | null } | null;
  certificate: { status: string; requestedOn: IsoDate; issuedOn: IsoDate | null; sentOn: IsoDate | null } | null;
  timeline: TimelineEvent[];
};

/** The work a record's standard needs after gateway, each with its rule, deadline and what has been sent. */
export function workItems(resolved: Resolved, record: EpaRecordView, history: RecordHistory): WorkItem[] {
  const deadlines = deadlinesOf(resolved, record, history);
  return resolved.index.standard.methods.flatMap((method) =>
    method.submissions.flatMap((submission): WorkItem[] => {
      const kind = submission.id;
      if (kind !== 'project-report' && kind !== 'showcase') return [];
      const rule = applicableWordRule(submission, record.showcaseFormat);
      return [
        {
          kind,
          name: submission.name,
          method: { id: method.id, name: method.name },
          words: rule ? { ...wordLimits(rule), target: rule.value.target ?? null, excludes: rule.value.excludes, source: rule.source } : null,
          deadline: deadlines.find((d) => d.kind === kind) ?? null,
          submissions: history.submissions
            .filter((s) => s.kind === kind)
            .map((s) => ({ id: s.id, submittedOn: s.submittedOn, wordCount: s.wordCount, fileId: s.fileId, outcome: s.outcome as SubmissionOutcome }))
            .reverse(),
        },
      ];
    }),
  );
}

/** The work page's facts: the record, its standard's work and what has been sent. */
export async function recordWork(ctx: AppContext, actor: Actor, recordId: string): Promise<{ record: EpaRecordView; work: WorkItem[]; open: boolean }> {
  const record = await getRecord(ctx, actor, recordId);
  const resolved = resolvedFor(ctx, record);
  const work = workItems(resolved, record, await loadHistory(ctx, recordId));
  return { record, work, open: OPEN_FOR_WORK.includes(record.status) && record.gatewayApprovedOn !== null };
}

export async function epaProgress(ctx: AppContext, actor: Actor, recordId: string): Promise<EpaProgress> {
  if (actor.role === 'assessor') throw forbidden('an assessor sees the assessments booked with them, not the whole record');
  const record = await getRecord(ctx, actor, recordId);
  const resolved = resolvedFor(ctx, record);
  const history = await loadHistory(ctx, recordId);
  const methodOf = (id: string) => ({ id, name: resolved.index.methods.get(id)?.name ?? id });
  const todayIs = today(ctx);

  const latestGateway = history.gateway.at(-1);
  const reattempts = new Map(history.reattempts.filter((r) => r.usedByAssessmentId === null).map((r) => [r.method, r.attempt]));
  const assessments = history.bookings
    .filter((b) => b.status === 'booked' && utcToLondon(b.startsAt).date >= todayIs)
    .map((b) => {
      const when = utcToLondon(b.startsAt);
      return {
        bookingId: b.id,
        method: methodOf(b.method),
        date: when.date,
        time: when.time,
        venue: b.venue,
        remote: b.remoteLink !== null,
        attempt: reattempts.get(b.method) ?? null,
      };
    });
  const result = history.results.filter((r) => r.status !== 'superseded').at(-1);
  const appeal = history.appeals.at(-1);
  const certificate = history.certificates.at(-1);
  return {
    record,
    gateway: latestGateway
      ? {
          status: latestGateway.status,
          submittedOn: latestGateway.submittedOn,
          decidedOn: latestGateway.decidedAt ? utcToLondon(latestGateway.decidedAt).date : null,
          reasons: (latestGateway.reasons as string[] | null) ?? [],
        }
      : null,
    window: record.epaStart && record.epaEnd ? { start: record.epaStart, end: record.epaEnd } : null,
    assessments,
    work: workItems(resolved, record, history),
    result: result
      ? {
          id: result.id,
          overall: result.overall,
          status: result.status,
          releasedOn: result.releasedOn,
          capped: result.capped,
          feedback: result.feedback,
          methods: resolved.index.standard.methods.flatMap((m) => {
            const grade = result.methodGrades[m.id];
            return grade ? [{ id: m.id, name: m.name, grade }] : [];
          }),
        }
      : null,
    appeal: appeal ? { status: appeal.status, lodgedOn: appeal.lodgedOn, decidedOn: appeal.decidedOn } : null,
    certificate: certificate
      ? { status: certificate.status, requestedOn: certificate.requestedOn, issuedOn: certificate.issuedOn, sentOn: certificate.sentOn }
      : null,
    timeline: timelineOf(ctx, actor, record, resolved, history),
  };
}

/** Every record of the signed-in apprentice, each with where it stands. */
export async function myEpa(ctx: AppContext, actor: Actor): Promise<EpaProgress[]> {
  if (actor.role !== 'apprentice') throw forbidden('this is the apprentice’s own page');
  const records = await listRecords(ctx, actor);
  return Promise.all(records.map((r) => epaProgress(ctx, actor, r.id)));
}
