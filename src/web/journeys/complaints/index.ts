// Complaints on the web: anyone signed in makes one (from the record page, about that EPA, or
// about the service), follows it on its page, and reads the response; the EPAO lists the
// open ones with what is due and late, acknowledges and responds. An adapter:
// src/app/complaints.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { acknowledgeComplaint, getComplaint, listComplaints, makeComplaint, respondToComplaint } from '../../../app/complaints.ts';
import { AppError } from '../../../app/errors.ts';
import { isUuid } from '../../../app/ids.ts';
import { ComplaintInput, ComplaintResponseInput } from '../../../app/inputs-assessment.ts';
import { getRecord } from '../../../app/records.ts';
import type { Role } from '../../../domain/access/access.ts';
import { isIsoDate } from '../../../domain/calendar/dates.ts';
import { errorsOf, fieldErrorsFrom } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, formBody, handle, one, type PageHandler, type Services } from '../kit.ts';

const EVERYONE: readonly Role[] = ['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice'];
const PAGE = 50;

async function showList({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const q = request.query as Record<string, unknown>;
  const after =
    typeof q.afterReceivedOn === 'string' && isIsoDate(q.afterReceivedOn) && typeof q.afterId === 'string' && isUuid(q.afterId)
      ? { receivedOn: q.afterReceivedOn, id: q.afterId }
      : undefined;
  const complaints = await listComplaints(ctx, actorOf(request), { ...(after ? { after } : {}), limit: PAGE + 1 });
  const last = complaints.length > PAGE ? complaints[PAGE - 1] : undefined;
  return view(request, reply, 'complaints.njk', {
    title: actorOf(request).role === 'epao-admin' ? 'Open complaints' : 'Your complaints',
    complaints: complaints.slice(0, PAGE),
    next: last ? `/complaints?afterReceivedOn=${last.receivedOn}&afterId=${last.id}` : null,
  });
}

async function newPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const recordId = one(formBody(request), 'recordId') || String((request.query as Record<string, unknown>).record ?? '');
  const record = recordId ? await getRecord(ctx, actorOf(request), recordId).catch(asPage) : null;
  return view(request, reply, 'complaint-new.njk', { title: 'Make a complaint', record, values: {}, fieldErrors: {}, errors: [], ...extra }, status);
}

async function make(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const values = { subject: one(body, 'subject').trim(), details: one(body, 'details').trim(), recordId: one(body, 'recordId') };
  const input = ComplaintInput.safeParse({ subject: values.subject, details: values.details, ...(values.recordId ? { recordId: values.recordId } : {}) });
  if (!input.success) {
    const fieldErrors = fieldErrorsFrom(input.error, {
      subject: 'Say in a few words what the complaint is about',
      details: 'Tell us what happened, in at least a few words',
    });
    return newPage(services, request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
  }
  const made = await makeComplaint(services.ctx, actorOf(request), input.data).catch(asPage);
  return reply.redirect(`/complaints/${made.id}?done=made`, 303);
}

async function complaintPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const complaint = await getComplaint(ctx, actorOf(request), (request.params as { id: string }).id).catch(asPage);
  return view(
    request,
    reply,
    'complaint.njk',
    {
      title: `Complaint: ${complaint.subject}`,
      complaint,
      done: (request.query as Record<string, unknown>).done ?? null,
      values: {},
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The EPAO's two steps: each done, or refused on the page. */
const step =
  (done: string, act: (services: Services, request: FastifyRequest, id: string) => Promise<unknown>): PageHandler =>
  async (services, request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await act(services, request, id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
      const field = error.code === 'VALIDATION_FAILED' ? 'response' : 'complaint-steps';
      return complaintPage(
        services,
        request,
        reply,
        { fieldErrors: { [field]: plainEnglish(error) }, errors: [{ text: plainEnglish(error), href: `#${field}` }] },
        error.status,
      );
    }
    return reply.redirect(`/complaints/${id}?done=${done}`, 303);
  };

const respond = step('responded', ({ ctx }, request, id) => {
  const input = ComplaintResponseInput.safeParse({ response: one(formBody(request), 'response').trim() });
  if (!input.success) throw new AppError(400, 'VALIDATION_FAILED', 'write the response, in at least a few words');
  return respondToComplaint(ctx, actorOf(request), id, input.data);
});

export function complaintRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const as = (roles: readonly Role[]) => ({ config: { roles } });
  return async (app) => {
    app.get('/complaints', as(EVERYONE), on(showList));
    app.get(
      '/complaints/new',
      as(EVERYONE),
      on((s, rq, rp) => newPage(s, rq, rp)),
    );
    app.post('/complaints/new', as(EVERYONE), on(make));
    app.get(
      '/complaints/:id',
      as(EVERYONE),
      on((s, rq, rp) => complaintPage(s, rq, rp)),
    );
    app.post('/complaints/:id/acknowledge', as(['epao-admin']), on(step('acknowledged', ({ ctx }, rq, id) => acknowledgeComplaint(ctx, actorOf(rq), id))));
    app.post('/complaints/:id/respond', as(['epao-admin']), on(respond));
  };
}
