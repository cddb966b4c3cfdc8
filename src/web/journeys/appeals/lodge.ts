// Lodging an appeal against a released result, from the result page: the grounds, the
// evidence to look at again, and the last day it may be lodged. An adapter: lodgeAppeal decides.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lodgeAppeal } from '../../../app/appeals.ts';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { AppealInput, MAX_REASON_TEXT } from '../../../app/inputs-assessment.ts';
import { resultOverview } from '../../../app/result-views.ts';
import { errorsOf, fieldErrorsFrom, limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, formBody, one, pageRecord, type Services } from '../kit.ts';

async function lodgePage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const overview = await resultOverview(ctx, actorOf(request), record.id);
  const open = overview.appeals.find((a) => a.status === 'lodged') ?? null;
  return view(
    request,
    reply,
    'appeal-lodge.njk',
    {
      title: `Appeal the result: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      record,
      result: overview.result,
      window: overview.appealWindow,
      openAppeal: open,
      values: { grounds: '', evidence: '' },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showLodge = (services: Services, request: FastifyRequest, reply: FastifyReply) => lodgePage(services, request, reply);

const RULES = {
  grounds: {
    message: (issue: { code: string }) =>
      issue.code === 'too_big'
        ? `The grounds must be ${limitText(MAX_REASON_TEXT)} characters or fewer`
        : 'Enter the grounds for the appeal: what in the result is wrong, and why',
  },
  evidence: `The evidence must be ${limitText(MAX_REASON_TEXT)} characters or fewer`,
};

export async function lodge(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { ctx } = services;
  const record = await pageRecord(ctx, request);
  const body = formBody(request);
  const values = { grounds: one(body, 'grounds').trim(), evidence: one(body, 'evidence').trim() };
  const overview = await resultOverview(ctx, actorOf(request), record.id);
  const input = AppealInput.safeParse({
    resultId: overview.result?.id ?? '',
    grounds: values.grounds,
    ...(values.evidence ? { evidence: values.evidence } : {}),
  });
  if (!input.success) {
    const fieldErrors = fieldErrorsFrom(input.error, RULES);
    if (Object.keys(fieldErrors).length > 0) return lodgePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
    return lodgePage(services, request, reply, { values, errors: [{ text: 'There is no released result to appeal', href: '#grounds' }] }, 409);
  }
  try {
    const appeal = await lodgeAppeal(ctx, actorOf(request), record.id, input.data);
    return reply.redirect(`/appeals/${appeal.id}?done=lodged`, 303);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    const findings = findingsOf(error);
    const errors = (findings.length ? findings : [error]).map((f) => ({ text: plainEnglish(f), href: '#grounds' }));
    return lodgePage(services, request, reply, { values, errors }, error.status);
  }
}
