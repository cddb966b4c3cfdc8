// The read use-cases the registration and assessor pages lean on: the organisations a
// form offers, the names behind an assessor's relationships, and a page's CSV import run
// once per form with its report kept for the page after the redirect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { importRunState, inProcessImports, startImport, storedImportReport } from '../../src/app/import-reports.ts';
import { listOrganisations, partyNames } from '../../src/app/parties.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('organisations, party names and kept import reports (%s)', (engine) => {
  let t: TestApp;
  let admin: Actor;
  let otherAdmin: Actor;
  let employerUser: Actor;
  let providerId: string;
  let employerId: string;

  const actor = async (role: Parameters<TestApp['user']>[0], options?: Parameters<TestApp['user']>[1]) =>
    (await actorForUser(t.ctx, (await t.user(role, options)).id)) as Actor;

  beforeAll(async () => {
    t = await createTestApp(engine);
    providerId = await t.organisation('provider', 'Northern Training');
    employerId = await t.organisation('employer', 'Acme Retail');
    admin = await actor('epao-admin');
    otherAdmin = await actor('epao-admin');
    employerUser = await actor('employer', { organisationId: employerId });
  });
  afterAll(() => t.close());

  it('lists employers and training providers by name, never the EPAO, for those who name them', async () => {
    const all = await listOrganisations(t.ctx, admin);
    expect(all.map((o) => o.kind).sort()).toEqual(['employer', 'provider']);
    expect(all.map((o) => o.name)).toEqual(['Acme Retail', 'Northern Training']);
    expect((await listOrganisations(t.ctx, admin, 'provider')).map((o) => o.id)).toEqual([providerId]);
    await expect(listOrganisations(t.ctx, employerUser)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names the apprentices and organisations behind ids, for EPAO staff only', async () => {
    const names = await partyNames(t.ctx, admin, { apprenticeIds: ['not-an-id'], organisationIds: [employerId, employerId] });
    expect([...names.organisations.values()]).toEqual([{ name: 'Acme Retail', kind: 'employer' }]);
    expect(names.apprentices.size).toBe(0);
    await expect(partyNames(t.ctx, employerUser, { apprenticeIds: [], organisationIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('imports a form’s file once in the background, keeps its report for whoever sent it, and refuses the key for another file', async () => {
    const queue = inProcessImports(t.ctx, (error) => {
      throw error;
    });
    const key = crypto.randomUUID();
    const csv = [
      'uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date',
      `${validUln(700000001)},Ada,Lovelace,2005-03-01,${employerId},${providerId},ST0071@1.2,2024-09-02`,
      `${validUln(700000002)},Bad,Date,2005-02-30,${employerId},${providerId},ST0071@1.2,2024-09-02`,
    ].join('\n');
    await startImport(t.ctx, admin, key, csv, queue);
    expect(await importRunState(t.ctx, admin, key)).toMatchObject({ total: 2 });
    await queue.idle();
    expect(await importRunState(t.ctx, admin, key)).toMatchObject({ status: 'done', total: 2, validated: 2 });
    const first = await storedImportReport(t.ctx, admin, key);
    expect(first).toMatchObject({ total: 2, imported: 1, rejected: 1 });
    // The same form sent again is the same run: nothing more is imported.
    await startImport(t.ctx, admin, key, csv, queue);
    await queue.idle();
    const rows = await t.ctx.db.selectFrom('apprentices').select('id').where('familyName', '=', 'Lovelace').execute();
    expect(rows).toHaveLength(1);
    expect(await storedImportReport(t.ctx, admin, key)).toEqual(first);
    // The file is let go once it has been read.
    expect((await t.ctx.db.selectFrom('importRuns').select('file').where('id', '=', key).executeTakeFirstOrThrow()).file).toBeNull();
    expect(await storedImportReport(t.ctx, otherAdmin, key)).toBeNull();
    expect(await importRunState(t.ctx, otherAdmin, key)).toBeNull();
    expect(await storedImportReport(t.ctx, admin, 'not-a-key')).toBeNull();
    await expect(startImport(t.ctx, admin, key, `${csv}\n`, queue)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(startImport(t.ctx, otherAdmin, key, csv, queue)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(startImport(t.ctx, admin, 'nope', csv, queue)).rejects.toMatchObject({ code: 'BAD_IMPORT_KEY' });
  });

  it('keeps nothing when the file is refused as a whole, so the form can be sent again', async () => {
    const queue = inProcessImports(t.ctx);
    const key = crypto.randomUUID();
    await expect(startImport(t.ctx, admin, key, 'name\nAda\n', queue)).rejects.toMatchObject({ code: 'IMPORT_UNKNOWN_COLUMNS' });
    expect(await importRunState(t.ctx, admin, key)).toBeNull();
  });

  it('ends a run that cannot be imported with its problem, and a run is taken only once', async () => {
    const queue = inProcessImports(t.ctx);
    const key = crypto.randomUUID();
    const csv = `uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date\n${validUln(700000003)},Grace,Hopper,2005-03-01,${employerId},${providerId},ST0071@1.2,2024-09-02`;
    await startImport(t.ctx, admin, key, csv, { enqueue: async () => {} });
    // The admin lost the right to register meanwhile: the run ends with the refusal, nothing imported.
    await t.ctx.db
      .updateTable('importRuns')
      .set({ actor: JSON.stringify({ ...admin, role: 'employer' }) })
      .where('id', '=', key)
      .execute();
    await queue.enqueue(key);
    await queue.enqueue(key);
    await queue.idle();
    expect(await importRunState(t.ctx, admin, key)).toMatchObject({ status: 'failed', problem: { code: 'FORBIDDEN' } });
    expect(await t.ctx.db.selectFrom('apprentices').select('id').where('familyName', '=', 'Hopper').execute()).toHaveLength(0);
  });
});
