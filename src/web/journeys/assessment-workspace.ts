// The assessor's assessment workspace (issue 6): open the record from a booking, judge each
// criterion (met / not met / not evidenced, with a note), the session's facts (ID seen,
// start and end, questioning), save as it goes, and submit for the provisional grade.
// Works without JavaScript: every save is a form POST; web/static/assessment.mjs adds a
// timer and autosave through the JSON API. An adapter like pageRoutes: it reads the form,
// calls the use-cases in src/app/assessments.ts and renders; no rule is decided here.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type AssessmentView, getAssessment, openAssessment, saveDraft, submitAssessment } from '../../app/assessments.ts';
import { getBooking } from '../../app/bookings.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import type { DraftRequest } from '../../app/inputs-assessment.ts';
import type { Judgement } from '../../store/schema.ts';
import { plainEnglish } from '../messages.ts';
import { actorOf, asPage, type ErrorItem, type FormBody, type JourneyOptions, one } from './kit.ts';

const JUDGEMENTS: readonly Judgement[] = ['met', 'not-met', 'not-evidenced'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MAX_NOTE = 4000;

/** A criterion id as an HTML id ("observation.P1" → "observation-P1"). */
export const fieldId = (criterion: string) => criterion.replace(/[^A-Za-z0-9_-]/g, '-');

/** The instant of a London wall-clock time on a date ("2026-11-23", "10:30"). */
export function londonInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(wall));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - wall;
  return new Date(wall - offset).toISOString();
}

/** "10:30" in London from an instant; empty for nothing. */
function londonTime(instant: string | null): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** The criteria in groups: by KSB theme in order of first appearance, carried-over criteria last. */
/** The criteria grouped by KSB theme, in order, with those carried over from another method last. */
export function groupCriteria(criteria: AssessmentView['criteria']) {
  const groups: { heading: string; carried: boolean; criteria: AssessmentView['criteria'] }[] = [];
  const carried: AssessmentView['criteria'] = [];
  for (const criterion of criteria) {
    if (criterion.carriedFrom !== null) {
      carried.push(criterion);
      continue;
    }
    const heading = criterion.theme || 'Other criteria';
    let group = groups.find((g) => g.heading === heading && !g.carried);
    if (!group) {
      group = { heading, carried: false, criteria: [] };
      groups.push(group);
    }
    group.criteria.push(criterion);
  }
  if (carried.length > 0) groups.push({ heading: 'Criteria carried over from other assessment methods', carried: true, criteria: carried });
  return groups.map((g) => ({ ...g, criteria: g.criteria.map((c) => ({ ...c, fieldId: fieldId(c.id) })) }));
}

/** The form's fields as the draft the use-case takes, or the fields' errors. */
function draftFrom(body: FormBody, assessment: AssessmentView, date: string): { draft?: DraftRequest; errors: ErrorItem[] } {
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
    if (TIME.test(value)) times[key] = londonInstant(date, value);
    else errors.push({ text: `Enter the ${label} time as hours and minutes, like 09:30`, href: `#${name}` });
  }
  const questioningText = one(body, 'questioning-minutes').trim();
  const questioningMinutes = questioningText === '' ? null : Number(questioningText);
  if (questioningMinutes !== null && !(Number.isFinite(questioningMinutes) && questioningMinutes >= 0 && questioningMinutes <= 600))
    errors.push({ text: 'Enter the questioning time as a number of minutes from 0 to 600', href: '#questioning-minutes' });
  const idDocument = one(body, 'id-document').trim();
  if (idDocument.length > 200) errors.push({ text: 'The ID document must be 200 characters or fewer', href: '#id-document' });
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

