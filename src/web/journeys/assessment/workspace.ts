// The assessor's assessment workspace: open the record from a booking, judge each criterion,
// the session's facts, save as it goes, and submit for the provisional grade. Every save is
// a form POST; web/static/assessment.mjs adds a timer and autosave through the JSON API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AssessmentView, getAssessment, openAssessment, saveDraft, submitAssessment } from '../../../app/assessments.ts';
import { getBooking } from '../../../app/bookings.ts';
import { AppError, findingsOf, unjudgedOf } from '../../../app/errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, type ErrorItem, formBody, type Services } from '../kit.ts';
import { fieldId, groupCriteria, londonTime } from './criteria.ts';
import { draftFrom } from './draft.ts';

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

async function workspace(
  { ctx, view }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  assessment: AssessmentView,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const booking = await getBooking(ctx, actorOf(request), assessment.bookingId).catch(asPage);
  const name = `${assessment.apprentice.givenNames} ${assessment.apprentice.familyName}`;
  return view(
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

export async function openFromBooking({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessment = await openAssessment(ctx, actorOf(request), idOf(request)).catch(asPage);
  return reply.redirect(`/assessments/${assessment.id}`, 303);
}

export async function showWorkspace(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessment = await getAssessment(services.ctx, actorOf(request), idOf(request)).catch(asPage);
  const saved = (request.query as Record<string, unknown>).saved === '1';
  return workspace(services, request, reply, assessment, { saved });
}

/** Saves the form; on a refusal renders the workspace with the error summary and returns the page. */
async function save(services: Services, request: FastifyRequest, reply: FastifyReply): Promise<{ saved: AssessmentView } | { page: unknown }> {
  const { ctx } = services;
  const actor = actorOf(request);
  const current = await getAssessment(ctx, actor, idOf(request)).catch(asPage);
  if (current.status !== 'draft') return { saved: current };
  const booking = await getBooking(ctx, actor, current.bookingId).catch(asPage);
  const { draft, errors } = draftFrom(formBody(request), current, booking.date);
  if (!draft) return { page: await workspace(services, request, reply, current, { errors }, 400) };
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
    return { page: await workspace(services, request, reply, latest, { errors: [{ text, href }] }, error.status) };
  }
}

export async function saveWorkspace(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const result = await save(services, request, reply);
  if ('page' in result) return result.page;
  return reply.redirect(`/assessments/${result.saved.id}?saved=1`, 303);
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

/** A submission the rules refuse (422): each finding and each criterion left unjudged, linked to its field. */
function notSubmittedErrors(error: AppError): ErrorItem[] {
  const findings = findingsOf(error);
  const unjudged = unjudgedOf(error);
  const errors: ErrorItem[] = [
    ...findings.map((f) => ({ text: plainEnglish({ code: '', message: f.message }), href: hrefForFinding(f.code) })),
    ...unjudged.map((c) => ({ text: `Choose met, not met or not evidenced for ${c}`, href: `#judgement-${fieldId(c)}` })),
  ];
  if (errors.length === 0) errors.push({ text: plainEnglish(error), href: error.code === 'SESSION_TIMES_MISSING' ? '#started-at' : '#judgements' });
  return errors;
}

/** Submit saves what the form holds first, so nothing typed is lost, then submits that version. */
export async function submitWorkspace(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const result = await save(services, request, reply);
  if ('page' in result) return result.page;
  const saved = result.saved;
  if (saved.status !== 'draft') return workspace(services, request, reply, saved);
  try {
    const submitted = await submitAssessment(services.ctx, actorOf(request), saved.id, saved.version);
    return workspace(services, request, reply, submitted, { justSubmitted: true });
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) {
      if (error instanceof AppError && error.code === 'STALE_VERSION') {
        const latest = await getAssessment(services.ctx, actorOf(request), saved.id);
        const text = 'This assessment was changed elsewhere since you opened it: check the latest version and submit again.';
        return workspace(services, request, reply, latest, { errors: [{ text, href: '#judgements' }] }, 409);
      }
      throw error;
    }
    return workspace(services, request, reply, saved, { errors: notSubmittedErrors(error), notSubmitted: true }, 422);
  }
}
