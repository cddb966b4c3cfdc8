import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatDate } from '../../src/web/render.ts';
import { describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signInAs, startServer } from './harness.ts';

const email = (name: string) => `${name.toLowerCase().replace(' ', '.')}@apprentice.demo.capstone.test`;

describeInBrowser('the apprentice’s My EPA in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The apprentice's My EPA page, signed in as them. */
  async function myEpa(name: string, width = 1280): Promise<Page> {
    let context = contexts.get(`${name}@${width}`);
    if (!context) {
      context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
      const signIn = await context.newPage();
      await signInAs(signIn, server.url, email(name));
      await signIn.close();
      contexts.set(`${name}@${width}`, context);
    }
    const page = await context.newPage();
    await page.goto(`${server.url}/apprentice`);
    await page.waitForLoadState('load');
    return page;
  }

  const recordOf = (familyName: string) =>
    server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['epaRecords.id', 'epaRecords.epaStart', 'epaRecords.epaEnd'])
      .where('apprentices.familyName', '=', familyName)
      .executeTakeFirstOrThrow();
  const bookingsOf = (recordId: string) =>
    server.ctx.db
      .selectFrom('bookings')
      .select(['method', 'startsAt'])
      .where('epaRecordId', '=', recordId)
      .where('status', '=', 'booked')
      .orderBy('startsAt')
      .execute();
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ');

  it('tells Isla Hughes her next assessment, the window, and the showcase still to send', async () => {
    const page = await myEpa('Isla Hughes');
    await expect(page.locator('h1').textContent()).resolves.toBe('My EPA');
    const record = await recordOf('Hughes');
    const [first] = await bookingsOf(record.id);
    const firstDate = formatDate(first?.startsAt);
    expect(first?.method).toBe('showcase');
    expect(await text(page, `#record-${record.id} [data-next]`)).toBe(`Your next assessment is the apprentice showcase on ${firstDate} at 10:00.`);
    const progress = await text(page, `#progress-${record.id}`);
    expect(progress).toContain(`Next assessment Apprentice showcase, ${firstDate} at 10:00, Online`);
    expect(progress).toContain(`EPA window opens ${formatDate(record.epaStart)}`);
    expect(progress).toContain(`EPA window closes ${formatDate(record.epaEnd)}`);
    expect(progress).toMatch(/Gateway Approved on \d{1,2} \w+ \d{4}/);
    await expect(page.locator(`#assessments-${record.id} tbody tr`).count()).resolves.toBe(3);
    const work = await text(page, `#work-list-${record.id}`);
    expect(work).toContain('Showcase To send');
    expect(work).toContain('The assessment plan sets no date to send it by');
    expect(work).toContain('Length: at most 4,500 words, not counting annexes');
    expect(await text(page, `#result-detail-${record.id}`)).toContain('Your result appears here once the EPAO releases it');
    await expect(page.locator(`#timeline-${record.id} li[data-kind="assessment"] .govuk-tag`).count()).resolves.toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'apprentice-my-epa.png');
  });

  it('shows Ethan Wright his distinction and his certificate sent to his employer', async () => {
    const page = await myEpa('Ethan Wright');
    const record = await recordOf('Wright');
    const certificate = await server.ctx.db.selectFrom('certificates').select('sentOn').where('epaRecordId', '=', record.id).executeTakeFirstOrThrow();
    expect(await text(page, `#record-${record.id} [data-next]`)).toBe('Your EPA is complete and your certificate has been sent.');
    const result = await text(page, `#result-detail-${record.id}`);
    expect(result).toContain('Overall grade: Distinction');
    expect(result).toContain('Practical observation with Q&As: Distinction');
    expect(await text(page, `#certificate-detail-${record.id}`)).toContain(`Sent to your employer, Meridian Telecom, on ${formatDate(certificate.sentOn)}`);
    const work = await text(page, `#work-list-${record.id}`);
    expect(work).toMatch(/Project report Sent Sent on \d{1,2} \w+ \d{4}: 2,453 words counted/);
    const kinds = await page.locator(`#timeline-${record.id} > li`).evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds.slice(-3)).toEqual(['certificate-requested', 'certificate-issued', 'certificate-sent']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows Sophie Green her fail with its feedback, the appeal, and the re-sit booked', async () => {
    const page = await myEpa('Sophie Green');
    const record = await recordOf('Green');
    const [resit] = await bookingsOf(record.id);
    expect(await text(page, `#record-${record.id} [data-next]`)).toBe(
      `Your next assessment is the practical observation with Q&As (a re-sit, attempt 2) on ${formatDate(resit?.startsAt)} at 10:00.`,
    );
    const result = await text(page, `#result-detail-${record.id}`);
    expect(result).toContain('Overall grade: Fail');
    expect(result).toContain('Practical observation with Q&As: Fail');
    expect(result).toContain('Practise handling referrals with the full customer history before the re-sit.');
    expect(result).toMatch(/An appeal against this result was made on \d{1,2} \w+ \d{4} and is being considered/);
    expect(await text(page, `#certificate-detail-${record.id}`)).toContain('A certificate is for a pass or distinction');
    expect(await seriousViolations(page)).toEqual([]);
    // Her own feedback report and results statement, from the same page.
    await page.getByRole('link', { name: 'Read your feedback report' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/records/${record.id}/feedback`);
    expect(await page.locator('main').textContent()).toContain('Practise handling referrals with the full customer history before the re-sit.');
    const statement = await page.context().request.get(`${page.url().replace(/\/feedback$/, '')}/results-statement.pdf`);
    expect(statement.headers()['content-type']).toContain('application/pdf');
    // The rules' sources are left out of her own pages until she asks for them.
    const sources = page.locator('.capstone-finding-source:not(.capstone-ksbs)');
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.evaluateAll((found) => found.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    await page.getByRole('link', { name: 'Show where each rule on this page comes from' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('detail')).toBe('sources');
    await expect(sources.first().isVisible()).resolves.toBe(true);
    await expect(page.locator('#show-sources').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells Amelia Clarke, just registered, that gateway comes first', async () => {
    const page = await myEpa('Amelia Clarke');
    const record = await recordOf('Clarke');
    expect(await text(page, `#record-${record.id} [data-next]`)).toBe('Your training provider puts you forward for gateway when you are ready.');
    expect(await text(page, `#progress-${record.id}`)).toContain('Gateway Not submitted yet');
    expect(await text(page, `#record-${record.id}`)).toContain('Your dates are set when your gateway is approved.');
    await expect(page.locator(`#certificate-detail-${record.id}`).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the apprentice their own record’s timeline, and no one else’s', async () => {
    const page = await myEpa('Isla Hughes');
    const own = await recordOf('Hughes');
    await page.goto(`${server.url}/records/${own.id}`);
    const kinds = await page.locator('#timeline > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds.slice(0, 3)).toEqual(['registered', 'gateway-submitted', 'gateway-approved']);
    await expect(page.getByRole('link', { name: /Upload the/ }).count()).resolves.toBe(0);
    const other = await recordOf('Wright');
    const context = contexts.get('Isla Hughes@1280') as BrowserContext;
    expect((await context.request.get(`${server.url}/records/${other.id}`)).status()).toBe(404);
    expect((await context.request.get(`${server.url}/records/${own.id}/work`)).status()).toBe(403);
  });

  it('refuses a forged upload from the apprentice’s session', async () => {
    const own = await recordOf('Hughes');
    const context = contexts.get('Isla Hughes@1280') as BrowserContext;
    const response = await context.request.post(`${server.url}/records/${own.id}/work`, {
      multipart: { kind: 'showcase', file: { name: 'forged.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    const files = await server.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', own.id).where('purpose', '=', 'showcase').execute();
    expect(files).toEqual([]);
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    for (const name of ['Isla Hughes', 'Sophie Green']) {
      const page = await myEpa(name, 320);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
      await page.close();
    }
  });
});
