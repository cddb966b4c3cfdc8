// One appeal's page, for everyone it concerns: its grounds and evidence, its steps with their
// deadlines, its reviewer and its decision. The EPAO acknowledges it and gives it to a
// reviewer here, and the reviewer (or the EPAO, where nobody reviews it) decides it. An
// adapter: src/app/appeal-steps.ts and decideAppeal decide.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppealView, acknowledgeAppeal, assignReviewer, getAppeal, reviewersFor } from '../../../app/appeal-steps.ts';
import { decideAppeal } from '../../../app/appeals.ts';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { AppealDecisionInput, MAX_REASON_TEXT } from '../../../app/inputs-assessment.ts';
import type { Actor } from '../../../domain/access/access.ts';
import { decidesAppeal } from '../../../domain/appeals/steps.ts';
import { errorsOf, fieldErrorsFrom, limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, type ErrorItem, type FormBody, formBody, many, one, type Services } from '../kit.ts';

const GRADES = ['fail', 'pass', 'distinction'] as const;

/** The decision form is offered to whoever decides the appeal (the domain's decidesAppeal), while it is open. */
const mayDecide = (appeal: AppealView, actor: Actor) => appeal.status === 'lodged' && decidesAppeal(actor, appeal.reviewerId);

/** "a", "a and b", "a, b and c". */
const inWords = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

async function appealPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const { id } = request.params as { id: string };
  const actor = actorOf(request);
  const appeal = await getAppeal(ctx, actor, id).catch(asPage);
  const admin = actor.role === 'epao-admin' && appeal.status === 'lodged';
  return view(
    request,
    reply,
    'appeal.njk',
    {
      title: `Appeal: ${appeal.givenNames} ${appeal.familyName}`,
      appeal,
      mayAcknowledge: admin && !appeal.acknowledgedOn,
      reviewers: admin ? await reviewersFor(ctx, actor, appeal.id) : null,
      mayDecide: mayDecide(appeal, actor),
      grades: GRADES,
      reassessedText: inWords((appeal.reassessed ?? []).map((m) => `the ${m.name.toLowerCase()}`)),
      done: (request.query as Record<string, unknown>).done ?? null,
      values: { outcome: '', reason: '', reviewerId: '', reassess: [], grades: Object.fromEntries(appeal.methods.map((m) => [m.id, m.grade ?? ''])) },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showAppeal = (services: Services, request: FastifyRequest, reply: FastifyReply) => appealPage(services, request, reply);

/** A refusal the person can act on, shown on the page; anything else is the error page. */
async function refusedOnPage(services: Services, request: FastifyRequest, reply: FastifyReply, error: unknown, href: string, extra: Record<string, unknown>) {
  if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
  const findings = findingsOf(error);
  const errors: ErrorItem[] = (findings.length ? findings : [error]).map((f) => ({ text: plainEnglish(f), href }));
  const field = href.slice(1);
  return appealPage(services, request, reply, { ...extra, errors, fieldErrors: { [field]: errors[0]?.text } }, error.status);
}

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export async function acknowledge(services: Services, request: FastifyRequest, reply: FastifyReply) {
  try {
    await acknowledgeAppeal(services.ctx, actorOf(request), idOf(request));
  } catch (error) {
    return refusedOnPage(services, request, reply, error, '#acknowledge', {});
  }
  return reply.redirect(`/appeals/${idOf(request)}?done=acknowledged`, 303);
}

export async function giveToReviewer(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const reviewerId = one(formBody(request), 'reviewerId');
  const values = { outcome: '', reason: '', reviewerId, grades: {}, reassess: [] };
  if (!reviewerId) {
    const fieldErrors = { reviewerId: 'Choose the reviewer to give the appeal to' };
    return appealPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await assignReviewer(services.ctx, actorOf(request), idOf(request), { reviewerId });
  } catch (error) {
    return refusedOnPage(services, request, reply, error, '#reviewerId', { values });
  }
  return reply.redirect(`/appeals/${idOf(request)}?done=reviewer`, 303);
}

/** Where a refusal of the decision is put right on the page. */
const FIELD_OF_REFUSAL: Record<string, string> = {
  GRADES_UNCHANGED: '#grades',
  METHOD_NOT_ASSESSED: '#reassess',
  CERTIFICATE_EXISTS: '#outcome',
};

/** The form's outcome as the use-case takes it: upheld with the grades changed, upheld with methods to assess again, or not. */
function decisionOf(values: { outcome: string; reason: string }, changed: Record<string, string>, reassess: string[]) {
  if (values.outcome === 'upheld') return { outcome: 'upheld', reason: values.reason, grades: changed };
  if (values.outcome === 'reassess') return { outcome: 'upheld', reason: values.reason, reassess };
  return { outcome: values.outcome, reason: values.reason };
}

/** The decision as the form gives it: upheld carries the grades the reviewer changed, or the methods to be assessed again. */
function readDecision(body: FormBody, appeal: AppealView) {
  const grades = Object.fromEntries(appeal.methods.map((m) => [m.id, one(body, `grade-${m.id}`)]));
  const reassess = many(body, 'reassess');
  const values = { outcome: one(body, 'outcome'), reason: one(body, 'reason').trim(), reviewerId: '', grades, reassess };
  const changed = Object.fromEntries(
    Object.entries(grades).filter(([method, grade]) => grade !== '' && grade !== appeal.methods.find((m) => m.id === method)?.grade),
  );
  if (values.outcome === 'reassess' && reassess.length === 0) {
    const fieldErrors = { reassess: 'Choose the methods to be assessed again' };
    return { values, input: null, fieldErrors };
  }
  const input = AppealDecisionInput.safeParse(decisionOf(values, changed, reassess));
  if (input.success) return { values, input: input.data, fieldErrors: {} };
  const fieldErrors = fieldErrorsFrom(input.error, {
    outcome: 'Choose whether the appeal is upheld',
    reason: {
      message: (issue) =>
        issue.code === 'too_big' ? `The reasons must be ${limitText(MAX_REASON_TEXT)} characters or fewer` : 'Enter the reasons for the decision',
    },
    grades: { field: 'grades', message: 'Choose a grade for each method' },
  });
  return { values, input: null, fieldErrors };
}

export async function decide(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(request);
  const appeal = await getAppeal(services.ctx, actor, idOf(request)).catch(asPage);
  const { values, input, fieldErrors } = readDecision(formBody(request), appeal);
  if (!input) return appealPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  try {
    await decideAppeal(services.ctx, actor, appeal.id, input);
  } catch (error) {
    return refusedOnPage(services, request, reply, error, FIELD_OF_REFUSAL[error instanceof AppError ? error.code : ''] ?? '#outcome', { values });
  }
  return reply.redirect(`/appeals/${appeal.id}?done=decided`, 303);
}
