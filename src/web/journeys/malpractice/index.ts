// Malpractice on the web: anyone who may see a record reports malpractice or
// maladministration about it (naming whom it concerns, the EPAO's staff too); the EPAO's
// compliance staff investigate the case with a log of notes and decide it, with its
// sanction. An adapter: src/app/malpractice.ts and malpractice-cases.ts decide.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { CaseNoteInput, MalpracticeDecisionInput, MalpracticeReportInput } from '../../../app/inputs-assessment.ts';
import { decideMalpracticeCase, reportMalpractice } from '../../../app/malpractice.ts';
import { addCaseNote, getMalpracticeCase, reportChoices } from '../../../app/malpractice-cases.ts';
import type { Role } from '../../../domain/access/access.ts';
import { errorsOf, fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import type { RecordSection } from '../../record-sections.ts';
import { actorOf, asPage, formBody, handle, many, one, type PageHandler, pageRecord, type Services } from '../kit.ts';

const EVERYONE: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];

/** The record page's section: report it; for the EPAO, the case open now. */
export const malpracticeSection: RecordSection = async ({ ctx, actor, record }) => {
  const choices = await reportChoices(ctx, actor, record.id);
  return { template: 'record/malpractice.njk', data: { recordId: record.id, openCaseId: choices.openCaseId } };
};

async function reportPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const choices = await reportChoices(ctx, actorOf(request), record.id);
  return view(
    request,
    reply,
    'malpractice-report.njk',
    {
      title: 'Report malpractice or maladministration',
      record,
      people: choices.people,
      done: (request.query as Record<string, unknown>).done === '1',
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

async function report(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  const body = formBody(request);
  const values = { concerns: one(body, 'concerns'), concernsUserId: one(body, 'concernsUserId'), allegation: one(body, 'allegation').trim() };
  const input = MalpracticeReportInput.safeParse({
    concerns: values.concerns,
    allegation: values.allegation,
    ...(values.concernsUserId ? { concernsUserId: values.concernsUserId } : {}),
  });
  if (!input.success) {
    const fieldErrors = fieldErrorsFrom(input.error, {
      concerns: 'Choose whom it concerns',
      allegation: 'Say what happened, in at least a few words',
      concernsUserId: 'Choose the person from the list',
    });
    return reportPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await reportMalpractice(services.ctx, actorOf(request), record.id, input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
    // A case already open: the report joins it as a note the EPAO reads.
    return reportPage(services, request, reply, { values, errors: [{ text: plainEnglish(error), href: '#allegation' }] }, error.status);
  }
  return reply.redirect(`/records/${record.id}/malpractice/report?done=1`, 303);
}

async function casePage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const { id } = request.params as { id: string };
  const kase = await getMalpracticeCase(ctx, actorOf(request), id).catch(asPage);
  return view(
    request,
    reply,
    'malpractice-case.njk',
    {
      title: `Malpractice case: ${kase.givenNames} ${kase.familyName}`,
      kase,
      done: (request.query as Record<string, unknown>).done ?? null,
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

const caseIdOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** A refusal shown on the case page, on the field it concerns; anything else is the error page. */
function onCasePage(services: Services, request: FastifyRequest, reply: FastifyReply, error: unknown, field: string, values: Record<string, unknown>) {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
  const findings = findingsOf(error);
  const text = plainEnglish(findings[0] ?? error);
  return casePage(services, request, reply, { values, fieldErrors: { [field]: text }, errors: [{ text, href: `#${field}` }] }, error.status);
}

async function note(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const values = { note: one(formBody(request), 'note').trim() };
  const input = CaseNoteInput.safeParse(values);
  if (!input.success)
    return onCasePage(services, request, reply, new AppError(400, 'VALIDATION_FAILED', 'write the note, in at least a few words'), 'note', values);
  try {
    await addCaseNote(services.ctx, actorOf(request), caseIdOf(request), input.data);
  } catch (error) {
    return onCasePage(services, request, reply, error, 'note', values);
  }
  return reply.redirect(`/malpractice/${caseIdOf(request)}?done=noted#case-log`, 303);
}

async function decide(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const values = { outcome: one(body, 'outcome'), notes: one(body, 'notes').trim(), suspendAssessor: many(body, 'suspendAssessor').includes('yes') };
  const input = MalpracticeDecisionInput.safeParse(values);
  if (!input.success) {
    const fieldErrors = fieldErrorsFrom(input.error, { outcome: 'Choose the outcome', notes: 'Give the findings, in at least a few words' });
    return casePage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  try {
    await decideMalpracticeCase(services.ctx, actorOf(request), caseIdOf(request), input.data);
  } catch (error) {
    return onCasePage(services, request, reply, error, 'outcome', values);
  }
  return reply.redirect(`/malpractice/${caseIdOf(request)}?done=decided`, 303);
}

export function malpracticeRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const as = (roles: readonly Role[]) => ({ config: { roles } });
  return async (app) => {
    app.get(
      '/records/:id/malpractice/report',
      as(EVERYONE),
      on((s, rq, rp) => reportPage(s, rq, rp)),
    );
    app.post('/records/:id/malpractice/report', as(EVERYONE), on(report));
    app.get(
      '/malpractice/:id',
      as(['epao-admin']),
      on((s, rq, rp) => casePage(s, rq, rp)),
    );
    app.post('/malpractice/:id/notes', as(['epao-admin']), on(note));
    app.post('/malpractice/:id/decision', as(['epao-admin']), on(decide));
  };
}
