// Employers named in an import by the EPAO's own reference for them, and created on first
// sight only when the EPAO asks for it: with the rows that name them, in the same
// transaction, once per reference, audited; never from a provider's file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validUln } from '../helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

const HEADER = 'uln,given_names,family_name,date_of_birth,employer_reference,employer_name,provider_id,standard,start_date';

describe('employers named by reference in an import', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let provider: { cookie: string };
  let providerId: string;
  let acme: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Northern Training');
    provider = await t.user('provider', { organisationId: providerId });
    acme = (
      await t.ctx.db
        .insertInto('organisations')
        .values({ kind: 'employer', name: 'Acme Retail', ukprn: null, reference: 'ACME-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }, 60_000);
  afterAll(() => t.close());

  const row = (reference: string, name = '', family = `Ref ${++n}`) =>
    `${validUln(460000000 + n * 2)},Row,${family},2004-01-01,${reference},${name},${providerId},ST0071@1.2,2024-01-08`;
  const send = (cookie: string, lines: string[], query = '') =>
    t.request('POST', `/api/v1/records/import${query}`, { cookie, body: [HEADER, ...lines].join('\n'), headers: { 'content-type': 'text/csv' } });
  const employersNamed = (name: string) => t.ctx.db.selectFrom('organisations').select(['id', 'reference']).where('name', '=', name).execute();

  it('names an employer on record by its reference, case aside, with no employer_id column', async () => {
    const reply = await send(admin.cookie, [row('acme-01'), row('NOPE-9', 'Nope Ltd')]);
    expect(reply.statusCode, reply.body).toBe(200);
    const report = reply.json();
    expect(report).toMatchObject({ imported: 1, rejected: 1 });
    const imported = await t.ctx.db
      .selectFrom('apprentices')
      .select('employerId')
      .where('familyName', '=', report.rows[0] ? `Ref ${n - 1}` : '')
      .executeTakeFirstOrThrow();
    expect(imported.employerId).toBe(acme);
    // Not on record, and creating was not asked for: refused on its column, and nothing created.
    expect(report.rows[1]).toMatchObject({ status: 'rejected', reasons: [{ code: 'UNKNOWN_EMPLOYER', column: 'employer_reference' }] });
    expect(report.rows[1].reasons[0].message).toContain('no employer has the reference "NOPE-9"');
    expect(await employersNamed('Nope Ltd')).toEqual([]);
  });

  it('creates an employer on first sight when the EPAO asks, once for all its rows, audited', async () => {
    const reply = await send(admin.cookie, [row('NEW-7', 'New Co'), row('new-7', 'New Co (again)'), row('LOST-1')], '?createEmployers=true');
    expect(reply.statusCode, reply.body).toBe(200);
    const report = reply.json();
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    const created = await employersNamed('New Co');
    expect(created).toEqual([{ id: expect.any(String), reference: 'NEW-7' }]);
    const families = [`Ref ${n - 2}`, `Ref ${n - 1}`];
    const apprentices = await t.ctx.db.selectFrom('apprentices').select('employerId').where('familyName', 'in', families).execute();
    expect(apprentices.map((a) => a.employerId)).toEqual([created[0]?.id, created[0]?.id]);
    // A reference with no name to create it from.
    expect(report.rows[2]).toMatchObject({ status: 'rejected', reasons: [{ code: 'UNKNOWN_EMPLOYER', column: 'employer_reference' }] });
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'entity'])
      .where('entityId', '=', created[0]?.id as string)
      .execute();
    expect(audit).toEqual([{ action: 'create', entity: 'organisation' }]);
  });

  it('creates no employer whose rows are all refused: nothing half-written', async () => {
    const bad = `${validUln(470000000)},Row,Bad Date,2004-02-30,GHOST-3,Ghost Ltd,${providerId},ST0071@1.2,2024-01-08`;
    const reply = await send(admin.cookie, [bad], '?createEmployers=true');
    expect(reply.statusCode).toBe(422);
    expect(await employersNamed('Ghost Ltd')).toEqual([]);
  });

  it('lets only the EPAO create employers, and needs employer_id or employer_reference', async () => {
    const refused = await send(provider.cookie, [row('PROV-1', 'Provider Made')], '?createEmployers=true');
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(await employersNamed('Provider Made')).toEqual([]);
    // Naming employers on record is anyone's who may import.
    const named = await send(provider.cookie, [row('ACME-01')]);
    expect(named.json()).toMatchObject({ imported: 1 });
    const headerless = await t.request('POST', '/api/v1/records/import', {
      cookie: admin.cookie,
      body: `uln,given_names,family_name,date_of_birth,provider_id,standard,start_date\n${validUln(480000000)},A,B,2004-01-01,${providerId},ST0071@1.2,2024-01-08`,
      headers: { 'content-type': 'text/csv' },
    });
    expect([headerless.statusCode, headerless.json().code]).toEqual([400, 'IMPORT_MISSING_COLUMNS']);
  });
});
