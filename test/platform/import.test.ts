import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser, hashPassword } from '../../src/app/auth.ts';
import { openApp } from '../../src/app/bootstrap.ts';
import { type ImportProgress, type ImportRow, importRegistrations } from '../../src/app/bulk-import.ts';
import type { AppContext } from '../../src/app/context.ts';
import { toCsv } from '../../src/app/csv.ts';
import { registerApprentice } from '../../src/app/records.ts';
import { importCommand } from '../../src/cli/import.ts';
import { BadInput } from '../../src/cli/io.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

const COLUMNS = [
  'uln',
  'given_names',
  'family_name',
  'date_of_birth',
  'employer_id',
  'provider_id',
  'standard',
  'policy',
  'start_date',
  'channel',
  'ehcp',
  'extra_time_percent',
];
type Row = Partial<Record<string, string>>;

/** A CSV file with the columns above (or those given), one line per row. */
function csvFile(rows: Row[], columns = COLUMNS): string {
  return toCsv([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]);
}

const csvHeaders = { 'content-type': 'text/csv' };

describe.each(ENGINES)('importing registrations from CSV (%s)', (engine) => {
  let t: TestApp;
  let admin: { id: string; cookie: string };
  let providerUser: { id: string; cookie: string };
  let providerId: string;
  let otherProviderId: string;
  let employerId: string;
  let stem = 600_000_000;
  const nextUln = () => {
    stem += 1000;
    return validUln(stem);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.user('epao-admin');
    providerId = await t.organisation('provider', 'Northern Training');
    otherProviderId = await t.organisation('provider', 'Southern Skills');
    employerId = await t.organisation('employer', 'Acme Retail');
    providerUser = await t.user('provider', { organisationId: providerId });
  });
  afterAll(() => t.close());

  const row = (overrides: Row = {}): Row => ({
    uln: nextUln(),
    given_names: 'Ada',
    family_name: 'Lovelace',
    date_of_birth: '2005-03-01',
    employer_id: employerId,
    provider_id: providerId,
    standard: 'ST0071@1.2',
    policy: 'PAL',
    start_date: '2024-09-02',
    ...overrides,
  });

  const post = (csv: string, cookie = admin.cookie, headers: Record<string, string> = csvHeaders) =>
    t.request('POST', '/api/v1/records/import', { cookie, body: csv, headers });

  const activeRecords = (ulns: string[]) => t.ctx.db.selectFrom('epaRecords').select(['id', 'uln', 'standard']).where('uln', 'in', ulns).execute();

  it('imports the valid rows of a mixed file and reports each rejected row with its reasons', async () => {
    const existing = nextUln();
    const registered = await t.request('POST', '/api/v1/records', {
      cookie: admin.cookie,
      body: {
        uln: existing,
        givenNames: 'Grace',
        familyName: 'Hopper',
        dateOfBirth: '2004-12-09',
        providerId,
        employerId,
        standard: 'ST0071@1.2',
        startDate: '2024-09-02',
      },
    });
    expect(registered.statusCode).toBe(201);

    const twice = nextUln();
    const rows = [
      row({ given_names: 'Valid', ehcp: 'yes', extra_time_percent: '25' }), // line 2
      row({ uln: '1234567890' }), // line 3: check digit
      row({ standard: 'ST9999@1.0', policy: '' }), // line 4
      row({ uln: twice }), // line 5
      row({ uln: twice, standard: 'ST0071@1.1', policy: '' }), // line 6: same ULN and standard code as line 5
      // line 7: already on record (the same person: a ULN given to another one is refused as ULN_IDENTITY_MISMATCH first)
      row({ uln: existing, given_names: 'Grace', family_name: 'Hopper', date_of_birth: '2004-12-09', standard: 'ST0071@1.1', policy: '' }),
      row({ standard: 'ST0072@1.1', policy: '', channel: 'non-facing', given_names: 'Channel' }), // line 8
      row({ uln: '9999999999', family_name: 'Temporary One' }), // line 9: the temporary ULN is shared
      row({ uln: '9999999999', family_name: 'Temporary Two' }), // line 10
      row({ given_names: '', date_of_birth: '01/03/2005', ehcp: 'maybe' }), // line 11
      row({ standard: 'ST0072@1.1', policy: '' }), // line 12: ST0072 grades by channel
      row({ employer_id: otherProviderId }), // line 13: not an employer
    ];
    const response = await post(csvFile(rows));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as { total: number; imported: number; rejected: number; rows: ImportRow[] };
    expect(report).toMatchObject({ total: 12, imported: 5, rejected: 7 });
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'imported'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'imported'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'imported'],
      [9, 'imported'],
      [10, 'imported'],
      [11, 'rejected'],
      [12, 'rejected'],
      [13, 'rejected'],
    ]);
    const reasons = Object.fromEntries(report.rows.flatMap((r) => (r.status === 'rejected' ? [[r.line, r.reasons]] : [])));
    expect(reasons[3]).toEqual([{ code: 'ULN_INVALID', message: '"1234567890" is not a valid Unique Learner Number' }]);
    expect(report.rows[1]?.uln).toBe('1234567890');
    expect(reasons[4]).toEqual([expect.objectContaining({ code: 'UNKNOWN_STANDARD' })]);
    expect(reasons[6]).toEqual([{ code: 'DUPLICATE_IN_FILE', message: `ULN ${twice} for ST0071 is already on line 5 of this file` }]);
    expect(reasons[7]).toEqual([{ code: 'DUPLICATE_REGISTRATION', message: `ULN ${existing} already has an active EPA record for ST0071` }]);
    expect(reasons[11]).toEqual([
      { code: 'VALIDATION_FAILED', column: 'ehcp', message: 'ehcp: must be yes or no, not "maybe"' },
      { code: 'VALIDATION_FAILED', column: 'given_names', message: 'given_names: is required' },
      expect.objectContaining({ code: 'VALIDATION_FAILED', column: 'date_of_birth' }),
    ]);
    expect(reasons[12]).toEqual([expect.objectContaining({ code: 'CHANNEL_REQUIRED' })]);
    expect(reasons[13]).toEqual([expect.objectContaining({ code: 'UNKNOWN_EMPLOYER' })]);
    const temporary = report.rows.find((r) => r.line === 9);
    expect(temporary).toMatchObject({ status: 'imported', warnings: [expect.objectContaining({ code: 'ULN_TEMPORARY' })] });

    // The imported rows are records like any other, with the row's values.
    const first = report.rows[0] as Extract<ImportRow, { status: 'imported' }>;
    const record = await t.request('GET', `/api/v1/records/${first.recordId}`, { cookie: admin.cookie });
    expect(record.json()).toMatchObject({
      status: 'registered',
      standard: 'ST0071@1.2',
      policy: 'PAL',
      extraTimePercent: 25,
      registeredOn: '2026-01-05',
      provider: { id: providerId },
      employer: { id: employerId },
      apprentice: { givenNames: 'Valid', ehcp: true },
    });
    const channel = report.rows.find((r) => r.line === 8) as Extract<ImportRow, { status: 'imported' }>;
    expect((await t.request('GET', `/api/v1/records/${channel.recordId}`, { cookie: admin.cookie })).json()).toMatchObject({ channel: 'non-facing' });
    expect((await activeRecords([twice])).map((r) => r.standard)).toEqual(['ST0071@1.2']);
    expect((await activeRecords([existing])).map((r) => r.standard)).toEqual(['ST0071@1.2']);

    // One 'register' audit entry per imported record, and the chain is intact.
    const ids = report.rows.flatMap((r) => (r.status === 'imported' ? [r.recordId] : []));
    const audit = await t.ctx.db.selectFrom('auditLog').select(['entityId', 'action', 'after']).where('entityId', 'in', ids).execute();
    expect(audit.map((a) => a.entityId).sort()).toEqual([...ids].sort());
    expect(audit.every((a) => a.action === 'register')).toBe(true);
    expect(audit.map((a) => (a.after as { importLine: number }).importLine).sort((a, b) => a - b)).toEqual([2, 5, 8, 9, 10]);
    const verify = await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie });
    expect(verify.json()).toMatchObject({ intact: true });
  });

  it('names the column and the field as the file writes them: a date of birth in the future, a start before the birth', async () => {
    const response = await post(
      csvFile([row({ date_of_birth: '2031-03-01', start_date: '2031-09-02' }), row({ date_of_birth: '2006-03-01', start_date: '2005-09-02' }), row()]),
    );
    expect(response.statusCode).toBe(200);
    const rejected = response.json().rows.filter((r: { status: string }) => r.status === 'rejected');
    expect(rejected.map((r: { reasons: unknown[] }) => r.reasons)).toEqual([
      [{ code: 'DATE_OF_BIRTH_IN_FUTURE', message: 'the date of birth is in the future', column: 'date_of_birth' }],
      [{ code: 'DATES_OUT_OF_ORDER', message: 'the start date is before the date of birth', column: 'start_date' }],
    ]);
    // The API's report echoes nothing of a person beyond the ULN (the pages' report names each row).
    expect(JSON.stringify(response.json())).not.toContain('Lovelace');
    const one = await t.request('POST', '/api/v1/records', {
      cookie: admin.cookie,
      body: {
        uln: nextUln(),
        givenNames: 'Ada',
        familyName: 'Future',
        dateOfBirth: '2031-03-01',
        providerId,
        employerId,
        standard: 'ST0071@1.2',
        startDate: '2031-09-02',
      },
    });
    expect([one.statusCode, one.json().code]).toEqual([400, 'DATE_OF_BIRTH_IN_FUTURE']);
  });

  it('names the provider by its UKPRN instead of its id, and refuses a UKPRN that names no provider', async () => {
    const ukprn = '10004321';
    await t.ctx.db.updateTable('organisations').set({ ukprn }).where('id', '=', providerId).execute();
    const columns = ['uln', 'given_names', 'family_name', 'date_of_birth', 'employer_id', 'provider_ukprn', 'standard', 'start_date'];
    const rows = [row({ provider_ukprn: ukprn, given_names: 'Ukprn' }), row({ provider_ukprn: '10009999' })];
    const response = await post(csvFile(rows, columns));
    const report = response.json();
    expect(report.rows.map((r: { status: string }) => r.status)).toEqual(['imported', 'rejected']);
    expect(report.rows[1].reasons).toEqual([
      { code: 'UNKNOWN_PROVIDER', column: 'provider_ukprn', message: 'provider_ukprn: no training provider has the UKPRN "10009999"' },
    ]);
    const imported = await t.ctx.db.selectFrom('apprentices').select('providerId').where('givenNames', '=', 'Ukprn').executeTakeFirstOrThrow();
    expect(imported.providerId).toBe(providerId);
    const mismatch = await post(csvFile([row({ provider_ukprn: ukprn })], [...columns, 'provider_id']).replace(providerId, employerId));
    expect(mismatch.json().rows[0].reasons[0]).toMatchObject({ code: 'UNKNOWN_PROVIDER', column: 'provider_ukprn' });
  });

  it('lets a provider import its own apprentices and refuses, row by row, those of another provider', async () => {
    const own = row({ provider_id: '' });
    const alsoOwn = row();
    const other = row({ provider_id: otherProviderId });
    const response = await post(csvFile([own, other, alsoOwn]), providerUser.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      total: 3,
      imported: 2,
      rejected: 1,
      rows: [
        { line: 2, status: 'imported' },
        { line: 3, status: 'rejected', uln: other.uln, reasons: [{ code: 'FORBIDDEN', message: 'a provider registers only its own apprentices' }] },
        { line: 4, status: 'imported' },
      ],
    });
    expect(await activeRecords([other.uln as string])).toEqual([]);
    // An EPAO user must say which provider.
    const noProvider = await post(csvFile([row({ provider_id: '' }), row()]));
    expect(noProvider.json().rows[0]).toMatchObject({ status: 'rejected', reasons: [{ code: 'PROVIDER_REQUIRED' }] });
  });

  it('answers 422 with the report when every row is rejected, and writes nothing', async () => {
    const response = await post(csvFile([row({ uln: '1234567890' }), row({ standard: 'ST0000@9.9' })]));
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'IMPORT_REJECTED', total: 2, imported: 0, rejected: 2, rows: [{ line: 2 }, { line: 3 }] });
  });

  it('refuses a file it cannot read as an import with 400, before any row', async () => {
    const cases: [string, string][] = [
      ['', 'IMPORT_EMPTY'],
      ['\uFEFF\r\n', 'IMPORT_EMPTY'],
      ['uln,given_names,family_name\r\n1234567899,Ada,Lovelace\r\n', 'IMPORT_MISSING_COLUMNS'],
      [`${COLUMNS.join(',')}\r\n`, 'IMPORT_NO_ROWS'],
      [`${COLUMNS.join(',')},notes\r\n`, 'IMPORT_UNKNOWN_COLUMNS'],
      [`${COLUMNS.join(',')},uln\r\n`, 'IMPORT_REPEATED_COLUMNS'],
      [`${COLUMNS.join(',')},constructor\r\n`, 'IMPORT_UNKNOWN_COLUMNS'],
      [`${COLUMNS.join(',')}\r\n"unclosed,x\r\n`, 'CSV_MALFORMED'],
    ];
    for (const [csv, code] of cases) {
      const r = await post(csv);
      expect([r.statusCode, r.json().code], JSON.stringify(csv)).toEqual([400, code]);
    }
    const missing = await post('uln,given_names,family_name\r\n1234567899,Ada,Lovelace\r\n');
    expect(missing.json().detail).toContain('date_of_birth, employer_id, standard, start_date');
  });

  it('reads column names loosely and a row with the wrong number of fields is refused alone', async () => {
    const columns = ['ULN', 'Given names', 'family-name', 'Date_of_birth', 'employer_id', 'provider_id', 'standard', 'start_date'];
    const good = row();
    const csv = `\uFEFF${csvFile([good], ['uln', 'given_names', 'family_name', 'date_of_birth', 'employer_id', 'provider_id', 'standard', 'start_date']).replace(/^[^\r]*/, columns.join(','))}${nextUln()},Too,Few\r\n`;
    const response = await post(csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().rows).toEqual([
      expect.objectContaining({ line: 2, status: 'imported' }),
      expect.objectContaining({ line: 3, status: 'rejected', reasons: [expect.objectContaining({ code: 'CSV_FIELD_COUNT' })] }),
    ]);
  });

  it('refuses more than 20,000 rows and more than 10 MB with 413, other media types with 415, anonymous with 401', async () => {
    const header = `${COLUMNS.join(',')}\r\n`;
    const line = `${row().uln},A,B,2005-03-01,${employerId},${providerId},ST0071@1.2,,2024-09-02,,,\r\n`;
    const tooMany = await post(header + line.repeat(20_001));
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([413, 'IMPORT_TOO_MANY_ROWS']);
    const tooBig = await post(header + line.replace(',A,', `,${'A'.repeat(600)},`).repeat(17_000));
    expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'TOO_LARGE']);
    const json = await post(JSON.stringify({ csv: header + line }), admin.cookie, { 'content-type': 'application/json' });
    expect([json.statusCode, json.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const anonymous = await t.request('POST', '/api/v1/records/import', { body: header + line, headers: csvHeaders });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    const charset = await post(csvFile([row()]), admin.cookie, { 'content-type': 'text/csv; charset=utf-8' });
    expect(charset.statusCode).toBe(200);
  });

  it('an Idempotency-Key makes a retried upload answer the first report without importing twice', async () => {
    const csv = csvFile([row(), row()]);
    const headers = { ...csvHeaders, 'idempotency-key': 'import-1' };
    const [a, b] = await Promise.all([post(csv, admin.cookie, headers), post(csv, admin.cookie, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json()).toEqual(a.json());
    const ulns = a.json().rows.map((r: ImportRow) => r.uln);
    expect(await activeRecords(ulns)).toHaveLength(2);
  });

  it('writes several batches in one transaction and reports progress', async () => {
    const actor = (await actorForUser(t.ctx, admin.id)) as Actor;
    const rows = Array.from({ length: 1_201 }, () => row());
    const progress: ImportProgress[] = [];
    const report = await importRegistrations(t.ctx, actor, csvFile(rows), { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ total: 1_201, imported: 1_201, rejected: 0 });
    expect(progress).toEqual([
      { validated: 0, total: 1_201 },
      { validated: 500, total: 1_201 },
      { validated: 1_000, total: 1_201 },
      { validated: 1_201, total: 1_201 },
    ]);
    expect(await activeRecords(rows.map((r) => r.uln as string))).toHaveLength(1_201);
    const verify = await t.request('GET', '/api/v1/audit/verify', { cookie: admin.cookie });
    expect(verify.json()).toMatchObject({ intact: true });
  });

  it('imports nothing, and says so (409 IMPORT_CONFLICT), when a registration made meanwhile clashes with a row', async () => {
    const actor = (await actorForUser(t.ctx, admin.id)) as Actor;
    const rows = [row(), row(), row()];
    const clash = rows[1]?.uln as string;
    // Someone registers the second row's apprentice after the checks, before the write.
    const racing: AppContext = {
      ...t.ctx,
      db: new Proxy(t.ctx.db, {
        get(target, property) {
          if (property === 'transaction')
            return () => ({
              execute: async (work: Parameters<ReturnType<typeof target.transaction>['execute']>[0]) => {
                await registerApprentice(t.ctx, actor, {
                  uln: clash,
                  givenNames: 'Quick',
                  familyName: 'Registrar',
                  dateOfBirth: '2005-01-01',
                  ehcp: false,
                  providerId,
                  employerId,
                  standard: 'ST0071@1.1',
                  policy: null,
                  startDate: '2024-09-02',
                  extraTimePercent: 0,
                });
                return target.transaction().execute(work);
              },
            });
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    const auditBefore = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const error = await importRegistrations(racing, actor, csvFile(rows)).catch((e) => e);
    expect(error).toMatchObject({ status: 409, code: 'IMPORT_CONFLICT', message: expect.stringContaining('nothing was imported') });
    expect(error.message).toContain(clash);
    expect(await activeRecords(rows.map((r) => r.uln as string))).toEqual([expect.objectContaining({ uln: clash, standard: 'ST0071@1.1' })]);
    const auditAfter = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1); // only the racing registration
  });

  it('is documented in OpenAPI as a text/csv body', async () => {
    const doc = (await t.request('GET', '/api/docs/json')).json();
    expect(Object.keys(doc.paths['/api/v1/records/import'].post.requestBody.content)).toEqual(['text/csv']);
  });

  it('refuses a role that may not register', async () => {
    const employerUser = await t.user('employer', { organisationId: employerId });
    const response = await post(csvFile([row()]), employerUser.cookie);
    expect([response.statusCode, response.json().code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('capstone import (a real data directory)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'capstone-import-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  let providerId = '';
  let employerId = '';
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const opened = await openApp(env);
    try {
      const db = opened.ctx.db;
      providerId = (await db.insertInto('organisations').values({ kind: 'provider', name: 'P', ukprn: '10000123' }).returning('id').executeTakeFirstOrThrow())
        .id;
      employerId = (await db.insertInto('organisations').values({ kind: 'employer', name: 'E' }).returning('id').executeTakeFirstOrThrow()).id;
      await db
        .insertInto('users')
        .values({ email: 'provider@cli.invalid', name: 'Provider', role: 'provider', organisationId: providerId, passwordHash: await hashPassword('x') })
        .execute();
    } finally {
      await opened.close();
    }
  }, 60_000);

  const file = (name: string, ulns: string[]) => {
    const path = join(dataDir, name);
    writeFileSync(
      path,
      csvFile(
        ulns.map((uln) => ({
          uln,
          given_names: 'A',
          family_name: 'B',
          date_of_birth: '2005-01-01',
          employer_id: employerId,
          standard: 'ST0071@1.2',
          start_date: '2024-09-02',
        })),
      ),
    );
    return path;
  };

  it('prints progress on stderr and the report on stdout; exit 0 when all are imported, 1 when some are rejected', async () => {
    const ok = spawnSync('./bin/capstone', ['import', file('ok.csv', [validUln(700000000), validUln(700001000)]), '--as', 'Provider@cli.invalid'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('validated 2/2');
    expect(JSON.parse(ok.stdout)).toMatchObject({ total: 2, imported: 2, rejected: 0 });

    const progress: string[] = [];
    const sink = { write: (s: string) => progress.push(s) } as unknown as NodeJS.WritableStream;
    const some = await importCommand([file('some.csv', [validUln(700002000), '1234567890']), '--as=provider@cli.invalid'], env, sink);
    expect(some.exitCode).toBe(1);
    expect(JSON.parse(some.stdout as string)).toMatchObject({
      total: 2,
      imported: 1,
      rejected: 1,
      rows: [{ status: 'imported' }, { reasons: [{ code: 'ULN_INVALID' }] }],
    });
    expect(progress.join('')).toContain('imported 1, rejected 1 of 2');
  }, 60_000);

  it('is bad input (exit 2) for a missing file, an unknown user, a wrong header or no --as', async () => {
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    await expect(importCommand([join(dataDir, 'nope.csv'), '--as', 'provider@cli.invalid'], env, sink)).rejects.toThrow(/no such file/);
    await expect(importCommand([file('x.csv', [validUln(700003000)]), '--as', 'nobody@cli.invalid'], env, sink)).rejects.toThrow(/no user/);
    writeFileSync(join(dataDir, 'bad.csv'), 'uln,given_names\n1,2\n');
    await expect(importCommand([join(dataDir, 'bad.csv'), '--as', 'provider@cli.invalid'], env, sink)).rejects.toThrow(/IMPORT_MISSING_COLUMNS/);
    await expect(importCommand([join(dataDir, 'bad.csv')], env, sink)).rejects.toBeInstanceOf(BadInput);
    const missing = spawnSync('./bin/capstone', ['import', join(dataDir, 'nope.csv'), '--as', 'provider@cli.invalid'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect([missing.status, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/^capstone: cannot read .*nope\.csv: no such file\n$/);
  }, 60_000);
});
