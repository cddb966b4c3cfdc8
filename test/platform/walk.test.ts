// Issue 4, "Done when": an ST0071@1.2 and an ST0072@1.1 apprentice walked through the API
// from registration through an approved gateway to a full set of valid bookings and
// submissions, with each booking refusal shown with its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, words } from '../fixtures/documents.ts';
import { report, uploaded } from '../fixtures/epa.ts';
import { resolved, validUln } from '../helpers.ts';
import { createTestApp, ENGINES, PASSWORD, type TestApp } from './harness.ts';

const DISCUSSION_KSBS = resolved('ST0071@1.2')
  .index.standard.ksbs.filter((k) => k.methods.includes('discussion'))
  .map((k) => k.id);

describe.each(ENGINES)('walking apprentices from registration to their bookings (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let provider: string;
  let providerId: string;
  let employerId: string;
  const assessors: Record<string, { id: string; email: string }> = {};

  /** Sessions last 8 hours of the (moved) clock: sign in afresh on each new day. */
  const as = (email: string) => t.signIn(email);
  const day = async (date: string) => {
    t.setToday(date);
    admin = await as('walk-admin@test.invalid');
    provider = await as('walk-provider@test.invalid');
  };
  const ok = async (response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as Record<string, unknown> & { id: string };
  };
  const refusal = async (response: Promise<{ statusCode: number; json(): { code: string; findings?: { code: string; source: string }[] } }>) => {
    const r = await response;
    const body = r.json();
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    for (const f of body.findings ?? []) expect(f.source.length).toBeGreaterThan(5);
    return body.code;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-01-05');
    await t.user('epao-admin', { email: 'walk-admin@test.invalid' });
    providerId = await t.organisation('provider', 'Riverside Training');
    employerId = await t.organisation('employer', 'Harbour Energy');
    await t.user('provider', { organisationId: providerId, email: 'walk-provider@test.invalid' });
    await day('2026-01-05');
    const make = async (key: string, body: Record<string, unknown>) => {
      const created = await ok(
        t.request('POST', '/api/v1/assessors', { cookie: admin, body: { email: `${key}@test.invalid`, name: key, password: PASSWORD, ...body } }),
        201,
      );
      assessors[key] = { id: created.id, email: `${key}@test.invalid` };
    };
    await make('helen', { standards: ['ST0071@1.2', 'ST0072@1.1', 'ST0071@1.1'], standardisedOn: '2025-09-15' });
    await make('david', { standards: ['ST0071@1.2', 'ST0072@1.1', 'ST0071@1.1'], standardisedOn: '2025-10-01' });
    await make('lapsed', { standards: ['ST0071@1.2'], standardisedOn: '2024-12-01' });
    await make('level2only', { standards: ['ST0072@1.1'], standardisedOn: '2025-10-01' });
    await make('related', { standards: ['ST0071@1.2'], standardisedOn: '2025-10-01' });
    await ok(
      t.request('POST', `/api/v1/assessors/${assessors.related?.id}/relationships`, {
        cookie: admin,
        body: { organisationId: employerId, nature: 'was line manager at this employer until 2024' },
      }),
      201,
    );
  });
  afterAll(() => t.close());

  it('ST0071@1.2 under PAL: registration → gateway → bookings → submissions, every refusal with its code', async () => {
    const uln = validUln(610000000);
    const record = await ok(
      t.request('POST', '/api/v1/records', {
        cookie: provider,
        body: {
          uln,
          givenNames: 'Amelia',
          familyName: 'Clarke',
          dateOfBirth: '2006-02-14',
          employerId,
          standard: 'ST0071@1.2',
          policy: 'PAL',
          startDate: '2024-09-02',
        },
      }),
      201,
    );
    expect(record).toMatchObject({ status: 'registered', policy: 'PAL' });

    // Gateway: PAL wants every discussion KSB covered, a mapping document and the employer's validation.
    const refusedGateway = await t.request('POST', `/api/v1/records/${record.id}/gateway`, {
      cookie: provider,
      body: { qualifications: { english: 'level-2', maths: 'level-2' }, declarations: { employer: true, provider: true, apprentice: true } },
    });
    expect(refusedGateway.statusCode).toBe(422);
    expect(refusedGateway.json().findings.map((f: { code: string }) => f.code)).toEqual([
      'PORTFOLIO_TOO_FEW',
      'PORTFOLIO_KSB_UNCOVERED',
      'PORTFOLIO_MAPPING_MISSING',
      'PORTFOLIO_VALIDATION_MISSING',
    ]);
    for (let i = 0; i < 10; i++)
      await uploaded(
        t,
        provider,
        record.id,
        'portfolio-piece',
        pdf([`Portfolio piece ${i + 1}`, ...words(40)]),
        DISCUSSION_KSBS.filter((_, k) => k % 10 === i),
      );
    await uploaded(t, provider, record.id, 'mapping-document', pdf(['Mapping of evidence to KSBs', ...words(30)]));
    await uploaded(t, provider, record.id, 'employer-validation', pdf(['Employer statement of validity', ...words(30)]));
    const submission = await ok(
      t.request('POST', `/api/v1/records/${record.id}/gateway`, {
        cookie: provider,
        body: { qualifications: { english: 'level-2', maths: 'level-2' }, declarations: { employer: true, provider: true, apprentice: true } },
      }),
      201,
    );
    expect(await refusal(t.request('POST', `/api/v1/gateway/${submission.id}/decision`, { cookie: provider, body: { decision: 'approve' } }))).toBe(
      'FORBIDDEN',
    );
    await ok(t.request('POST', `/api/v1/gateway/${submission.id}/decision`, { cookie: admin, body: { decision: 'approve' } }));
    const approved = await ok(t.request('GET', `/api/v1/records/${record.id}`, { cookie: provider }));
    expect(approved).toMatchObject({ status: 'gateway-approved', gatewayApprovedOn: '2026-01-05', epaStart: '2026-01-05', epaEnd: '2026-04-05' });

    // Booking refusals, each with its code and source.
    const book = (body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/records/${record.id}/bookings`, { cookie: admin, body: { startTime: '10:00', venue: 'Harbour Energy, Leeds', ...body } });
    expect(await refusal(book({ method: 'observation', date: '2026-01-12', assessorId: assessors.helen?.id }))).toBe('NOTICE_TOO_SHORT');
    expect(await refusal(book({ method: 'discussion', date: '2026-04-10', assessorId: assessors.helen?.id }))).toBe('OUTSIDE_EPA_WINDOW');
    expect(await refusal(book({ method: 'discussion', date: '2026-02-09', assessorId: assessors.related?.id }))).toBe('ASSESSOR_NOT_INDEPENDENT');
    expect(await refusal(book({ method: 'discussion', date: '2026-02-09', assessorId: assessors.lapsed?.id }))).toBe('ASSESSOR_NOT_CURRENT');
    expect(await refusal(book({ method: 'discussion', date: '2026-02-09', assessorId: assessors.level2only?.id }))).toBe('ASSESSOR_NOT_APPROVED');
    expect(await refusal(book({ method: 'project', date: '2026-03-23', assessorId: assessors.helen?.id, venue: undefined, remoteLink: 'ftp://x' }))).toBe(
      'VALIDATION_FAILED',
    );

    // A valid set, in PAL's preferred order (discussion, observation, project): no warnings.
    const discussion = await ok(book({ method: 'discussion', date: '2026-02-09', assessorId: assessors.helen?.id }), 201);
    const observation = await ok(book({ method: 'observation', date: '2026-02-23', assessorId: assessors.david?.id }), 201);
    const project = await ok(
      book({ method: 'project', date: '2026-03-23', assessorId: assessors.helen?.id, venue: undefined, remoteLink: 'https://meet.example.test/epa-clarke' }),
      201,
    );
    for (const b of [discussion, observation]) expect(b.warnings).toEqual([]);
    // Only that the project report is not in yet: due 14 days before the interview (001 §5).
    expect((project.warnings as { code: string; due: string }[]).map((w) => [w.code, w.due])).toEqual([['PROJECT_NOT_SUBMITTED', '2026-03-09']]);
    const ics = await t.request('GET', `/api/v1/bookings/${project.id}/invite.ics`, { cookie: admin });
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20260323T100000Z');

    // Another apprentice cannot have Helen at the same time.
    const other = await ok(
      t.request('POST', '/api/v1/records', {
        cookie: provider,
        body: {
          uln: validUln(620000000),
          givenNames: 'Noah',
          familyName: 'Evans',
          dateOfBirth: '2005-07-30',
          employerId,
          standard: 'ST0071@1.2',
          policy: null,
          startDate: '2024-06-03',
        },
      }),
      201,
    );
    await db(t).approve(other.id, '2026-01-05', '2026-04-05');
    expect(
      await refusal(
        t.request('POST', `/api/v1/records/${other.id}/bookings`, {
          cookie: admin,
          body: { method: 'discussion', date: '2026-02-09', startTime: '10:30', assessorId: assessors.helen?.id, venue: 'Leeds' },
        }),
      ),
    ).toBe('ASSESSOR_BUSY');

    // The project report: 2,500 words ± 10%, at least 14 days before the interview and by 5 March.
    await day('2026-03-02');
    const tooShort = await uploaded(t, provider, record.id, 'project-report', report(2000), []);
    expect(
      await refusal(t.request('POST', `/api/v1/records/${record.id}/submissions`, { cookie: provider, body: { kind: 'project-report', fileId: tooShort } })),
    ).toBe('WORD_COUNT_TOO_LOW');
    const good = await uploaded(t, provider, record.id, 'project-report', report(2500, ['Annex A', ...words(900)]), []);
    const submitted = await ok(
      t.request('POST', `/api/v1/records/${record.id}/submissions`, { cookie: provider, body: { kind: 'project-report', fileId: good } }),
      201,
    );
    expect(submitted.wordCount).toBe(2500);

    const now = await ok(t.request('GET', `/api/v1/records/${record.id}`, { cookie: provider }));
    expect(now.status).toBe('in-epa');
    const audit = await ok(t.request('GET', '/api/v1/audit/verify', { cookie: admin }));
    expect(audit.intact).toBe(true);
  });

  it('ST0072@1.1 under Highfield, non-facing: gateway with a showcase format, the window from the first assessment', async () => {
    await day('2026-01-05');
    const record = await ok(
      t.request('POST', '/api/v1/records', {
        cookie: provider,
        body: {
          uln: validUln(630000000),
          givenNames: 'Isla',
          familyName: 'Hughes',
          dateOfBirth: '2003-11-02',
          employerId,
          standard: 'ST0072@1.1',
          policy: 'HIGHFIELD',
          startDate: '2024-10-07',
          channel: 'non-facing',
        },
      }),
      201,
    );
    const gateway = { qualifications: { english: null, maths: null }, declarations: { employer: true, provider: true, apprentice: true } };
    expect(await refusal(t.request('POST', `/api/v1/records/${record.id}/gateway`, { cookie: provider, body: gateway }))).toBe('SHOWCASE_FORMAT_MISSING');
    const submission = await ok(
      t.request('POST', `/api/v1/records/${record.id}/gateway`, { cookie: provider, body: { ...gateway, showcaseFormat: 'report' } }),
      201,
    );
    await ok(t.request('POST', `/api/v1/gateway/${submission.id}/decision`, { cookie: admin, body: { decision: 'approve' } }));
    const approved = await ok(t.request('GET', `/api/v1/records/${record.id}`, { cookie: provider }));
    expect(approved).toMatchObject({ status: 'gateway-approved', epaStart: null, epaEnd: null, showcaseFormat: 'report' });

    const book = (body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/records/${record.id}/bookings`, {
        cookie: admin,
        body: { startTime: '09:30', remoteLink: 'https://meet.example.test/hughes', ...body },
      });
    await ok(book({ method: 'showcase', date: '2026-02-02', assessorId: assessors.david?.id }), 201);
    const windowed = await ok(t.request('GET', `/api/v1/records/${record.id}`, { cookie: provider }));
    expect(windowed).toMatchObject({ epaStart: '2026-02-02', epaEnd: '2026-05-02' });
    expect(
      await refusal(book({ method: 'discussion', date: '2026-05-05', assessorId: assessors.david?.id, remoteLink: undefined, venue: 'Meridian Telecom' })),
    ).toBe('OUTSIDE_EPA_WINDOW');
    const early = await ok(
      book({ method: 'discussion', date: '2026-02-16', assessorId: assessors.david?.id, remoteLink: undefined, venue: 'Meridian Telecom' }),
      201,
    );
    expect((early.warnings as { code: string }[]).map((w) => w.code)).toEqual([]);
    const observation = await ok(
      book({ method: 'observation', date: '2026-02-23', assessorId: assessors.helen?.id, remoteLink: undefined, venue: 'Meridian Telecom contact centre' }),
      201,
    );
    expect((observation.warnings as { code: string }[]).map((w) => w.code)).toEqual(['ORDER_NOT_RECOMMENDED']);

    await day('2026-01-20');
    const showcase = await uploaded(t, provider, record.id, 'showcase', report(4000), []);
    const done = await ok(
      t.request('POST', `/api/v1/records/${record.id}/submissions`, { cookie: provider, body: { kind: 'showcase', fileId: showcase } }),
      201,
    );
    expect(done.wordCount).toBe(4000);
  });

  it('VTCT on ST0071@1.1: a booking less than 20 working days ahead is refused (BOOKING_LEAD_TIME)', async () => {
    await day('2026-01-05');
    const record = await ok(
      t.request('POST', '/api/v1/records', {
        cookie: provider,
        body: {
          uln: validUln(640000000),
          givenNames: 'Oliver',
          familyName: 'Price',
          dateOfBirth: '1998-04-21',
          employerId,
          standard: 'ST0071@1.1',
          policy: 'VTCT',
          startDate: '2024-03-04',
        },
      }),
      201,
    );
    await db(t).approve(record.id, '2026-01-05', '2026-04-05');
    const book = (date: string) =>
      t.request('POST', `/api/v1/records/${record.id}/bookings`, {
        cookie: admin,
        body: { method: 'discussion', date, startTime: '14:00', assessorId: assessors.david?.id, venue: 'Leeds' },
      });
    expect(await refusal(book('2026-01-30'))).toBe('BOOKING_LEAD_TIME');
    await ok(book('2026-02-02'), 201); // the 20th working day after 5 January
  });
});

/** Direct database steps for records whose gateway is not the point of the test. */
function db(t: TestApp) {
  return {
    async approve(recordId: string, approvedOn: string, epaEnd: string) {
      await t.ctx.db
        .updateTable('epaRecords')
        .set({ status: 'gateway-approved', gatewayApprovedOn: approvedOn, epaStart: approvedOn, epaEnd })
        .where('id', '=', recordId)
        .execute();
    },
  };
}
