// Changing an assessor (optimistic version): the form filled with what is saved, and saving it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AssessorView, updateAssessor } from '../../../app/assessors.ts';
import { AppError } from '../../../app/errors.ts';
import { AssessorUpdateInput } from '../../../app/inputs-assessors.ts';
import { type DateParts, dateItems, dateParts } from '../date-fields.ts';
import { actorOf, type FormBody, formBody, many, one, type Services } from '../kit.ts';
import {
  ASSESSOR_RULES,
  addError,
  addIssues,
  assessorOf,
  type Errors,
  noErrors,
  type QualificationRow,
  qualificationInputs,
  readQualifications,
  readStandardisedOn,
  readWorkload,
  refusal,
  standardIds,
  withBlankRow,
} from './form.ts';

async function changePage(
  { ctx, view }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  assessor: AssessorView,
  values: Record<string, unknown>,
  errors: Errors,
  status = 200,
) {
  return view(
    request,
    reply,
    'assessor-form.njk',
    {
      title: `Change ${assessor.name}`,
      mode: 'change',
      action: `/admin/assessors/${assessor.id}/change`,
      assessor,
      standards: standardIds(ctx),
      values,
      standardisedOnItems: dateItems(values.standardisedOn as DateParts, errors.dateErrors.standardisedOn),
      qualifications: qualificationInputs(values.qualifications as QualificationRow[], errors),
      ...errors,
    },
    status,
  );
}

/** The change form filled with what is saved now. */
const savedValues = (a: AssessorView) => ({
  version: String(a.version),
  name: a.name,
  standards: a.standards,
  standardisedOn: dateParts(a.standardisedOn),
  qualifications: withBlankRow(a.qualifications.map((q) => ({ name: q.name, awarded: dateParts(q.awardedOn), remove: false, existing: true }))),
  maxPerDay: a.maxPerDay === null ? '' : String(a.maxPerDay),
  maxPerWeek: a.maxPerWeek === null ? '' : String(a.maxPerWeek),
  homeRegion: a.homeRegion ?? '',
});

export async function showChange(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessor = await assessorOf(services.ctx, request);
  return changePage(services, request, reply, assessor, savedValues(assessor), noErrors());
}

/** The changes as the form gives them: the values to show again, the errors (in `errors`), and the parsed input. */
function readChange(body: FormBody, errors: Errors) {
  const name = one(body, 'name').trim();
  const version = one(body, 'version');
  const standards = many(body, 'standards');
  if (!name) addError(errors, 'name', 'Enter the name');
  const standardisedOn = readStandardisedOn(body, errors);
  const { rows, kept } = readQualifications(body, errors);
  const workload = readWorkload(body);
  const values = { version, name, standards, standardisedOn: standardisedOn.parts, qualifications: withBlankRow(rows), ...workload.values };
  const input = AssessorUpdateInput.safeParse({
    version: /^\d{1,10}$/.test(version) ? Number(version) : Number.NaN,
    name,
    standards,
    standardisedOn: standardisedOn.value,
    qualifications: kept,
    ...workload.input,
  });
  if (!input.success) addIssues(errors, input.error, ASSESSOR_RULES);
  return { values, input };
}

export async function change(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessor = await assessorOf(services.ctx, request);
  const errors = noErrors();
  const { values, input } = readChange(formBody(request), errors);
  if (!input.success || errors.errors.length > 0) return changePage(services, request, reply, assessor, values, errors, 400);
  try {
    await updateAssessor(services.ctx, actorOf(request), assessor.id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    if (error.code === 'STALE_VERSION') {
      // Someone saved in between: show what is saved now; nothing of this form was saved.
      const current = await assessorOf(services.ctx, request);
      const stale = noErrors();
      addError(
        stale,
        'name',
        `${current.name}’s details were changed by someone else after you opened this page, so your changes were not saved. The form now shows the saved details: make your changes again.`,
      );
      return changePage(services, request, reply, current, savedValues(current), stale, 409);
    }
    refusal(errors, error);
    return changePage(services, request, reply, assessor, values, errors, error.status);
  }
  return reply.redirect(`/admin/assessors/${assessor.id}?done=changed`, 303);
}
