// The record page's sections for following an EPA: the record's timeline (for the provider,
// the employer, the EPAO, the IQA and the apprentice) and the work sent for it.
import { recordWork, type WorkItem } from '../../../app/progress.ts';
import { recordTimeline } from '../../../app/timeline.ts';
import type { Role } from '../../../domain/access/access.ts';
import type { RecordSection } from '../../record-sections.ts';
import { formatDate } from '../../render.ts';
import type { Terminology } from '../../terminology.ts';
import { describeEvent, dueBecause, within, wordRange, words } from '../timeline-text.ts';

/** Who uploads the apprentice's work from the pages (the apprentice may too, through the API). */
export const WORK_ROLES: readonly Role[] = ['provider', 'epao-admin'];
/** Who sees a record's timeline on its page; an assessor sees only their own assessments. */
const TIMELINE_ROLES: readonly Role[] = ['provider', 'employer', 'epao-admin', 'iqa', 'apprentice'];

/** The record page's timeline. */
export const timelineSection: RecordSection = async ({ ctx, actor, record, terms }) => {
  if (!TIMELINE_ROLES.includes(actor.role)) return null;
  const events = await recordTimeline(ctx, actor, record.id);
  return { template: 'timeline-section.njk', data: { events: events.map((e) => describeEvent(e, terms)) } };
};

/** The record page's work: what has been sent, and for the provider the link to upload. */
export const workSection: RecordSection = async ({ ctx, actor, record, terms }) => {
  if (!WORK_ROLES.includes(actor.role)) return null;
  const { work, open } = await recordWork(ctx, actor, record.id);
  if (work.length === 0 || (!open && work.every((w) => w.submissions.length === 0))) return null;
  return {
    template: 'work-section.njk',
    data: { open, linkText: `Upload the ${work.map((w) => terms.purpose(w.kind).toLowerCase()).join(' or ')}`, work: work.map((w) => workRows(w, terms)) },
  };
};

/** A work item's facts as the work page and section show them. */
export function workRows(w: WorkItem, terms: Terminology) {
  const range = wordRange(w.words);
  const limit = w.words
    ? `${w.words.target !== null ? `${words(w.words.target)} words, so ${range}` : range.charAt(0).toUpperCase() + range.slice(1)}${
        w.words.excludes.length ? `, excluding ${w.words.excludes.join(', ')}` : ''
      }`
    : 'No word limit: the apprentice chose to present it';
  return {
    kind: w.kind,
    name: terms.purpose(w.kind),
    description: w.name,
    method: w.method.name,
    limit,
    limitSource: w.words?.source ?? null,
    deadline: w.deadline ? `${formatDate(w.deadline.due)}: ${dueBecause(w.deadline, terms, () => w.method.name)}` : `No set date in the assessment plan`,
    deadlineSource: w.deadline?.source ?? null,
    submissions: w.submissions.map((s) => ({
      id: s.id,
      fileId: s.fileId,
      submittedOn: s.submittedOn,
      wordCount: s.wordCount === null ? 'Not counted' : words(s.wordCount),
      withinLimit: s.wordCount === null || !w.words ? null : within(s.wordCount, w.words),
    })),
  };
}
