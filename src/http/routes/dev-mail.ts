// The mail outbox: GET /dev/mail, a plain HTML page of what Capstone would have mailed
// (development and tests only, DESIGN §3, for EPAO administrators), and GET
// /api/v1/outbox, the same as JSON for EPAO administrators.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { listOutbox, type OutboxMessage, outboxMessages } from '../../app/reminders.ts';
import { actorOf, docs, parse } from '../kit.ts';
import { OutboxResponse } from '../responses/dev-mail.ts';
import type { RouteModule } from './index.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const when = (value: Date | string | null) => (value === null ? '' : new Date(value).toISOString().replace('T', ' ').slice(0, 19));

export function outboxPage(messages: readonly OutboxMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.subject)}</td><td><pre>${escapeHtml(m.body)}</pre></td><td>${escapeHtml(when(m.createdAt))}</td><td>${m.sentAt ? escapeHtml(when(m.sentAt)) : 'not yet'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Outbox – Capstone (development)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b1b4b6; padding: 0.4rem; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; margin: 0; font-family: inherit; }
</style>
</head>
<body>
<h1>Outbox</h1>
<p>Mail Capstone has written, newest first. In development and tests it is kept here and not sent.</p>
${
  messages.length === 0
    ? '<p>No mail yet.</p>'
    : `<table>
<thead><tr><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Body</th><th scope="col">Created (UTC)</th><th scope="col">Sent (UTC)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</body>
</html>
`;
}

/**
 * GET /dev/mail, registered only when NODE_ENV is not 'production' and no SMTP_URL is set
 * (call from buildServer, outside the /api/v1 prefix). Mail holds people's names and
 * links, so only a signed-in EPAO admin sees it; everyone else gets the server's 404 for
 * a route it does not have, which says nothing of what is there.
 */
export function registerDevMail(app: FastifyInstance, ctx: AppContext, env: { NODE_ENV?: string; SMTP_URL?: string } = process.env): void {
  // Development only: never in production, nor where real mail is being sent.
  if (env.NODE_ENV === 'production' || env.SMTP_URL) return;
  app.get('/dev/mail', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor?.role !== 'epao-admin') return reply.callNotFound();
    const messages = await outboxMessages(ctx, { limit: 200 });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .send(outboxPage(messages));
  });
}

const OutboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  unsent: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const outboxRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/outbox',
    {
      schema: docs({
        summary: 'The mail outbox, newest first (EPAO administrators)',
        tags: ['operations'],
        querystring: OutboxQuery,
        responses: { 200: OutboxResponse },
      }),
    },
    async (request) => {
      const query = parse(OutboxQuery, request.query);
      return { messages: await listOutbox(ctx, actorOf(request), query) };
    },
  );
};
