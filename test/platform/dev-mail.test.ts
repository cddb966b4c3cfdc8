import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDevMail } from '../../src/http/routes/dev-mail.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('the /dev/mail outbox page (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.ctx.db
      .insertInto('outbox')
      .values({ kind: 'TEST', toAddress: 'someone@test.invalid', subject: 'A private subject', body: 'A private body', dedupeKey: 'dev-mail-test' })
      .execute();
  });
  afterAll(() => t.close());

  const notFound = { status: 404, code: 'NOT_FOUND' };

  it('shows the outbox to a signed-in EPAO admin outside production', async () => {
    const admin = await t.user('epao-admin');
    const page = await t.request('GET', '/dev/mail', { cookie: admin.cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A private subject');
  });

  it('is 404 to anyone signed out or in another role', async () => {
    const signedOut = await t.request('GET', '/dev/mail');
    expect(signedOut.statusCode).toBe(404);
    expect(signedOut.json()).toMatchObject(notFound);
    expect(signedOut.body).not.toContain('A private subject');
    for (const role of ['provider', 'employer', 'assessor', 'iqa'] as const) {
      const user = await t.user(role);
      const r = await t.request('GET', '/dev/mail', { cookie: user.cookie });
      expect([role, r.statusCode, r.json().code]).toEqual([role, 404, 'NOT_FOUND']);
      expect(r.body).not.toContain('A private subject');
    }
  });

  it('is not there at all in production, even for an admin', async () => {
    const production = Fastify();
    production.decorateRequest('actor', null);
    production.addHook('onRequest', async (request) => {
      request.actor = { userId: 'u', role: 'epao-admin', organisationId: null, apprenticeId: null, assessorId: null, name: 'Admin' };
    });
    registerDevMail(production, t.ctx, { NODE_ENV: 'production' });
    const r = await production.inject({ method: 'GET', url: '/dev/mail' });
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('A private subject');
    await production.close();
  });
});
