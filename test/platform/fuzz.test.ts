// Issue 10 item 6: bad input is a 4xx, never a 500. Every operation the OpenAPI document
// lists (the API and the pages) is sent what a careless or hostile client sends: malformed
// JSON, wrong types for each field, ~1 MB strings, objects nested 10,000 deep, lone UTF-16
// surrogates and NULs in keys and values, impossible dates, empty bodies, arrays instead of
// objects, junk ids and junk query strings. Path ids are real ones from the demo world, or
// junk. Where a body that would succeed is known (BASES), each fault is put into that body,
// so the fault travels as far as it can: into the use-case, the audit entry, the database.
// Nothing may answer 5xx, and the server must be healthy afterwards. fast-check adds random
// JSON from a fixed seed, so every run sends the same requests.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../src/app/demo.ts';
import { CSRF_FIELD } from '../../src/web/csrf.ts';
import { rawMultipart } from '../e2e/raw-multipart.ts';
import { pdf } from '../fixtures/documents.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

const SEED = 20_260_110;
const BAD_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '99999-01-01'];
const HUGE = 'a'.repeat(1_000_000);
const DEPTH = 10_000;
const PDF = pdf(['a certificate']);
/** Values a field must not have: every JSON type, and text that is not what it claims. */
const WRONG: unknown[] = [null, -1, 1.5, 1e308, true, '', '\udc00', 'a\u0000b', ['x'], { a: 1 }];
/** Path parameters that are not ids, as they stand in the path (NUL, CESU-8 surrogate, invalid UTF-8, long, traversal). */
const JUNK_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', '%ED%B0%80', '%FF', 'x'.repeat(3000), '..%2F..', '%F0%9F%98%80'];
/** Query values: NUL, CESU-8 surrogate, invalid UTF-8, a bad escape, a long one, numbers out of range, dates. */
const JUNK_QUERY = ['%00', '%ED%B0%80', '%FF', '%ZZ', 'x'.repeat(5000), '-1', '1e309', 'NaN', ...BAD_DATES];
const QUERIES = ['?a=%00', '?%00=1', '?%ED%B0%80=1', '?a=1&a=2', '?a[b]=1', `?${'a=1&'.repeat(500)}`];

type Who = 'admin' | 'provider';
type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; format?: string; anyOf?: Schema[] };
type Operation = { method: string; path: string; params: string[]; query: string[]; body: 'json' | 'csv' | 'multipart' | null; schema?: Schema };
type Base = { id?: string; body: Record<string, unknown> };
type Failure = { method: string; url: string; what: string; status: number; body: string };

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
const mapStrings = (body: Record<string, unknown>, f: (v: string) => unknown) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? f(v) : v]));

/** A body of the schema's shape (not necessarily one the rules accept), for operations without a BASE. */
function plausible(schema: Schema | undefined, id: string): unknown {
  if (!schema) return {};
  if (schema.anyOf?.[0]) return plausible(schema.anyOf[0], id);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(s, id)]));
    case 'array':
      return schema.items ? [plausible(schema.items, id)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return schema.format === 'uuid' ? id : schema.format === 'date-time' ? '2026-11-23T10:00:00Z' : 'x';
  }
}

