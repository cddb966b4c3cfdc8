// The EPAO's e-mails on the web: the list of what Capstone sends, and each one's editor with
// its fields, a preview of the draft (sample values) and saving. An adapter:
// src/app/mail-templates.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { editTemplate, listTemplates, previewTemplate, resetTemplate, templateFor } from '../../../app/mail-templates.ts';
import { listOutbox } from '../../../app/reminders.ts';
import type { Role } from '../../../domain/access/access.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, asPage, formBody, handle, one, type PageHandler, type Services } from '../kit.ts';

const kindOf = (request: FastifyRequest) => (request.params as { kind: string }).kind;

async function showList({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  return view(request, reply, 'mail-templates.njk', { title: 'E-mails', templates: await listTemplates(ctx, actorOf(request)) });
}

async function editor({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const template = await templateFor(ctx, actorOf(request), kindOf(request)).catch(asPage);
  return view(
    request,
    reply,
    'mail-template.njk',
    {
      title: `E-mail: ${template.purpose}`,
      template,
      values: { subject: template.words.subject, body: template.words.body, version: String(template.words.version) },
      preview: template.preview,
      done: (request.query as Record<string, unknown>).done ?? null,
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** Preview or save, as the button pressed says; a refused draft is shown with what is wrong, on its field. */
async function submit(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request);
  const values = { subject: one(body, 'subject'), body: one(body, 'body').replace(/\r\n/g, '\n'), version: one(body, 'version') };
  const actor = actorOf(request);
  const kind = kindOf(request);
  const { preview, problems } = previewTemplate(actor, kind, values);
  const shown = (list: { message: string; field?: unknown }[]) => {
    const fieldErrors: Record<string, string> = {};
    for (const p of list) fieldErrors[p.field === 'subject' ? 'subject' : 'body'] ??= plainEnglish({ code: '', message: p.message });
    return {
      fieldErrors,
      errors: list.map((p) => ({ text: plainEnglish({ code: '', message: p.message }), href: p.field === 'subject' ? '#subject' : '#body' })),
    };
  };
  if (one(body, 'action') !== 'save' || problems.length > 0)
    return editor(
      services,
      request,
      reply,
      { values, preview, previewed: true, ...shown(problems) },
      problems.length > 0 && one(body, 'action') === 'save' ? 422 : 200,
    );
  try {
    await editTemplate(services.ctx, actor, kind, { subject: values.subject, body: values.body, version: Number(values.version) });
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
    const findings = findingsOf(error);
    return editor(services, request, reply, { values, preview, ...shown(findings.length ? findings : [{ message: error.message }]) }, error.status);
  }
  return reply.redirect(`/admin/mail/${kind}?done=saved`, 303);
}

/** The log of what was sent to whom: the newest 200 messages, and whether each has gone. */
async function showSent({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  return view(request, reply, 'mail-sent.njk', { title: 'E-mails sent', messages: await listOutbox(ctx, actorOf(request), { limit: 200 }) });
}

async function reset({ ctx }: Services, request: FastifyRequest, reply: FastifyReply) {
  await resetTemplate(ctx, actorOf(request), kindOf(request)).catch(asPage);
  return reply.redirect(`/admin/mail/${kindOf(request)}?done=reset`, 303);
}

export function mailPageRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const admin = { config: { roles: ['epao-admin'] as Role[] } };
  return async (app) => {
    app.get('/admin/mail', admin, on(showList));
    app.get('/admin/mail/sent', admin, on(showSent));
    app.get(
      '/admin/mail/:kind',
      admin,
      on((s, rq, rp) => editor(s, rq, rp)),
    );
    app.post('/admin/mail/:kind', admin, on(submit));
    app.post('/admin/mail/:kind/reset', admin, on(reset));
  };
}
