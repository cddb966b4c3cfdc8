// The EPAO's release of a result, which waits for moderation (the domain's releaseBlockers);
// a fail is released with feedback. An adapter: releaseResult decides.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { MAX_FEEDBACK, ReleaseInput } from '../../../app/inputs-assessment.ts';
import { resultOverview } from '../../../app/result-views.ts';
import { releaseResult } from '../../../app/results.ts';
import { errorsOf, fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { documentTitles, sourceText } from '../../source-text.ts';
import { actorOf, type ErrorItem, formBody, one, pageRecord, type Services } from '../kit.ts';
import { presented } from './result.ts';

async function releasePage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const overview = await resultOverview(ctx, actorOf(request), record.id);
  return view(
    request,
    reply,
    'result-release.njk',
    {
      title: `Release the result: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      record,
      overview: presented(overview, terms),
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showRelease = (services: Services, request: FastifyRequest, reply: FastifyReply) => releasePage(services, request, reply);

export async function release(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  const feedback = one(formBody(request), 'feedback').trim();
  const values = { feedback };
  const input = ReleaseInput.safeParse(feedback ? { feedback } : {});
  if (!input.success) {
    // Feedback is the form's one field, and too long the one way it can be wrong.
    const fieldErrors = fieldErrorsFrom(input.error, {}, { otherwise: { field: 'feedback', message: `Feedback must be ${MAX_FEEDBACK} characters or fewer` } });
    return releasePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await releaseResult(services.ctx, actorOf(request), record.id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
    if (error.code === 'FEEDBACK_REQUIRED') {
      const fieldErrors = {
        feedback: `Enter feedback on what the ${services.terms.term('apprentice').toLowerCase()} should develop: a fail is released with feedback`,
      };
      return releasePage(services, request, reply, { values, fieldErrors, errors: [{ text: fieldErrors.feedback, href: '#feedback' }] }, error.status);
    }
    const findings = findingsOf(error);
    const errors: ErrorItem[] = findings.length
      ? findings.map((f) => ({ text: `${plainEnglish(f)} (Source: ${sourceText(f.source, documentTitles(services.ctx.catalogue))})`, href: '#release' }))
      : [{ text: plainEnglish(error), href: '#release' }];
    return releasePage(services, request, reply, { values, errors }, error.status);
  }
  return reply.redirect(`/records/${record.id}/result?released=1`, 303);
}