/** The faults put into a JSON body: each makes the raw text from a fresh base. */
function jsonFaults(shape: Record<string, unknown>, perField: boolean): [string, (b: Record<string, unknown>) => string][] {
  const json = (v: unknown) => JSON.stringify(v);
  const fields = Object.keys(shape);
  const faults: [string, (b: Record<string, unknown>) => string][] = [
    ['malformed: cut short', () => '{"a":'],
    ['malformed: trailing comma', () => '[1,]'],
    ['malformed: two values', () => '{"a":1}}'],
    ['empty object', () => '{}'],
    ['an array', () => '[]'],
    ['an array of the base', (b) => json([b])],
    ['a string', () => '"x"'],
    ['a number', () => '123'],
    ['null', () => 'null'],
    ['a huge string in an unknown field', (b) => json({ ...b, zzz: HUGE })],
    ['a huge array', () => `[${'0,'.repeat(100_000)}0]`],
    ['deep arrays', () => deepArray(DEPTH)],
    ['deep objects', () => deepObject(DEPTH)],
    ['deep objects with __proto__ and constructor at the bottom', () => deepObject(DEPTH, '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}')],
    ['a lone surrogate in a key', (b) => json({ ...b, '\udc00': 'x' })],
    ['a NUL in a key', (b) => json({ ...b, 'a\u0000': 'x' })],
    ['a lone surrogate in every string', (b) => json(mapStrings(b, (v) => `${v}\ud800`))],
    ['a NUL in every string', (b) => json(mapStrings(b, (v) => `${v}\u0000`))],
    ...BAD_DATES.map((d): [string, (b: Record<string, unknown>) => string] => [`every string ${d}`, (b) => json(mapStrings(b, () => d))]),
  ];
  for (const field of perField ? fields : []) {
    for (const value of WRONG) faults.push([`${field} = ${json(value)}`, (b) => json({ ...b, [field]: value })]);
    for (const date of typeof shape[field] === 'string' ? BAD_DATES : []) faults.push([`${field} = ${date}`, (b) => json({ ...b, [field]: date })]);
    faults.push([`${field} huge`, (b) => json({ ...b, [field]: HUGE })]);
    faults.push([`${field} deep`, (b) => `${json({ ...b, [field]: 0 }).slice(0, -1)},${json(field)}:${deepObject(DEPTH)}}`]);
    faults.push([`${field} with a lone surrogate key inside`, (b) => json({ ...b, [field]: { '\udc00': b[field] ?? 1 } })]);
    const inner = shape[field];
    for (const key of inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.keys(inner) : [])
      for (const value of [null, 1, '\udc00', 'a\u0000', '2026-02-30', []])
        faults.push([`${field}.${key} = ${json(value)}`, (b) => json({ ...b, [field]: { ...(b[field] as object), [key]: value } })]);
  }
  const random = fc.sample(fc.dictionary(fc.constantFrom(...fields, 'x'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), {
    seed: SEED,
    numRuns: perField ? 12 : 0,
  });
  for (const [n, value] of random.entries()) faults.push([`random #${n}`, (b) => json({ ...b, ...value })]);
  // Last: a base that succeeds may end what the faults work on (a booking cancelled, a record withdrawn).
  faults.push(['the base', (b) => json(b)]);
  return faults;
}

describe('fuzzing every operation (issue 10 item 6)', () => {
  let t: TestApp;
  const operations: Operation[] = [];
  const cookie: Record<Who, string> = { admin: '', provider: '' };
  const csrf: Record<Who, string> = { admin: '', provider: '' };
  const ids: Record<string, string> = {};
  const failures: Failure[] = [];
  /** How each known-good body (BASES, and the multipart upload) was answered, before any fault. */
  const baseStatus: Record<string, number> = {};
  let sent = 0;
  let serial = 0;
  const NO_ID = '00000000-0000-4000-8000-000000000000';

  const one = async (query: Promise<{ id: string } | undefined>) => (await query)?.id ?? NO_ID;
  const recordOf = (familyName: string) =>
    one(
      t.ctx.db
        .selectFrom('epaRecords')
        .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
        .select('epaRecords.id')
        .where('apprentices.familyName', '=', familyName)
        .executeTakeFirst(),
    );
  const version = async (table: 'epaRecords' | 'bookings' | 'assessors' | 'assessments', id: string) =>
    (await t.ctx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1;
  const orgId = (name: string) => one(t.ctx.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst());

  /**
   * Bodies that succeed (or get as far as the rules) for the operations that write text:
   * read afresh for each request, since the ones before may have moved the version on.
   */
  const BASES: Record<string, () => Promise<Base>> = {
    'POST /api/v1/records': async () => ({
      body: {
        uln: validUln(700_000_000 + 17 * ++serial),
        givenNames: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '2004-01-01',
        providerId: ids.riverside,
        employerId: ids.harbour,
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2025-01-06',
        adjustments: 'a ramp',
      },
    }),
    'PATCH /api/v1/records/{id}': async () => ({
      id: ids.clarke,
      body: { version: await version('epaRecords', ids.clarke as string), adjustments: 'a ramp', plannedEndDate: '2026-12-31' },
    }),
    'POST /api/v1/tokens': async () => ({ body: { name: 'provider system' } }),
    'POST /api/v1/assessors': async () => ({
      body: {
        email: `assessor${++serial}@fuzz.test`,
        name: 'Ann Other',
        password: 'a long enough password',
        standards: ['ST0071@1.2'],
        standardisedOn: '2026-01-05',
      },
    }),
    'PATCH /api/v1/assessors/{id}': async () => ({
      id: ids.assessor,
      body: { version: await version('assessors', ids.assessor as string), name: 'Helen Moss', qualifications: [{ name: 'CAVA', awardedOn: '2020-01-01' }] },
    }),
    'POST /api/v1/assessors/{id}/relationships': async () => ({ id: ids.assessor, body: { organisationId: ids.harbour, nature: 'worked there in 2019' } }),
    'POST /api/v1/records/{id}/gateway': async () => ({
      id: ids.clarke,
      body: {
        gatewayDate: '2026-11-23',
        qualifications: { english: 'level-2', maths: 'level-2' },
        declarations: { employer: true, provider: true, apprentice: true },
      },
    }),
    'POST /api/v1/gateway/{id}/decision': async () => ({
      id: await one(
        t.ctx.db
          .selectFrom('gatewaySubmissions')
          .select('id')
          .where('epaRecordId', '=', ids.evans as string)
          .executeTakeFirst(),
      ),
      body: { decision: 'reject', reasons: ['the statement is not signed'] },
    }),
    'PATCH /api/v1/bookings/{id}': async () => ({ id: ids.booking, body: { version: await version('bookings', ids.booking as string), venue: 'Room 2' } }),
    'POST /api/v1/bookings/{id}/cancel': async () => ({
      id: ids.booking,
      body: { version: await version('bookings', ids.booking as string), reason: 'the assessor is ill' },
    }),
    'POST /api/v1/records/{id}/reattempts': async () => ({
      id: ids.green,
      body: { method: 'discussion', kind: 'resit', plannedOn: '2026-12-14', exceptionalCircumstances: true, exceptionalReason: 'was in hospital' },
    }),
    'POST /api/v1/records/{id}/appeals': async () => ({
      id: ids.walker,
      body: {
        resultId: await one(
          t.ctx.db
            .selectFrom('results')
            .select('id')
            .where('epaRecordId', '=', ids.walker as string)
            .executeTakeFirst(),
        ),
        grounds: 'the assessor erred',
      },
    }),
    'POST /api/v1/appeals/{id}/decision': async () => ({
      id: await one(t.ctx.db.selectFrom('appeals').select('id').where('status', '=', 'lodged').executeTakeFirst()),
      body: { outcome: 'rejected', reason: 'no new evidence' },
    }),
    'POST /api/v1/records/{id}/malpractice': async () => ({ id: ids.turner, body: { allegation: 'the report was copied' } }),
    'POST /api/v1/malpractice/{id}/decision': async () => ({
      id: await one(t.ctx.db.selectFrom('malpracticeCases').select('id').executeTakeFirst()),
      body: { outcome: 'dismissed', notes: 'no evidence of copying' },
    }),
    'POST /api/v1/records/{id}/withdraw': async () => ({
      id: ids.clarke,
      body: { version: await version('epaRecords', ids.clarke as string), reason: 'left the employer' },
    }),
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-23');
    await loadDemoIfEmpty(t.ctx);
    cookie.admin = await t.signIn('admin@demo.capstone.test', DEMO_PASSWORD);
    cookie.provider = await t.signIn('provider@riverside.demo.capstone.test', DEMO_PASSWORD);
    for (const who of ['admin', 'provider'] as const) {
      const html = (await t.request('GET', who === 'admin' ? '/admin' : '/provider', { cookie: cookie[who] })).body;
      csrf[who] = new RegExp(`name="${CSRF_FIELD}" value="([^"]+)"`).exec(html)?.[1] ?? '';
    }
    const db = t.ctx.db;
    const first = (table: 'bookings' | 'assessments' | 'assessors' | 'files' | 'gatewaySubmissions' | 'certificates' | 'appeals' | 'moderationBatches') =>
      one(db.selectFrom(table).select('id').executeTakeFirst());
    Object.assign(ids, {
      records: await recordOf('Turner'),
      clarke: await recordOf('Clarke'),
      evans: await recordOf('Evans'),
      turner: await recordOf('Turner'),
      walker: await recordOf('Walker'),
      green: await recordOf('Green'),
      bookings: await first('bookings'),
      booking: await one(
        db
          .selectFrom('bookings')
          .select('id')
          .where('status', '=', 'booked')
          .where('epaRecordId', '=', await recordOf('Hughes'))
          .executeTakeFirst(),
      ),
      assessments: await first('assessments'),
      assessors: await first('assessors'),
      assessor: await first('assessors'),
      files: await first('files'),
      gateway: await first('gatewaySubmissions'),
      certificates: await first('certificates'),
      appeals: await first('appeals'),
      batches: await first('moderationBatches'),
      riverside: await orgId('Riverside Training'),
      harbour: await orgId('Harbour Energy Customer Care'),
    });

    const doc = (await t.request('GET', '/api/docs/json')).json() as { paths: Record<string, Record<string, Record<string, unknown>>> };
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const parameters = (op.parameters ?? []) as { in: string; name: string }[];
        const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
        const body = content['application/json'] ? 'json' : content['text/csv'] ? 'csv' : content['multipart/form-data'] ? 'multipart' : null;
        operations.push({
          method: method.toUpperCase(),
          path,
          params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
          body,
          schema: content['application/json']?.schema,
        });
      }
  });
  afterAll(() => t?.close());

  /** The real id a path parameter names, from the segment before it. */
  function realId(path: string, param: string): string {
    const byName: Record<string, string | undefined> = {
      bookingId: ids.bookings,
      assessmentId: ids.assessments,
      batchId: ids.batches,
      key: NO_ID,
      '*': 'no/such/page',
    };
    if (param in byName) return byName[param] as string;
    const segments = path.split('/');
    const before = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
    const kind = { registered: 'records', batches: 'batches', gateway: 'gateway', tokens: 'tokens' }[before] ?? before;
    return ids[kind] ?? ids[`${kind}s`] ?? NO_ID;
  }

  function urlOf(op: Operation, id: (param: string) => string): string {
    let url = op.path;
    for (const param of op.params) url = url.replace(`{${param}}`, id(param));
    return url;
  }

  async function send(who: Who, op: Operation, url: string, what: string, payload?: string | Buffer, headers: Record<string, string> = {}) {
    sent++;
    // Signing out would end the session the fuzz goes on with: those requests go without one.
    const session = op.path.endsWith('/sign-out') ? undefined : cookie[who];
    const response = await t.request(op.method, url, { cookie: session, body: payload, headers });
    if (what === 'the base' || what === 'multipart: the base')
      baseStatus[`${who} ${op.method} ${op.path}${what.startsWith('multipart') ? ' (multipart)' : ''}`] = response.statusCode;
    if (response.statusCode >= 500)
      failures.push({ method: op.method, url: url.slice(0, 120), what, status: response.statusCode, body: response.body.slice(0, 200) });
    return response.statusCode;
  }

  /** The names of the fields of the form a page shows (its GET, or its parent's for a /check or /change step). */
  async function formFields(who: Who, url: string): Promise<string[]> {
    const page = await t.request('GET', url.replace(/\/(check|change)$/, ''), { cookie: cookie[who] });
    const names = [...page.body.matchAll(/<(?:input|select|textarea)[^>]*\sname="([^"]+)"/g)].map((m) => m[1] as string);
    const fields = [...new Set(names)].filter((n) => n !== CSRF_FIELD);
    return fields.length > 0 ? fields : ['x'];
  }

  async function fuzz(op: Operation, who: Who, full: boolean) {
    const page = !op.path.startsWith('/api/') && op.path !== '/health';
    const baseOf = BASES[`${op.method} ${op.path}`];
    const shape = plausible(op.schema, ids.records as string) as Record<string, unknown>;
    const fresh = async (): Promise<{ url: string; body: Record<string, unknown> }> => {
      const base = baseOf ? await baseOf() : { body: shape };
      const url = urlOf(op, (param) => (param === 'id' && base.id ? base.id : realId(op.path, param)));
      return { url, body: page ? { [CSRF_FIELD]: csrf[who], ...base.body } : base.body };
    };
    const { url } = await fresh();
    for (const param of op.params)
      for (const junk of full ? JUNK_IDS : JUNK_IDS.slice(0, 4))
        await send(
          who,
          op,
          urlOf(op, (p) => (p === param ? junk : realId(op.path, p))),
          `${param} = ${junk.slice(0, 20)}`,
        );
    for (const name of op.query) for (const value of JUNK_QUERY) await send(who, op, `${url}?${name}=${value}`, `?${name}=${value.slice(0, 20)}`);
    for (const query of full && !page ? QUERIES : QUERIES.slice(0, 3)) await send(who, op, `${url}${query}`, query.slice(0, 20));
    if (op.method === 'GET' || op.method === 'DELETE') return;

    const json = { 'content-type': 'application/json' };
    await send(who, op, url, 'no body');
    await send(who, op, url, 'an empty JSON body', '', json);
    if (op.body === 'json') {
      const faults = jsonFaults(shape, full);
      for (const [what, make] of full ? faults : faults.slice(0, 30)) {
        const target = await fresh();
        await send(who, op, target.url, what, make(target.body), json);
      }
    }
    if (page) {
      // A page takes a form: its fields, read from the form the page shows, each given a wrong value
      // (as JSON, which the pages also parse, and as a form), then what a form should never hold.
      const fields = await formFields(who, url);
      const all = (value: unknown) => ({ [CSRF_FIELD]: csrf[who], ...Object.fromEntries(fields.map((f) => [f, value])) });
      const bodies: [string, string][] = [
        ...jsonFaults({ [CSRF_FIELD]: csrf[who] }, false)
          .slice(0, 20)
          .map(([what, make]): [string, string] => [what, make({ [CSRF_FIELD]: csrf[who] })]),
        ...[...WRONG, ...BAD_DATES, HUGE.slice(0, 200_000)].map((v): [string, string] => [
          `every field = ${JSON.stringify(v).slice(0, 20)}`,
          JSON.stringify(all(v)),
        ]),
      ];
      for (const [what, body] of bodies) await send(who, op, url, what, body, json);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const encoded = (value: string) => fields.map((f) => `${f}=${value}`).join('&');
      const forms = [
        '',
        'a=%00',
        'a=%ED%B0%80',
        `a=${HUGE}`,
        ...['%00', '%ED%B0%80', '%FF', 'x'.repeat(5000), ...BAD_DATES].map(encoded),
        `${encoded('1')}&${encoded('2')}`,
        fields.map((f) => `${f}[a]=1`).join('&'),
      ];
      for (const body of forms) await send(who, op, url, `form ${body.slice(0, 30)}`, `${CSRF_FIELD}=${csrf[who]}&${body}`, form);
    }
    if (op.body === 'csv') {
      const csv = { 'content-type': 'text/csv' };
      for (const text of ['', '\u0000', 'uln,given_names\n1,\u0000', '"', '\udc00']) await send(who, op, url, `csv ${JSON.stringify(text)}`, text, csv);
    }
    if (op.body === 'multipart' || page) {
      const file = { type: 'application/pdf', bytes: PDF };
      const token = { name: CSRF_FIELD, value: csrf[who] };
      const forms = [
        ['the base', [token, { name: 'purpose', value: 'qualification-english' }, { name: 'file', fileName: 'a.pdf', ...file }]],
        ['a NUL in a field', [token, { name: 'purpose', value: 'portfolio\u0000' }, { name: 'file', fileName: 'a.pdf', ...file }]],
        ['a NUL in the file name', [token, { name: 'purpose', value: 'qualification-english' }, { name: 'file', fileName: 'a\u0000.pdf', ...file }]],
        ['a huge field', [token, { name: 'purpose', value: 'x'.repeat(900_000) }, { name: 'file', fileName: 'a.pdf', ...file }]],
        [
          'a NUL in a KSB',
          [token, { name: 'purpose', value: 'portfolio-piece' }, { name: 'ksbs', value: 'K1,\u0000' }, { name: 'file', fileName: 'a.pdf', ...file }],
        ],
      ] as const;
      for (const [what, parts] of forms) {
        const body = rawMultipart([...parts]);
        const status = await send(who, op, url, `multipart: ${what}`, body.data, body.headers);
        // A page that does not read multipart never sees the form's token: the rest would tell nothing more.
        if (page && what === 'the base' && status === 403) return;
      }
      // The file name as RFC 5987 percent-encoding: a NUL, and a surrogate's CESU-8 bytes.
      for (const encoded of ['a%00.pdf', 'a%ED%B0%80.pdf']) {
        const head = `--b\r\nContent-Disposition: form-data; name="${CSRF_FIELD}"\r\n\r\n${csrf[who]}\r\n--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nqualification-english\r\n`;
        const filePart = `--b\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encoded}\r\nContent-Type: application/pdf\r\n\r\n`;
        const body = Buffer.concat([Buffer.from(head + filePart), PDF, Buffer.from('\r\n--b--\r\n')]);
        await send(who, op, url, `multipart: filename* ${encoded}`, body, { 'content-type': 'multipart/form-data; boundary=b' });
      }
    }
  }

  it('answers every operation with something other than a 5xx, and stays healthy', { timeout: 180_000 }, async () => {
    // Every plausible body to the scheduler runs a search: a short one is enough to fuzz its input.
    t.ctx.scheduling = { moves: 50 };
    expect(operations.length).toBeGreaterThan(100);
    for (const op of operations) await fuzz(op, 'admin', true);
    // A provider: the operations on records, the ones a provider uses.
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/records'))) await fuzz(op, 'provider', false);
    expect(failures, `${failures.length} of ${sent} requests answered 5xx`).toEqual([]);
    // The bases went past validation and access, into the use-cases: the faults put into them went as far.
    const reached = (key: string) => [200, 201, 409, 422].includes(baseStatus[key] ?? 0);
    expect(Object.keys(BASES).filter((key) => !reached(`admin ${key}`))).toEqual([]);
    expect(baseStatus['admin POST /api/v1/records/{id}/files (multipart)']).toBe(201);
    expect((await t.request('GET', '/health')).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { cookie: cookie.admin })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/records/${ids.turner}`, { cookie: cookie.admin })).statusCode).toBe(200);
  });
});
