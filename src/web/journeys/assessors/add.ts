// The EPAO's list of its independent assessors, with whether each is current for booking,
// and adding one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createAssessor, listAssessors } from '../../../app/assessors.ts';
import { today } from '../../../app/context.ts';
import { AppError } from '../../../app/errors.ts';
import { AssessorCreateInput, MIN_PASSWORD } from '../../../app/inputs-assessors.ts';
import { type DateParts, dateItems, dateParts } from '../date-fields.ts';
import { actorOf, type FormBody, formBody, many, one, type Services } from '../kit.ts';
import {
  ASSESSOR_RULES,
  addError,
  addIssues,
  blankRow,
  currency,
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

export async function showAssessors({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const assessors = await listAssessors(ctx, actorOf(request));
  return view(request, reply, 'assessor-list.njk', {
    title: `${terms.term('assessor')}s`,
    today: today(ctx),
    assessors: assessors.map((a) => ({ ...a, ...currency(ctx, a) })),
  });
}

async function addPage(
  { ctx, view, terms }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors: Errors,
  status = 200,
) {
  const rows = (values.qualifications as QualificationRow[] | undefined) ?? [blankRow()];
  return view(
    request,
    reply,
    'assessor-form.njk',
    {
      title: `Add an ${terms.term('assessor').toLowerCase()}`,
      mode: 'add',
      minPassword: MIN_PASSWORD,
      action: '/admin/assessors/new',
      standards: standardIds(ctx),
      values,
      standardisedOnItems: dateItems((values.standardisedOn as DateParts | undefined) ?? dateParts(null), errors.dateErrors.standardisedOn),
      qualifications: qualificationInputs(rows, errors),
      ...errors,
    },
    status,
  );
}

export const showAdd = (services: Services, request: FastifyRequest, reply: FastifyReply) => addPage(services, request, reply, { standards: [] }, noErrors());

/** The new assessor as the form gives it: the values to show again, the errors (in `errors`), and the parsed input. */
function readAdd(body: FormBody, errors: Errors) {
  const name = one(body, 'name').trim();
  const email = one(body, 'email').trim();
  const password = one(body, 'password');
  const standards = many(body, 'standards');
  if (!name) addError(errors, 'name', 'Enter the name');
  if (!email) addError(errors, 'email', 'Enter the email address');
  const standardisedOn = readStandardisedOn(body, errors);
  const { rows, kept } = readQualifications(body, errors);
  const workload = readWorkload(body);
  const values = { name, email, standards, standardisedOn: standardisedOn.parts, qualifications: withBlankRow(rows), ...workload.values };
  const input = AssessorCreateInput.safeParse({
    name,
    email,
    ...(password ? { password } : {}),
    standards,
    ...(standardisedOn.value ? { standardisedOn: standardisedOn.value } : {}),
    qualifications: kept,
    ...workload.input,
  });
  if (!input.success) addIssues(errors, input.error, ASSESSOR_RULES);
  return { values, input };
}

export async function add(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const errors = noErrors();
  const { values, input } = readAdd(formBody(request), errors);
  if (!input.success || errors.errors.length > 0) return addPage(services, request, reply, values, errors, 400);
  let id: string;
  try {
    id = (await createAssessor(services.ctx, actorOf(request), input.data)).id;
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    refusal(errors, error);
    return addPage(services, request, reply, values, errors, error.status);
  }
  return reply.redirect(`/admin/assessors/${id}?done=${input.data.password ? 'added' : 'invited'}`, 303);
}