export function assessmentWorkspacePages(ctx: AppContext, kit: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    const config = { roles: ['assessor'] as const };
    const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

    async function workspace(request: FastifyRequest, reply: FastifyReply, assessment: AssessmentView, extra: Record<string, unknown> = {}, status = 200) {
      const booking = await getBooking(ctx, actorOf(request), assessment.bookingId).catch(asPage);
      const name = `${assessment.apprentice.givenNames} ${assessment.apprentice.familyName}`;
      return kit.view(
        request,
        reply,
        'assessment.njk',
        {
          title: `${assessment.method.name}: ${name}`,
          assessment,
          booking,
          apprenticeName: name,
          groups: groupCriteria(assessment.criteria),
          startTime: londonTime(assessment.startedAt),
          endTime: londonTime(assessment.endedAt),
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.post('/bookings/:id/assessment', { config }, async (request, reply) => {
      const assessment = await openAssessment(ctx, actorOf(request), idOf(request)).catch(asPage);
      return reply.redirect(`/assessments/${assessment.id}`, 303);
    });

    app.get('/assessments/:id', { config }, async (request, reply) => {
      const assessment = await getAssessment(ctx, actorOf(request), idOf(request)).catch(asPage);
      const saved = (request.query as Record<string, unknown>).saved === '1';
      return workspace(request, reply, assessment, { saved });
    });

    /** Saves the form; on a refusal renders the workspace with the error summary and returns null. */
    async function save(request: FastifyRequest, reply: FastifyReply): Promise<{ saved: AssessmentView } | { page: unknown }> {
      const actor = actorOf(request);
      const current = await getAssessment(ctx, actor, idOf(request)).catch(asPage);
      if (current.status !== 'draft') return { saved: current };
      const booking = await getBooking(ctx, actor, current.bookingId).catch(asPage);
      const { draft, errors } = draftFrom(request.body as FormBody, current, booking.date);
      if (!draft) return { page: await workspace(request, reply, current, { errors }, 400) };
      try {
        return { saved: await saveDraft(ctx, actor, current.id, draft) };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
        const latest = await getAssessment(ctx, actor, current.id);
        const text =
          error.code === 'STALE_VERSION'
            ? 'This assessment was changed elsewhere (in another tab or device) since you opened it. Nothing was saved from this form: the page now shows the latest version. Check it and make your changes again.'
            : plainEnglish(error);
        const href = error.code === 'DATES_OUT_OF_ORDER' ? '#ended-at' : '#judgements';
        return { page: await workspace(request, reply, latest, { errors: [{ text, href }] }, error.status) };
      }
    }

    app.post('/assessments/:id', { config }, async (request, reply) => {
      const result = await save(request, reply);
      if ('page' in result) return result.page;
      return reply.redirect(`/assessments/${result.saved.id}?saved=1`, 303);
    });

    // Submit saves what the form holds first, so nothing typed is lost, then submits that version.
    app.post('/assessments/:id/submit', { config }, async (request, reply) => {
      const result = await save(request, reply);
      if ('page' in result) return result.page;
      const saved = result.saved;
      if (saved.status !== 'draft') return workspace(request, reply, saved);
      try {
        const submitted = await submitAssessment(ctx, actorOf(request), saved.id, saved.version);
        return workspace(request, reply, submitted, { justSubmitted: true });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) {
          if (error instanceof AppError && error.code === 'STALE_VERSION')
            return workspace(
              request,
              reply,
              await getAssessment(ctx, actorOf(request), saved.id),
              {
                errors: [
                  { text: 'This assessment was changed elsewhere since you opened it: check the latest version and submit again.', href: '#judgements' },
                ],
              },
              409,
            );
          throw error;
        }
        const findings = (error.details.findings ?? []) as { message: string; code?: string }[];
        const unjudged = (error.details.criteria ?? []) as string[];
        const errors: ErrorItem[] = [
          ...findings.map((f) => ({ text: plainEnglish({ code: '', message: f.message }), href: hrefForFinding(f.code) })),
          ...unjudged.map((c) => ({ text: `Choose met, not met or not evidenced for ${c}`, href: `#judgement-${fieldId(c)}` })),
        ];
        if (errors.length === 0) errors.push({ text: plainEnglish(error), href: error.code === 'SESSION_TIMES_MISSING' ? '#started-at' : '#judgements' });
        return workspace(request, reply, saved, { errors, notSubmitted: true }, 422);
      }
    });
  };
}

/** Where the error summary points for a session finding. */
function hrefForFinding(code: string | undefined): string {
  const c = (code ?? '').toUpperCase();
  if (c.includes('QUESTION')) return '#questioning-minutes';
  if (c.includes('ID_DOCUMENT')) return '#id-document';
  if (c.includes('IDENTITY')) return '#identity-checked';
  if (c.includes('TIME') || c.includes('DURATION') || c.includes('LENGTH')) return '#started-at';
  return '#judgements';
}
