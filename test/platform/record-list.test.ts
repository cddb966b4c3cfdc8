import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/app/context.ts';
import { addDays } from '../../src/domain/calendar/dates.ts';
import { validUln } from '../helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

type Listed = { id: string; apprentice: { givenNames: string; familyName: string; uln: string }; provider: { id: string }; status: string };
type Page = { records: Listed[]; total: number; nextCursor: string | null };

const NAMES: [string, string][] = [
  ['Leo', 'Baker'],
  ['Leo', 'Bakerson'],
  ['Zoë', 'Ångström'],
  ['Amelia', 'Clarke'],
  ['Omar', 'Farouk'],
  ['Priya', 'Shah'],
  ['Jack', 'Turner'],
  ['Ngozi', 'Okafor'],
  ['Siân', 'Llewellyn'],
  ['Tom', 'O’Brien'],
  ['=HYPERLINK("x")', 'Lovelace'],
  ['Grace', 'Hopper'],
];

describe('the apprentices list: search, filters, sort and cursor paging', () => {
  let t: TestApp;
  let admin: { cookie: string };
  let north: { cookie: string };
  let northId: string;
  let southId: string;
  const ulns: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.user('epao-admin');
    northId = await t.organisation('provider', 'Northern Training');
    southId = await t.organisation('provider', 'Southern Skills');
    const employerId = await t.organisation('employer', 'Harbour Foods');
    north = await t.user('provider', { organisationId: northId });
    const south = await t.user('provider', { organisationId: southId });
    for (const [i, [givenNames, familyName]] of NAMES.entries()) {
      const uln = validUln(300000000 + i * 2);
      ulns.push(uln);
      const body = {
        uln,
        givenNames,
        familyName,
        dateOfBirth: '2004-05-06',
        employerId,
        standard: i % 3 ? 'ST0071@1.2' : 'ST0071@1.1',
        startDate: '2024-09-02',
      };
      const created = await t.request('POST', '/api/v1/records', { cookie: (i % 2 ? south : north).cookie, body });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  const list = async (query: string, cookie = admin.cookie) => {
    const reply = await t.request('GET', `/api/v1/records?${query}`, { cookie });
    expect(reply.statusCode, reply.body).toBe(200);
    return { page: reply.json() as Page, link: reply.headers.link as string | undefined };
  };
  const names = (page: Page) => page.records.map((r) => `${r.apprentice.givenNames} ${r.apprentice.familyName}`);

  it('finds a full name with its words in any order, ignoring case and accents, and part of a word', async () => {
    expect(names((await list('q=Leo%20Baker')).page).sort()).toEqual(['Leo Baker', 'Leo Bakerson']);
    expect(names((await list('q=baker%20leo')).page).sort()).toEqual(['Leo Baker', 'Leo Bakerson']);
    expect(names((await list('q=zoe%20angstrom')).page)).toEqual(['Zoë Ångström']);
    expect(names((await list('q=SIAN')).page)).toEqual(['Siân Llewellyn']);
    expect(names((await list('q=ovela')).page)).toEqual(['=HYPERLINK("x") Lovelace']);
    expect((await list('q=Leo%20Baker')).page.total).toBe(2);
  });

  it('finds by the start of a ULN and by the provider’s name, and never treats the search as a pattern', async () => {
    expect(names((await list(`q=${ulns[3]}`)).page)).toEqual(['Amelia Clarke']);
    expect((await list('q=southern')).page.total).toBe(6);
    expect((await list('q=%25')).page.total).toBe(0);
    expect((await list('q=_')).page.total).toBe(0);
  });

  it('filters by status, standard (code or version) and provider', async () => {
    expect((await list('standard=ST0071')).page.total).toBe(12);
    expect((await list('standard=ST0071@1.1')).page.total).toBe(4);
    expect((await list(`provider=${northId}`)).page.records.every((r) => r.provider.id === northId)).toBe(true);
    expect((await list(`provider=${northId}`)).page.total).toBe(6);
    expect((await list('status=registered')).page.total).toBe(12);
    expect((await list('status=completed')).page.total).toBe(0);
  });

  it('lists as overdue a record whose recorded EPA window ended before today and that is neither completed nor withdrawn', async () => {
    const now = today(t.ctx);
    const ids = (await list('sort=name&limit=3')).page.records.map((r) => r.id);
    const [ended, done, open] = ids as [string, string, string];
    const set = (id: string, status: 'in-epa' | 'completed', epaEnd: string) =>
      t.ctx.db.updateTable('epaRecords').set({ status, epaStart: '2026-01-05', epaEnd }).where('id', '=', id).execute();
    await set(ended, 'in-epa', addDays(now, -1));
    await set(done, 'completed', addDays(now, -30));
    await set(open, 'in-epa', now);
    expect((await list('overdue=true')).page.records.map((r) => r.id)).toEqual([ended]);
    expect((await list(`windowEndsFrom=${addDays(now, -30)}&windowEndsTo=${addDays(now, -1)}`)).page.total).toBe(2);
    await t.ctx.db.updateTable('epaRecords').set({ status: 'registered', epaStart: null, epaEnd: null }).where('id', 'in', ids).execute();
  });

  it('keeps a provider to its own apprentices, whatever it asks for', async () => {
    const { page } = await list(`provider=${southId}`, north.cookie);
    expect(page.total).toBe(0);
    expect((await list('', north.cookie)).page.total).toBe(6);
  });

  it.each(['newest', 'name', 'status', 'gateway', 'window-end'])(
    'pages through every record once, sorted by %s, with a true total and a Link to the next page',
    async (sort) => {
      const seen: string[] = [];
      let query = `sort=${sort}&limit=5`;
      for (let pages = 0; pages < 10; pages++) {
        const { page, link } = await list(query);
        expect(page.total).toBe(12);
        seen.push(...page.records.map((r) => r.id));
        if (!page.nextCursor) {
          expect(link).toBeUndefined();
          break;
        }
        expect(link).toBe(`</api/v1/records?sort=${sort}&limit=5&cursor=${page.nextCursor}>; rel="next"`);
        query = `sort=${sort}&limit=5&cursor=${page.nextCursor}`;
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
    },
  );

  it('sorts by family name, ignoring case and accents', async () => {
    const { page } = await list('sort=name&limit=4');
    expect(names(page)).toEqual(['Zoë Ångström', 'Leo Baker', 'Leo Bakerson', 'Amelia Clarke']);
  });

  it('refuses a cursor it did not make, or one made for another sort (400 CURSOR_INVALID)', async () => {
    const { page } = await list('sort=name&limit=2');
    for (const query of ['cursor=not-a-cursor', `sort=newest&cursor=${page.nextCursor}`]) {
      const reply = await t.request('GET', `/api/v1/records?${query}`, { cookie: admin.cookie });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().code).toBe('CURSOR_INVALID');
    }
  });

  it('refuses an unknown status or a malformed standard (400)', async () => {
    for (const query of ['status=archived', 'standard=retail', 'provider=nobody']) {
      const reply = await t.request('GET', `/api/v1/records?${query}`, { cookie: admin.cookie });
      expect(reply.statusCode).toBe(400);
    }
  });

  it('exports every match as CSV, whatever the page size, with formulas defused and the provider kept to its own', async () => {
    const reply = await t.request('GET', '/api/v1/records/export.csv?sort=name&limit=2', { cookie: admin.cookie });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = reply.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'uln,givenNames,familyName,dateOfBirth,standard,status,provider,employer,startDate,plannedEndDate,registeredOn,gatewayApprovedOn,epaWindowStart,epaWindowEnd,recordId',
    );
    expect(lines).toHaveLength(13);
    expect(lines[1]).toContain(',Zoë,Ångström,2004-05-06,');
    expect(reply.body).toContain(`,"'=HYPERLINK(""x"")",Lovelace,`);
    const own = await t.request('GET', '/api/v1/records/export.csv?q=leo', { cookie: north.cookie });
    expect(own.body.trimEnd().split('\r\n')).toHaveLength(2);
    const bad = await t.request('GET', '/api/v1/records/export.csv?cursor=nonsense', { cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CURSOR_INVALID');
  });
});
