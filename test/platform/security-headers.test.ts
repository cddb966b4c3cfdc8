// Security headers on every response, not only the pages' (issue 10, item 4), and which
// proxies are believed about a client's address.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../../src/http/server.ts';
import { trustProxySetting } from '../../src/http/trust-proxy.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('security headers (%s)', (engine) => {
  let t: TestApp;
  let admin: { cookie: string };
  let recordId: string;
  const extra: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.user('epao-admin');
    const providerId = await t.organisation('provider');
    const employerId = await t.organisation('employer');
    const record = await t.request('POST', '/api/v1/records', {
      cookie: admin.cookie,
      body: {
        uln: '1234567899',
        givenNames: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '2005-03-01',
        providerId,
        employerId,
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2024-09-02',
      },
    });
    recordId = record.json().id;
    // A released result, so the results statement is a PDF.
    await t.ctx.db
      .insertInto('results')
      .values({
        epaRecordId: recordId,
        overall: 'pass',
        capped: false,
        methodGrades: JSON.stringify({ observation: 'pass', project: 'pass', discussion: 'pass' }),
        finalAssessmentOn: '2026-01-02',
        releasedOn: '2026-01-05',
        status: 'released',
      })
      .execute();
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t.close();
  });

  const server = async (options: ServerOptions) => {
    const app = await buildServer(t.ctx, options);
    extra.push(app);
    return app;
  };

  function expectBaseline(r: LightMyRequestResponse, what: string) {
    expect(r.headers['x-content-type-options'], what).toBe('nosniff');
    expect(r.headers['x-frame-options'], what).toBe('DENY');
    expect(String(r.headers['content-security-policy']), what).toContain("frame-ancestors 'none'");
    expect(r.headers['strict-transport-security'], what).toBeUndefined();
  }

  it('answers the API with a CSP that lets nothing load, and keeps signed-in answers out of caches', async () => {
    const me = await t.request('GET', '/api/v1/me', { cookie: admin.cookie });
    expect(me.statusCode).toBe(200);
    expectBaseline(me, 'JSON');
    expect(me.headers['content-security-policy']).toContain("default-src 'none'");
    expect(me.headers['cache-control']).toBe('no-store');
    // Errors too, and the sign-in answer (it carries the CSRF token).
    const anonymous = await t.request('GET', '/api/v1/records');
    expect(anonymous.statusCode).toBe(401);
    expectBaseline(anonymous, 'problem');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    expect((await t.request('GET', '/api/v1/no-such-route')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends them with a PDF', async () => {
    const statement = await t.request('GET', `/api/v1/records/${recordId}/results-statement.pdf`, { cookie: admin.cookie });
    expect(statement.statusCode, statement.body.slice(0, 200)).toBe(200);
    expect(statement.headers['content-type']).toBe('application/pdf');
    expectBaseline(statement, 'API PDF');
    expect(statement.headers['content-security-policy']).toContain("default-src 'none'");
    expect(statement.headers['cache-control']).toContain('no-store');
    const page = await t.request('GET', `/records/${recordId}/results-statement.pdf`, { cookie: admin.cookie });
    expect(page.statusCode).toBe(200);
    expectBaseline(page, 'page PDF');
    expect(page.headers['cache-control']).toContain('no-store');
  });

  it("leaves the pages their own CSP, which runs the pages' scripts and styles from /assets", async () => {
    for (const [url, cookie] of [
      ['/sign-in', undefined],
      ['/admin', admin.cookie],
    ] as const) {
      const page = await t.request('GET', url, { cookie });
      expect(page.statusCode, url).toBe(200);
      expectBaseline(page, url);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-store');
    }
    // A versioned asset keeps its long cache, signed in or not.
    const css = await t.request('GET', '/assets/capstone.css', { cookie: admin.cookie });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('max-age=31536000');
    expect(css.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives /api/docs a strict CSP that still lets Swagger UI load its own files', async () => {
    const docs = await t.request('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expectBaseline(docs, '/api/docs');
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    for (const src of docs.body.match(/(?<=src=")[^"]+|(?<=href=")[^"]+/g) ?? []) {
      const asset = await t.request('GET', new URL(src, 'http://localhost/api/docs/').pathname);
      expect(asset.statusCode, src).toBe(200);
      expect(asset.headers['x-content-type-options'], src).toBe('nosniff');
    }
    const spec = await t.request('GET', '/api/docs/json');
    expect(spec.json().info.description).toContain('X-CSRF-Token');
  });

  it('sends Strict-Transport-Security only behind HTTPS (secureCookies)', async () => {
    const plain = await t.request('GET', '/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await server({ secureCookies: true });
    for (const url of ['/health', '/sign-in', '/api/v1/me', '/api/docs/']) {
      const r = await secure.inject({ method: 'GET', url });
      expect(r.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const ipFrom = async (trustProxy: string | undefined) => {
      const app = await server({ trustProxy });
      app.get('/test/ip', async (request) => ({ ip: request.ip }));
      const r = await app.inject({ method: 'GET', url: '/test/ip', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '203.0.113.9' } });
      return r.json().ip;
    };
    expect(await ipFrom(undefined)).toBe('10.0.0.5');
    expect(await ipFrom('false')).toBe('10.0.0.5');
    expect(await ipFrom('true')).toBe('203.0.113.9');
    expect(await ipFrom('10.0.0.0/8')).toBe('203.0.113.9');
    expect(await ipFrom('192.168.1.1, 10.0.0.5')).toBe('203.0.113.9');
    expect(await ipFrom('192.168.0.0/16')).toBe('10.0.0.5');
    for (const bad of ['yes', '2', '10.0.0.0/33', '10.0.0.1/8/1']) expect(() => trustProxySetting(bad), bad).toThrow(/TRUST_PROXY/);
  });
});
