// The workspace's form read as the draft saveDraft takes: each criterion's judgement and
// note, the session's start and end (London time), questioning minutes and the ID seen.
import type { AssessmentView } from '../../../app/assessments.ts';
import { type DraftRequest, MAX_ID_DOCUMENT, MAX_NOTE, MAX_QUESTIONING_MINUTES } from '../../../app/inputs-assessment.ts';
import { isClockTime, londonToUtc } from '../../../domain/calendar/london-time.ts';
import type { Judgement } from '../../../store/schema.ts';
import { type ErrorItem, type FormBody, one } from '../kit.ts';
import { fieldId } from './criteria.ts';

const JUDGEMENTS: readonly Judgement[] = ['met', 'not-met', 'not-evidenced'];

/** The form's fields as the draft the use-case takes, or the fields' errors. */
export function draftFrom(body: FormBody, assessment: AssessmentView, date: string): { draft?: DraftRequest; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const version = Number(one(body, 'version'));
  const judgements: NonNullable<DraftRequest['judgements']> = {};
  for (const criterion of assessment.criteria) {
    const id = fieldId(criterion.id);
    const value = one(body, `judgement-${id}`);
    const note = one(body, `note-${id}`).trim();
    if (note.length > MAX_NOTE) errors.push({ text: `The note for ${criterion.id} must be ${MAX_NOTE} characters or fewer`, href: `#note-${id}` });
    if (JUDGEMENTS.includes(value as Judgement)) judgements[criterion.id] = { judgement: value as Judgement, ...(note ? { note } : {}) };
    else if (assessment.judgements[criterion.id]) judgements[criterion.id] = null;
  }
  const times: Record<'startedAt' | 'endedAt', string | null> = { startedAt: null, endedAt: null };
  for (const [key, name, label] of [
    ['startedAt', 'started-at', 'start'],
    ['endedAt', 'ended-at', 'end'],
  ] as const) {
    const value = one(body, name).trim();
    if (value === '') continue;
    if (!isClockTime(value)) {
      errors.push({ text: `Enter the ${label} time as hours and minutes, like 09:30`, href: `#${name}` });
      continue;
    }
    // The domain's conversion: a time the clocks skip (spring forward) is refused, not moved.
    const instant = londonToUtc(date, value);
    if (instant.ok) times[key] = instant.value.toISOString();
    else errors.push({ text: `${value} does not exist in the UK on that day: the clocks go forward an hour that night`, href: `#${name}` });
  }
  const questioningText = one(body, 'questioning-minutes').trim();
  const questioningMinutes = questioningText === '' ? null : Number(questioningText);
  if (questioningMinutes !== null && !(Number.isFinite(questioningMinutes) && questioningMinutes >= 0 && questioningMinutes <= MAX_QUESTIONING_MINUTES))
    errors.push({ text: `Enter the questioning time as a number of minutes from 0 to ${MAX_QUESTIONING_MINUTES}`, href: '#questioning-minutes' });
  const idDocument = one(body, 'id-document').trim();
  if (idDocument.length > MAX_ID_DOCUMENT) errors.push({ text: `The ID document must be ${MAX_ID_DOCUMENT} characters or fewer`, href: '#id-document' });
  if (!Number.isInteger(version) || version < 1) errors.push({ text: 'This form is out of date: reload the page', href: '#judgements' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    draft: {
      version,
      identityChecked: one(body, 'identity-checked') === 'yes',
      idDocument: idDocument || null,
      ...times,
      questioningMinutes,
      judgements,
    },
  };
}
