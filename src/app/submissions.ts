// Submissions of the apprentice's work after gateway: the ST0071 work-based project report
// and the ST0072 showcase. The text is read from the .docx or .pdf, its words counted
// (annexes excluded) against the standard's rule, and its date checked against the plan.

import { TOO_COMPLEX_MESSAGE } from '../documents/limits.ts';
import { readDocumentText } from '../documents/read-document.ts';
import { type Actor, may } from '../domain/access/access.ts';
import { MEDIA_TYPES } from '../domain/evidence/file-type.ts';
import { statusesAllowing, transition } from '../domain/lifecycle/record-lifecycle.ts';
import type { Finding } from '../domain/outcome.ts';
import { afterDeadline, checkPlan } from '../domain/planning/booking-check.ts';
import type { Booking, PlanCheckRequest } from '../domain/planning/input.ts';
import { submissionDeadlines } from '../domain/planning/window.ts';
import { latestResultInForce, projectFailReleasedOn, REWORKED_SUBMISSION } from '../domain/reassessment/rework.ts';
import { type Resolved, resolve } from '../domain/standards/catalogue.ts';
import { applicableWordRule, type CheckedWordCount, checkWordCount, countWords, type WordCount, wordLimits } from '../domain/submissions/word-count.ts';
import { appendAudit } from '../store/audit.ts';
import { bookedAssessments, insertSubmission, submissionsOf, uploadedFile } from '../store/repositories/submissions.repository.ts';
import { resultsOfRecord } from '../store/repositories/timeline.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { AppError, badRequest, conflict, forbidden, refused } from './errors.ts';
import type { WorkSubmitRequest } from './inputs-gateway.ts';
import { assertCanSee, getRecord } from './records.ts';

/** Where a submission's date goes on its method's booking for the plan check. */
const SUBMITTED_ON_FIELD = { 'project-report': 'projectSubmittedOn', showcase: 'showcaseSubmittedOn' } as const;
/** Where work is submitted: after gateway approval, before the EPA is over (the record's lifecycle). */
export const AFTER_GATEWAY: readonly string[] = statusesAllowing('submit-work');

export type SubmissionOutcome = {
  ok: boolean;
  findings: Finding[];
  /** The count and the rule it was checked against; null where no word rule applies (a showcase presentation). */
  words: CheckedWordCount | null;
  due: { date: string; source: string } | null;
};

export type SubmissionView = {
  id: string;
  recordId: string;
  kind: 'project-report' | 'showcase' | 'portfolio';
  fileId: string | null;
  submittedOn: string;
  wordCount: number | null;
  outcome: SubmissionOutcome;
  createdAt: string;
};

type SubmissionRow = {
  id: string;
  epaRecordId: string;
  kind: SubmissionView['kind'];
  fileId: string | null;
  submittedOn: string;
  wordCount: number | null;
  outcome: unknown;
  createdAt: Date;
};

