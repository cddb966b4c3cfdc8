// The words the pages put to a record's timeline events and the apprentice's progress:
// plain English, EPA terms through the terminology, dates as "5 January 2026". Only
// wording: what happened and who may see it are decided in src/app/timeline.ts.
import type { EpaProgress, WorkItem } from '../../app/progress.ts';
import type { TimelineEvent } from '../../app/timeline.ts';
import type { WorkDeadline } from '../../domain/planning/work-due.ts';
import { formatDate } from '../render.ts';
import type { Terminology } from '../terminology.ts';

export type EventText = { kind: string; date: string; upcoming: boolean; title: string; details: string[]; reasons: string[] };

const GRADES: Record<string, string> = { fail: 'Fail', pass: 'Pass', distinction: 'Distinction' };
export const gradeName = (grade: string | null | undefined) => (grade ? (GRADES[grade] ?? grade) : '');
export const words = (n: number) => n.toLocaleString('en-GB');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const at = (when: { date: string; time: string } | undefined) => (when ? `${formatDate(when.date)} at ${when.time}` : '');
const place = (p: TimelineEvent['place']) => (p ? (p.remote ? 'online' : (p.venue ?? '')) : '');

/** "2,250 to 2,750 words" / "at most 4,500 words"; empty where there is no rule. */
export function wordRange(limits: { min: number | null; max: number | null } | null | undefined): string {
  if (!limits) return '';
  if (limits.min !== null && limits.max !== null) return `${words(limits.min)} to ${words(limits.max)} words`;
  if (limits.max !== null) return `at most ${words(limits.max)} words`;
  if (limits.min !== null) return `at least ${words(limits.min)} words`;
  return '';
}

/** Whether a count keeps to its limits. */
export const within = (count: number, limits: { min: number | null; max: number | null }) =>
  (limits.min === null || count >= limits.min) && (limits.max === null || count <= limits.max);

/** Why work is due when it is, in a sentence's second half. */
export function dueBecause(d: Pick<WorkDeadline, 'because'>, terms: Terminology, methodName: (id: string) => string): string {
  const because = d.because;
  if (because.rule === 'after-gateway') return `the deadline after ${terms.term('gateway').toLowerCase()} approval on ${formatDate(because.gatewayApprovedOn)}`;
  if (because.rule === 'rework') return `the rework of the failed project, after the result released on ${formatDate(because.failReleasedOn)}`;
  return `${because.leadDays} days before the ${lower(methodName(because.method))} on ${formatDate(because.methodDate)}`;
}

/** What moderation made of the provisional grade, as the timeline says it. */
function moderationOutcome(e: TimelineEvent): string {
  if (e.outcome === 'changed') return `Grade changed to ${gradeName(e.grade)}.`;
  if (e.outcome === 'agreed') return `Grade agreed: ${gradeName(e.grade)}.`;
  return e.outcome === 'signed-off' ? 'Signed off with its batch.' : '';
}

/** A released result's later fate, when it has one. */
function resultStatusText(status: TimelineEvent['status']): string {
  if (status === 'superseded') return 'This result was later replaced.';
  if (status === 'suspended') return 'This result is on hold while a concern is looked into.';
  return status === 'cancelled' ? 'This result was cancelled.' : '';
}

