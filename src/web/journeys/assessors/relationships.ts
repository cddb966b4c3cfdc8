// Declaring an assessor's relationship with an apprentice (by ULN) or an organisation, which
// the booking rules then keep them from assessing.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { declareRelationship } from '../../../app/assessors.ts';
import { AppError } from '../../../app/errors.ts';
import { MAX_RELATIONSHIP, RelationshipInput } from '../../../app/inputs-assessors.ts';
import { findRecordsByUln } from '../../../app/records.ts';
import { TEMPORARY_ULN } from '../../../domain/gateway/uln.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, formBody, one, type Services } from '../kit.ts';
import { assessorPage } from './assessor.ts';
import { addError, assessorOf, type Errors, noErrors } from './form.ts';

/** The apprentice named by the ULN typed, or an error on the ULN field. */
async function apprenticeOf({ ctx, terms }: Services, request: FastifyRequest, uln: string, errors: Errors): Promise<string | undefined> {
  const apprentice = terms.term('apprentice').toLowerCase();
  if (!uln) addError(errors, 'uln', `Enter the ${apprentice}’s ${terms.term('uln')}`);
  else if (uln === TEMPORARY_ULN)
    addError(errors, 'uln', `${TEMPORARY_ULN} is the temporary ${terms.term('uln')}, shared by many: it does not say which ${apprentice}`);
  else {
    // The same person registered for two standards has two rows, one ULN: any one names them.
    const apprenticeId = (await findRecordsByUln(ctx, actorOf(request), uln))[0]?.apprentice.id;
    if (!apprenticeId) addError(errors, 'uln', `No ${apprentice} with the ${terms.term('uln')} ${uln} is registered`);
    return apprenticeId;
  }
  return undefined;
}

export async function declare(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { ctx, terms } = services;
  const assessor = await assessorOf(ctx, request);
  const body = formBody(request);
  const errors = noErrors();
  const withWhom = one(body, 'with');
  const uln = one(body, 'uln').replace(/\s+/g, '');
  const organisationId = one(body, 'organisationId');
  const nature = one(body, 'nature').trim();
  const values = { relationship: { with: withWhom, uln, organisationId, nature } };
  let apprenticeId: string | undefined;
  if (withWhom !== 'apprentice' && withWhom !== 'organisation') addError(errors, 'with', 'Select who the relationship is with');
  else if (withWhom === 'apprentice') apprenticeId = await apprenticeOf(services, request, uln, errors);
  else if (!organisationId) addError(errors, 'organisationId', `Select the ${terms.term('employer').toLowerCase()} or ${terms.term('provider').toLowerCase()}`);
  if (!nature) addError(errors, 'nature', 'Describe the relationship');
  else if (nature.length > MAX_RELATIONSHIP) addError(errors, 'nature', `The description must be ${MAX_RELATIONSHIP} characters or fewer`);
  const input = RelationshipInput.safeParse(withWhom === 'apprentice' ? { apprenticeId, nature } : { organisationId: organisationId || undefined, nature });
  if (!input.success && errors.errors.length === 0)
    addError(errors, withWhom === 'apprentice' ? 'uln' : 'organisationId', 'Select who the relationship is with');
  if (!input.success || errors.errors.length > 0) return assessorPage(services, request, reply, values, errors, 400);
  try {
    await declareRelationship(ctx, actorOf(request), assessor.id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    const field = error.code === 'UNKNOWN_APPRENTICE' ? 'uln' : error.code === 'UNKNOWN_ORGANISATION' ? 'organisationId' : 'nature';
    addError(errors, field, plainEnglish(error));
    return assessorPage(services, request, reply, values, errors, error.status);
  }
  return reply.redirect(`/admin/assessors/${assessor.id}?done=declared#relationships`, 303);
}
