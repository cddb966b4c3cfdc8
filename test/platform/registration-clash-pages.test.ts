// The EPAO's held registrations as pages (issue 10 item 8): the queue on the admin's
// navigation shows both providers, the decision form carries the CSRF token, a
// registration made through the form that clashes lands on its held page, and a ULN given
// to another person is refused on the ULN field. Providers cannot open these pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validUln } from '../helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

describe('held registration pages', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let providerA: { cookie: string };
  let providerB: { cookie: string };
  let providerAId: string;
  let providerBId: string;
  let employerId: string;
  let stem = 420_000_000;
  const nextUln = () => {
    stem += 1000;
    return validUln(stem);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.user('epao-admin');
    providerAId = await t.organisation('provider', 'Ashdown Training');
    providerBId = await t.organisation('provider', 'Beacon Learning');
    employerId = await t.organisation('employer', 'Copperfield Hotels');
    providerA = await t.user('provider', { organisationId: providerAId });
    providerB = await t.user('provider', { organisationId: providerBId });
  });
  afterAll(() => t.close());

  const person = { givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '2004-12-09' };
  const body = (uln: string, extra: Record<string, unknown> = {}) => ({
    uln,
    ...person,
    employerId,
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-09-02',
    ...extra,
  });

  async function clash(): Promise<{ uln: string; heldId: string; recordId: string }> {
    const uln = nextUln();
    const a = await t.request('POST', '/api/v1/records', { cookie: providerA.cookie, body: body(uln) });
    const b = await t.request('POST', '/api/v1/records', { cookie: providerB.cookie, body: body(uln) });
    expect([a.statusCode, b.statusCode]).toEqual([201, 202]);
    return { uln, heldId: b.json().held.id, recordId: a.json().id };
  }

  const page = (url: string, cookie = admin.cookie) => t.request('GET', url, { cookie });
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = (url: string, fields: Record<string, string>, cookie = admin.cookie) =>
    t.request('POST', url, { cookie, body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('lists the open held registrations for the EPAO, with both providers, on its navigation', async () => {
    const { uln, heldId } = await clash();
    const queue = await page('/admin/registration-clashes');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('href="/admin/registration-clashes"');
    expect(queue.body).toContain('Held registrations');
    const row =
      /<tr class="govuk-table__row" data-clash="[^"]+">[\s\S]*?<\/tr>/.exec(queue.body.slice(queue.body.indexOf(`data-clash="${heldId}"`) - 40))?.[0] ?? '';
    for (const text of ['Grace Hopper', uln, 'ST0071', 'Beacon Learning', 'Ashdown Training', `/admin/registration-clashes/${heldId}`])
      expect(row).toContain(text);
  });

  it('is not for providers: the queue and a held registration’s page are refused', async () => {
    const { heldId } = await clash();
    expect((await page('/admin/registration-clashes', providerB.cookie)).statusCode).toBe(403);
    expect((await page(`/admin/registration-clashes/${heldId}`, providerB.cookie)).statusCode).toBe(403);
    expect((await page(`/admin/registration-clashes/${heldId}`, providerA.cookie)).statusCode).toBe(403);
  });

  it('decides through a form with the CSRF token: a reason is needed to reject, and the decision shows', async () => {
    const { heldId, recordId } = await clash();
    const url = `/admin/registration-clashes/${heldId}`;
    const shown = await page(url);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`/records/${recordId}`);
    const token = tokenOf(shown.body);
    expect(token).not.toBe('');
    expect((await form(url, { decision: 'reject', reason: 'x' })).statusCode).toBe(403);
    const noReason = await form(url, { _csrf: token, decision: 'reject', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the registration is rejected');
    const saved = await form(url, { _csrf: token, decision: 'reject', reason: 'Still on programme with the first provider.' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${url}?decided=1`]);
    const after = await page(`${url}?decided=1`);
    expect(after.body).toContain('The decision is saved');
    expect(after.body).toContain('Still on programme with the first provider.');
    expect(after.body).not.toContain('name="decision"');
    const seenByB = await t.request('GET', `/api/v1/registration-clashes/${heldId}`, { cookie: providerB.cookie });
    expect(seenByB.json()).toMatchObject({ status: 'rejected', reason: 'Still on programme with the first provider.' });
  });

  describe('the registration form', () => {
    const fields = (uln: string, extra: Record<string, string> = {}) => ({
      givenNames: 'Grace',
      familyName: 'Hopper',
      uln,
      'dateOfBirth-day': '9',
      'dateOfBirth-month': '12',
      'dateOfBirth-year': '2004',
      'startDate-day': '2',
      'startDate-month': '9',
      'startDate-year': '2024',
      standard: 'ST0071@1.1',
      policy: '',
      providerId: providerBId,
      employerId,
      extraTimePercent: '0',
      ...extra,
    });

    it('lands a registration that clashes on its held page, where the EPAO decides', async () => {
      const uln = nextUln();
      expect((await t.request('POST', '/api/v1/records', { cookie: providerA.cookie, body: body(uln) })).statusCode).toBe(201);
      const token = tokenOf((await page('/admin/register')).body);
      const sent = await form('/admin/register', { _csrf: token, ...fields(uln) });
      expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
      expect(sent.headers.location).toMatch(/^\/admin\/registration-clashes\/[0-9a-f-]{36}\?held=1$/);
      const held = await page(sent.headers.location as string);
      expect(held.body).toContain('The registration is held');
      expect(held.body).toContain('Transfer the apprentice to Beacon Learning');
    });

    it('refuses a ULN on record for another person on the ULN field, with its source', async () => {
      const uln = nextUln();
      expect((await t.request('POST', '/api/v1/records', { cookie: providerA.cookie, body: body(uln) })).statusCode).toBe(201);
      const token = tokenOf((await page('/admin/register')).body);
      const sent = await form('/admin/register', {
        _csrf: token,
        ...fields(uln, { familyName: 'Lovelace', providerId: providerAId, standard: 'ST0072@1.1', channel: 'both' }),
      });
      expect(sent.statusCode).toBe(422);
      expect(sent.body).toContain('href="#uln"');
      expect(sent.body).toContain('This ULN is registered to a different person: check the ULN, family name and date of birth against the ILR');
      expect(sent.body).toContain('Learning Records Service, &quot;LRS: unique learner numbers&quot;');
    });
  });
});