export function describeEvent(e: TimelineEvent, terms: Terminology): EventText {
  const t = (key: string) => terms.term(key);
  const method = e.method?.name ?? '';
  const work = e.work ? (e.work === 'portfolio' ? terms.term('portfolio') : terms.purpose(e.work)) : '';
  const base = { kind: e.kind, date: e.date, upcoming: e.upcoming, reasons: e.reasons ?? [] };
  const text = (title: string, ...details: string[]): EventText => ({ ...base, title, details: details.filter((d) => d !== '') });
  switch (e.kind) {
    case 'registered':
      return text(`Registered for the ${t('epa')}`);
    case 'gateway-submitted':
      return text(`Submitted for ${t('gateway').toLowerCase()}`);
    case 'gateway-approved':
      return text(`${t('gateway')} approved`);
    case 'gateway-rejected':
      return text(`${t('gateway')} not approved`, 'The reasons given:');
    case 'booked':
      return text(`${method} booked`, `For ${at(e.when)}${place(e.place) ? `, ${place(e.place)}` : ''}.`);
    case 'booking-moved':
      return text(`${method} moved`, `Now on ${at(e.when)}.`);
    case 'booking-cancelled':
      return text(
        `${method} cancelled`,
        `It was booked for ${at(e.when)}.`,
        e.charge ? `Cancellation charge: ${e.charge === 'full-fee' ? 'the full fee' : e.charge}.` : '',
      );
    case 'assessment':
      return text(
        e.upcoming ? method : `${method} (booked for this day)`,
        `At ${e.when?.time ?? ''}${place(e.place) ? `, ${place(e.place)}` : ''}.`,
        e.upcoming ? '' : 'Its record is not finished yet.',
      );
    case 'assessment-held':
      return text(`${method} assessed${(e.attempt ?? 1) > 1 ? ` (attempt ${e.attempt})` : ''}`, e.grade ? `Provisional grade: ${gradeName(e.grade)}.` : '');
    case 'moderated':
      return text(`${method}: ${t('moderation').toLowerCase()} complete`, moderationOutcome(e));
    case 'work-submitted': {
      const range = wordRange(e.wordLimits);
      return text(
        `${work} submitted`,
        e.wordCount !== null && e.wordCount !== undefined
          ? `${words(e.wordCount)} words counted, annexes excluded${range ? ` (${range} allowed)` : ''}.`
          : 'No word count applies.',
      );
    }
    case 'work-due':
      return text(`${work} due`, e.because ? `Due by ${dueBecause({ because: e.because }, terms, () => method)}.` : '');
    case 'epa-window-ends':
      return text(`${t('epaWindow')} closes`, 'Every assessment must be held by this day.');
    case 'reattempt':
      if (e.outcome === 'appeal-reassessment')
        return text(
          `The ${lower(method)} to be assessed again: an appeal was upheld`,
          `At no charge, and not a re-sit.${e.attempt ? ` Attempt ${e.attempt}.` : ''}`,
        );
      return text(`${e.outcome === 're-take' ? 'Re-take' : 'Re-sit'} of the ${lower(method)} planned`, e.attempt ? `Attempt ${e.attempt}.` : '');
    case 'result-released':
      return text(
        `Result released: ${gradeName(e.grade)}`,
        (e.methodGrades ?? []).map((m) => `${m.name}: ${gradeName(m.grade)}`).join('; '),
        e.capped ? 'Capped at a pass after a re-sit or re-take.' : '',
        resultStatusText(e.status),
      );
    case 'appeal-lodged':
      return text('Appeal lodged', 'The grounds given:');
    case 'appeal-decided':
      if (e.outcome === 'upheld-reassessment') return text('Appeal upheld: the result is set aside and assessed again, at no charge');
      return text(e.outcome === 'upheld' ? 'Appeal upheld: the grades were changed' : 'Appeal not upheld: the result stands');
    case 'certificate-requested':
      return text('Certificate requested');
    case 'certificate-issued':
      return text('Certificate issued');
    case 'certificate-sent':
      return text(`Certificate sent to the ${t('employer').toLowerCase()}`);
    case 'sent-to-dfe':
      return text(...sentToDfe(e, t('epa')));
    case 'withdrawn':
      return text(`Withdrawn from the ${t('epa')}`, 'The reason given:');
  }
}

/** The apprentice's "what happens next", one or two sentences for where the record stands. */
export function nextStep(p: EpaProgress, terms: Terminology): string {
  const gateway = terms.term('gateway').toLowerCase();
  const epao = `the ${terms.term('epao')}`;
  const Epao = `The ${terms.term('epao')}`;
  const provider = terms.term('provider').toLowerCase();
  const next = p.assessments[0];
  if (p.record.status === 'withdrawn') return `You have been withdrawn from your ${terms.term('epa')}.`;
  if (p.result?.status === 'suspended') return `Your result is on hold while ${epao} looks into a concern. Your ${provider} will tell you more.`;
  if (next)
    return `Your next assessment is the ${lower(next.method.name)}${next.attempt ? ` (a re-sit, attempt ${next.attempt})` : ''} on ${formatDate(next.date)} at ${next.time}.`;
  if (p.record.status === 'completed' || (p.result && p.result.overall !== 'fail')) {
    if (p.certificate?.status === 'sent') return `Your ${terms.term('epa')} is complete and your certificate has been sent.`;
    return `Your ${terms.term('epa')} is complete. ${Epao} requests your certificate for you.`;
  }
  if (p.result?.overall === 'fail') return `${Epao} will arrange a re-sit or re-take with your ${provider}.`;
  switch (p.record.status) {
    case 'registered':
      return `Your ${provider} puts you forward for ${gateway} when you are ready.`;
    case 'gateway-submitted':
      return `Your ${gateway} submission is with ${epao}, who will check it and tell you the decision.`;
    case 'gateway-rejected':
      return `Your ${gateway} was not approved. Your ${provider} will put it right and submit it again.`;
    default:
      return p.assessments.length === 0 && p.timeline.some((e) => e.kind === 'assessment-held')
        ? `Your assessments are being marked. Your result appears here once ${epao} releases it.`
        : `${Epao} will book your assessments and tell you the dates.`;
  }
}

/** A piece of work for the apprentice: when it is due and whether it is in. */
export function workLine(w: WorkItem, terms: Terminology, methodName: (id: string) => string, today: string) {
  const sent = w.submissions[0];
  const due = w.deadline;
  return {
    name: terms.purpose(w.kind),
    due: due ? formatDate(due.due) : null,
    why: due
      ? `That is ${dueBecause(due, terms, methodName)}.`
      : `The assessment plan sets no date to send it by. Your ${terms.term('provider').toLowerCase()} will tell you when.`,
    status: sent ? 'sent' : due && due.due < today ? 'overdue' : 'to-send',
    sentText: sent ? `Sent on ${formatDate(sent.submittedOn)}${sent.wordCount !== null ? `: ${words(sent.wordCount)} words counted` : ''}.` : '',
    limit: wordRange(w.words),
  };
}

/** What reached the DfE Assessor Service: the EPA outcomes, or the certificate with DfE's print status. */
function sentToDfe(e: TimelineEvent, epa: string): [string, string] {
  if (e.outcome !== 'certificate') return [`${epa} outcome sent to DfE`, ''];
  return ['Certificate sent to DfE to print and post', e.status ? `DfE’s status: ${e.status}.` : ''];
}
