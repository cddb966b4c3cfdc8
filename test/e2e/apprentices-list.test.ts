import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requestRegistration } from '../../src/app/records.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { validUln } from '../helpers.ts';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

/** More than a page (50) of extra apprentices at the demo's provider, so the list has pages. */
const EXTRA = 55;

describeInBrowser('the apprentices list in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const actorOf = async (email: string): Promise<Actor> => {
    const user = await server.ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    return { userId: user.id, role: user.role, organisationId: user.organisationId, apprenticeId: user.apprenticeId, assessorId: null, name: user.name };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const epao = await actorOf(DEMO.admin);
    const provider = await actorOf(DEMO.provider);
    const employer = await actorOf(DEMO.employer);
    for (let i = 0; i < EXTRA; i++) {
      await requestRegistration(server.ctx, epao, {
        uln: validUln(812300000 + i * 2),
        givenNames: `Learner${String(i).padStart(2, '0')}`,
        familyName: i % 2 ? 'Æsir' : 'Østergård',
        dateOfBirth: '2004-02-03',
        ehcp: false,
        providerId: provider.organisationId ?? undefined,
        employerId: employer.organisationId ?? '',
        standard: 'ST0071@1.2',
        policy: null,
        startDate: '2024-09-02',
        extraTimePercent: 0,
      });
    }
    ({ page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = () => page.locator('#apprentices tbody tr').count();

  it('finds a full name with its words in any order, from the navigation', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Apprentices', exact: true }).click();
    await page.waitForLoadState('load');
    const { count } = await server.ctx.db
      .selectFrom('epaRecords')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    await expect(page.locator('#list-count').textContent()).resolves.toContain(`${count} apprentices; showing 50 on this page`);
    await page.getByLabel(/Name, .*, employer or provider/).fill('clarke AMELIA');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('q')).toBe('clarke AMELIA');
    await expect(page.locator('#list-count').textContent()).resolves.toContain('1 apprentice match');
    await expect(page.locator('#apprentices').textContent()).resolves.toContain('Amelia Clarke');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('pages by cursor, keeps the filters in the address, and the back button returns to the first page', async () => {
    await page.goto(`${server.url}/apprentices?q=ostergard&sort=name`);
    await expect(page.locator('#list-count').textContent()).resolves.toContain('28 apprentices match');
    await page.goto(`${server.url}/apprentices?standard=ST0071%401.2&sort=name`);
    const total = Number(((await page.locator('#list-count').textContent()) ?? '').match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(50);
    expect(await rows()).toBe(50);
    const firstPage = await page.locator('#apprentices tbody tr td:first-child').allTextContents();
    const exportHref = await page.locator('#export').getAttribute('href');
    expect(exportHref).toBe('/apprentices/export.csv?standard=ST0071%401.2&sort=name');
    const csv = await page.request.get(`${server.url}${exportHref}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(total + 1);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForLoadState('load');
    const url = new URL(page.url());
    expect(url.searchParams.get('standard')).toBe('ST0071@1.2');
    expect(url.searchParams.get('cursor')).toBeTruthy();
    const secondPage = await page.locator('#apprentices tbody tr td:first-child').allTextContents();
    expect(secondPage).toHaveLength(total - 50);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await screenshot(page, 'apprentices-list.png');
    await page.goBack();
    await page.waitForLoadState('load');
    await expect(page.locator('#apprentices tbody tr td:first-child').allTextContents()).resolves.toEqual(firstPage);
  });

  it('says what is wrong with a filter, on the field, and refuses a cursor it did not make', async () => {
    await page.goto(`${server.url}/apprentices?windowEndsFrom-day=31&windowEndsFrom-month=2&windowEndsFrom-year=2027`);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('must be a real date');
    await page.goto(`${server.url}/apprentices?cursor=nonsense`);
    await expect(page.locator('#list-error').textContent()).resolves.toContain('start again from the first page');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a provider only its own apprentices, and reflows at 320 px', async () => {
    const { context, page: providerPage } = await signedInAs(browser, server.url, DEMO.provider);
    await providerPage.goto(`${server.url}/provider`);
    await expect(providerPage.locator('#more-apprentices').textContent()).resolves.toContain('Search, filter and page through all');
    await providerPage.setViewportSize({ width: 320, height: 800 });
    await providerPage.goto(`${server.url}/apprentices?q=Amelia`);
    await expect(providerPage.locator('#apprentices').textContent()).resolves.toContain('Amelia Clarke');
    expect(await providerPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await seriousViolations(providerPage)).toEqual([]);
    await context.close();
  });

  it('shows the work waiting on the admin home, each count a link to the list narrowed to its queue', async () => {
    await page.goto(`${server.url}/admin`);
    const queue = page.locator('[data-queue="gateway-review"]');
    const count = Number(await queue.locator('strong').textContent());
    await queue.getByRole('link').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('queue')).toBe('gateway-review');
    await expect(page.locator('#queue').inputValue()).resolves.toBe('gateway-review');
    if (count > 0) await expect(page.locator('#apprentices tbody tr').count()).resolves.toBe(Math.min(count, 50));
    else await expect(page.locator('#list-count').textContent()).resolves.toContain('No apprentices match');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