const toView = (r: SubmissionRow): SubmissionView => ({
  id: r.id,
  recordId: r.epaRecordId,
  kind: r.kind,
  fileId: r.fileId,
  submittedOn: r.submittedOn,
  wordCount: r.wordCount,
  outcome: r.outcome as SubmissionOutcome,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** A booking's date is its calendar day in England, as today(ctx) is. */
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The text of a Word document or a PDF, as extracted for counting: read in a worker, so a
 * document built to exhaust memory or time is refused (DOCUMENT_TOO_COMPLEX) and the
 * server goes on answering everyone else.
 */
async function textOf(mediaType: string, bytes: Uint8Array): Promise<string> {
  if (mediaType !== MEDIA_TYPES.docx && mediaType !== MEDIA_TYPES.pdf) throw badRequest('NOT_A_DOCUMENT', 'a submission must be a .docx or .pdf document');
  const read = await readDocumentText(mediaType, bytes);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'too-complex') throw new AppError(422, 'DOCUMENT_TOO_COMPLEX', TOO_COMPLEX_MESSAGE, { reason: read.reason });
  throw badRequest('UNREADABLE_FILE', 'the text of the file could not be read: is it a complete, unprotected .docx or .pdf?');
}

type RecordView = Awaited<ReturnType<typeof getRecord>>;

/** The submission's date: today, or (the EPAO only) a day already past, after gateway approval. */
function submittedOnFor(ctx: AppContext, actor: Actor, record: RecordView & { gatewayApprovedOn: string }, input: WorkSubmitRequest): string {
  const todayIs = today(ctx);
  const submittedOn = input.submittedOn ?? todayIs;
  if (submittedOn !== todayIs && actor.role !== 'epao-admin') throw forbidden('only the EPAO records a submission on another day than today');
  if (submittedOn > todayIs) throw badRequest('SUBMITTED_IN_FUTURE', `submittedOn ${submittedOn} is after today (${todayIs})`);
  if (submittedOn < record.gatewayApprovedOn)
    throw badRequest('DATES_OUT_OF_ORDER', `submittedOn ${submittedOn} is before gateway approval on ${record.gatewayApprovedOn}`);
  return submittedOn;
}

/** What the submission's date brings: the plan's rules on the method's booking where there is one, else the due date after gateway. */
async function dateFindings(
  ctx: AppContext,
  r: Resolved,
  record: RecordView & { gatewayApprovedOn: string },
  methodId: string,
  kind: WorkSubmitRequest['kind'],
  submittedOn: string,
) {
  // After the project's fail, a report sent is its rework, due within the rework period (001 §8).
  const failReleasedOn = kind === REWORKED_SUBMISSION ? projectFailReleasedOn(r, latestResultInForce(await resultsOfRecord(ctx.db, record.id))) : null;
  const deadlines = submissionDeadlines(r, record.gatewayApprovedOn, failReleasedOn);
  const bookings = await bookedAssessments(ctx.db, record.id);
  const planned: Booking[] = bookings.map((b) => ({ method: b.method, date: londonDate.format(new Date(b.startsAt)), bookedOn: b.bookedOn }));
  if (!planned.some((b) => b.method === methodId)) {
    // No booking of the method yet: only the deadline after gateway can apply.
    const late = afterDeadline(deadlines, kind, methodId, submittedOn);
    return { findings: late ? [late] : [], due: deadlines.get(kind) ?? null };
  }
  const request: PlanCheckRequest = {
    standard: record.standard,
    policy: record.policy,
    gatewayApproved: record.gatewayApprovedOn,
    bookings: planned,
    ...(failReleasedOn ? { projectFailReleasedOn: failReleasedOn } : {}),
  };
  const field = SUBMITTED_ON_FIELD[kind];
  const withSubmission = { ...request, bookings: planned.map((b) => (b.method === methodId ? { ...b, [field]: submittedOn } : b)) };
  const before = checkPlan(r, request, ctx.holidays);
  const after = checkPlan(r, withSubmission, ctx.holidays);
  if (!before.ok || !after.ok) {
    const p = before.ok ? (after.ok ? null : after.problem) : before.problem;
    throw new AppError(409, p?.code ?? 'PLAN_INVALID', `the record's bookings cannot be checked: ${p?.message ?? ''}`);
  }
  // Only what the submission's date brings: the bookings' own problems are the bookings' business.
  const already = new Set(before.value.violations.map((v) => v.code));
  return { findings: after.value.violations.filter((v) => !already.has(v.code)), due: deadlines.get(kind) ?? null };
}

export async function submitWork(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: WorkSubmitRequest,
): Promise<{ id: string; wordCount: number | null; outcome: SubmissionOutcome }> {
  const record = await getRecord(ctx, actor, recordId);
  if (!may(actor, 'submission.upload')) throw forbidden('your role may not submit work');
  const open = transition(record.status, 'submit-work');
  if (!open.ok) throw conflict(open.code, open.message);
  const { gatewayApprovedOn } = record;
  if (!gatewayApprovedOn) throw conflict('GATEWAY_NOT_APPROVED', `the record is ${record.status}: work is submitted after gateway approval`);
  const approved = { ...record, gatewayApprovedOn };
  const r = resolve(ctx.catalogue, record.standard, record.policy);
  if (!r.ok) throw new AppError(409, r.problem.code, r.problem.message);
  const method = r.value.index.standard.methods.find((m) => m.submissions.some((s) => s.id === input.kind));
  const submission = method?.submissions.find((s) => s.id === input.kind);
  if (!method || !submission) throw badRequest('NO_SUCH_SUBMISSION', `${record.standard} has no ${input.kind}`);
  const submittedOn = submittedOnFor(ctx, actor, approved, input);

  const file = await uploadedFile(ctx.db, input.fileId, recordId);
  if (!file) throw badRequest('UNKNOWN_FILE', `no file ${input.fileId} uploaded to this record`);
  if (file.purpose !== input.kind) throw badRequest('WRONG_FILE', `file ${input.fileId} was uploaded as ${file.purpose}, not ${input.kind}`);

  // Words: counted from the document's text, annexes excluded when marked, where a word rule applies.
  const rule = applicableWordRule(submission, record.showcaseFormat as 'report' | 'presentation' | null);
  let counted: WordCount | null = null;
  const findings: Finding[] = [];
  if (rule) {
    const text = await textOf(file.mediaType, await ctx.storage.get(file.storageKey));
    counted = countWords(text, input.annexMarker ? { annexMarker: input.annexMarker } : {});
    findings.push(...checkWordCount(rule, counted.counted, input.kind === 'project-report' ? 'the project report' : 'the showcase report'));
  }
  const dated = await dateFindings(ctx, r.value, approved, method.id, input.kind, submittedOn);
  findings.push(...dated.findings);

  const outcome: SubmissionOutcome = {
    ok: findings.length === 0,
    findings,
    words: counted && rule ? { ...counted, rule: { ...wordLimits(rule), source: rule.source } } : null,
    due: dated.due ? { date: dated.due.due, source: dated.due.source } : null,
  };
  if (findings.length > 0) {
    const first = findings[0] as Finding;
    throw refused(first.code, findings.map((f) => f.message).join('; '), findings, { wordCount: counted?.counted ?? null, words: outcome.words });
  }
  const wordCount = counted?.counted ?? null;
  const id = await inTransaction(ctx.db, async (trx) => {
    const id = await insertSubmission(trx, {
      epaRecordId: recordId,
      kind: input.kind,
      fileId: file.id,
      submittedOn,
      wordCount,
      outcome: JSON.stringify(outcome),
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'submit',
      entity: 'submission',
      entityId: id,
      after: { recordId, kind: input.kind, fileId: file.id, submittedOn, wordCount, annexMarker: input.annexMarker ?? null },
    });
    return id;
  });
  return { id, wordCount, outcome };
}

export async function listSubmissions(ctx: AppContext, actor: Actor, recordId: string): Promise<SubmissionView[]> {
  await assertCanSee(ctx, actor, recordId);
  const rows = await submissionsOf(ctx.db, recordId);
  return rows.map(toView);
}
