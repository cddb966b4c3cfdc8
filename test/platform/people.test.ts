// People's accounts through the API: invitations and reset links that set a password once,
// within their lifetime; a reset that says nothing of which accounts exist; disabling an
// account ends its sessions and tokens at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersInRoles } from '../../src/store/repositories/reminders.repository.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('people and their accounts (%s)', (engine) => {
  let t: TestApp;
  let admin: { id: string; email: string; cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-12-04', '09:00');
    admin = await t.user('epao-admin');
  }, 60_000);
  afterAll(() => t.close());

  /** The newest e-mail to the address, and the token of the link in it. */
  async function linkSentTo(email: string) {
    const mail = await t.ctx.db.selectFrom('outbox').selectAll().where('toAddress', '=', email).orderBy('createdAt', 'desc').orderBy('id').execute();
    const token = /set-password\?token=([\w-]+)/.exec(mail[0]?.body ?? '')?.[1];
    return { mail, token: token as string };
  }
  const setPassword = (token: string, password: string) => t.request('POST', '/api/v1/auth/password', { body: { token, password } });
  const signInStatus = async (email: string, password: string) => (await t.request('POST', '/api/v1/auth/sign-in', { body: { email, password } })).statusCode;

  it('invites a person, who chooses their own password from the e-mailed link, once', async () => {
    const invited = await t.request('POST', '/api/v1/people', {
      cookie: admin.cookie,
      body: { email: 'Nadia.Khan@Example.test', name: 'Nadia Khan', role: 'iqa' },
    });
    expect([invited.statusCode, invited.json().email]).toEqual([201, 'nadia.khan@example.test']);
    const { mail, token } = await linkSentTo('nadia.khan@example.test');
    expect(mail.map((m) => m.kind)).toEqual(['invitation']);
    expect(mail[0]?.body).toContain('within 7 days');
    expect(await signInStatus('nadia.khan@example.test', 'anything at all, really')).toBe(401);
    expect((await setPassword(token, 'short')).statusCode).toBe(400);
    const set = await setPassword(token, 'a password Nadia chose herself');
    expect([set.statusCode, set.json().email]).toEqual([200, 'nadia.khan@example.test']);
    expect(await signInStatus('nadia.khan@example.test', 'a password Nadia chose herself')).toBe(200);
    const again = await setPassword(token, 'someone else’s password now');
    expect([again.statusCode, again.json().code]).toEqual([410, 'LINK_USED']);
    expect((await setPassword('not-a-token-at-all', 'a password Nadia chose herself')).json().code).toBe('LINK_NOT_VALID');
    const twice = await t.request('POST', '/api/v1/people', { cookie: admin.cookie, body: { email: 'nadia.khan@example.test', name: 'Nadia', role: 'iqa' } });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'EMAIL_TAKEN']);
    const provider = await t.request('POST', '/api/v1/people', { cookie: admin.cookie, body: { email: 'p@example.test', name: 'P', role: 'provider' } });
    expect([provider.statusCode, provider.json().code]).toEqual([400, 'ORGANISATION_REQUIRED']);
    const people = (await t.request('GET', '/api/v1/people?role=iqa', { cookie: admin.cookie })).json().people;
    expect(people.find((p: { email: string }) => p.email === 'nadia.khan@example.test')).toMatchObject({ awaitingPassword: false, disabledAt: null });
  });

  it('adds an assessor without a password by inviting them', async () => {
    const made = await t.request('POST', '/api/v1/assessors', { cookie: admin.cookie, body: { email: 'omar@example.test', name: 'Omar Haddad' } });
    expect(made.statusCode, made.body).toBe(201);
    const { mail, token } = await linkSentTo('omar@example.test');
    expect(mail.map((m) => m.kind)).toEqual(['invitation']);
    expect((await setPassword(token, 'Omar’s own long password')).statusCode).toBe(200);
    expect(await signInStatus('omar@example.test', 'Omar’s own long password')).toBe(200);
  });

  it('resets a password from a link that lasts an hour, and says the same for an address with no account', async () => {
    const someone = await t.user('provider');
    const before = (await t.ctx.db.selectFrom('outbox').select('id').execute()).length;
    const nobody = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@example.test' } });
    expect(nobody.statusCode).toBe(204);
    expect((await t.ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(before);
    for (let i = 0; i < 4; i++)
      expect((await t.request('POST', '/api/v1/auth/password-reset', { body: { email: someone.email.toUpperCase() } })).statusCode).toBe(204);
    const { mail, token } = await linkSentTo(someone.email);
    // Three an hour at most.
    expect(mail.map((m) => m.kind)).toEqual(['password-reset', 'password-reset', 'password-reset']);
    t.setToday('2026-12-04', '10:01');
    expect((await setPassword(token, 'too late for this one')).json().code).toBe('LINK_EXPIRED');
    t.setToday('2026-12-04', '09:00');
    // Setting it ends the sessions the account had.
    expect((await t.request('GET', '/api/v1/me', { cookie: someone.cookie })).statusCode).toBe(200);
    expect((await setPassword(token, 'a brand new long password')).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { cookie: someone.cookie })).statusCode).toBe(401);
    expect(await signInStatus(someone.email, 'a brand new long password')).toBe(200);
    // No administrator reads a password link back from the outbox.
    const outbox = (await t.request('GET', '/api/v1/outbox', { cookie: admin.cookie })).json().messages as { to: string; body: string }[];
    const copies = outbox.filter((m) => m.to === someone.email.toLowerCase());
    expect(copies.length).toBeGreaterThan(0);
    for (const m of copies) expect(m.body).toContain('set-password?token=(hidden)');
  });

  it('keeps one link working at a time: a newer one, or a password set, stops the others', async () => {
    const someone = await t.user('employer');
    await t.request('POST', '/api/v1/auth/password-reset', { body: { email: someone.email } });
    const first = (await linkSentTo(someone.email)).token;
    await t.request('POST', '/api/v1/auth/password-reset', { body: { email: someone.email } });
    const second = (await linkSentTo(someone.email)).token;
    expect(second).not.toBe(first);
    expect((await setPassword(first, 'an old link should not work')).statusCode).toBe(410);
    expect((await setPassword(second, 'the newest link works once')).statusCode).toBe(200);
  });

  it('keeps each person’s own choice of reminders, and the reminders leave out those who said no', async () => {
    const provider = await t.user('provider');
    expect((await t.request('GET', '/api/v1/me/preferences', { cookie: provider.cookie })).json()).toEqual({ reminders: true });
    const off = await t.request('PUT', '/api/v1/me/preferences', { cookie: provider.cookie, body: { reminders: false } });
    expect(off.json()).toEqual({ reminders: false });
    const receivers = (await usersInRoles(t.ctx.db, ['provider'])).map((u) => u.email);
    expect(receivers).not.toContain(provider.email);
    await t.request('PUT', '/api/v1/me/preferences', { cookie: provider.cookie, body: { reminders: true } });
    expect((await usersInRoles(t.ctx.db, ['provider'])).map((u) => u.email)).toContain(provider.email);
  });

  it('keeps the EPAO’s providers by UKPRN and employers by reference, each once', async () => {
    const add = (body: Record<string, unknown>) => t.request('POST', '/api/v1/organisations', { cookie: admin.cookie, body });
    const bad = await add({ kind: 'provider', name: 'North Skills', ukprn: '2001234' });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'UKPRN_INVALID']);
    const made = await add({ kind: 'provider', name: 'North Skills', ukprn: '10077777' });
    expect([made.statusCode, made.json().ukprn]).toEqual([201, '10077777']);
    expect((await add({ kind: 'provider', name: 'Another', ukprn: '10077777' })).json().code).toBe('ORGANISATION_EXISTS');
    expect((await add({ kind: 'employer', name: 'Cafe', ukprn: '10077778' })).json().code).toBe('UKPRN_FOR_PROVIDERS');
    expect((await add({ kind: 'employer', name: 'Harbour Cafe', reference: 'HC-9' })).statusCode).toBe(201);
    expect((await add({ kind: 'employer', name: 'Harbour Café', reference: 'hc-9' })).json().code).toBe('ORGANISATION_EXISTS');
    const invited = await t.request('POST', '/api/v1/people', {
      cookie: admin.cookie,
      body: { email: 'ns@example.test', name: 'N S', role: 'provider', organisationId: made.json().id },
    });
    expect(invited.statusCode).toBe(201);
    const listed = (await t.request('GET', '/api/v1/organisations?kind=provider', { cookie: admin.cookie })).json().organisations;
    expect(listed.find((o: { id: string }) => o.id === made.json().id)).toMatchObject({ name: 'North Skills', users: 1, apprentices: 0 });
  });

  it('disables an account: its sessions and API tokens stop at once, and it signs in no more until enabled', async () => {
    const provider = await t.user('provider');
    const token = (await t.request('POST', '/api/v1/tokens', { cookie: provider.cookie, body: { name: 'MIS' } })).json().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.request('GET', '/api/v1/records', { headers: bearer })).statusCode).toBe(200);
    expect((await t.request('POST', `/api/v1/people/${admin.id}/disable`, { cookie: admin.cookie })).json().code).toBe('OWN_ACCOUNT');
    const disabled = await t.request('POST', `/api/v1/people/${provider.id}/disable`, { cookie: admin.cookie });
    expect(disabled.json()).toMatchObject({ disabled: true, sessions: 1, tokens: 1 });
    expect((await t.request('GET', '/api/v1/me', { cookie: provider.cookie })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/records', { headers: bearer })).statusCode).toBe(401);
    expect(await signInStatus(provider.email, 'correct horse battery staple')).toBe(401);
    // A disabled account is sent no reset link.
    await t.request('POST', '/api/v1/auth/password-reset', { body: { email: provider.email } });
    expect((await linkSentTo(provider.email)).mail).toEqual([]);
    await t.request('POST', `/api/v1/people/${provider.id}/enable`, { cookie: admin.cookie });
    expect(await signInStatus(provider.email, 'correct horse battery staple')).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'user')
      .where('entityId', '=', provider.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['disable', 'enable']);
  });
});
