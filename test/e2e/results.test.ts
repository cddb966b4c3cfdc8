import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { moderate } from '../../src/app/moderation.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

const CHANGE_REASON = 'The recording shows no referral or escalation, so P12 was not demonstrated.';

describeInBrowser('results in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  const records = { Mia: '', Ethan: '', Sophie: '' };

  const recordOf = async (givenNames: string) =>
    (
      await server.ctx.db
        .selectFrom('epaRecords')
        .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
        .select('epaRecords.id')
        .where('apprentices.givenNames', '=', givenNames)
        .executeTakeFirstOrThrow()
    ).id;

  const contextAs = (email: string) => signedInAs(browser, server.url, email);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    for (const name of ['Mia', 'Ethan', 'Sophie'] as const) records[name] = await recordOf(name);
    ({ context: admin, page } = await contextAs(DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows that Mia Robinson’s result waits for moderation, and offers no release', async () => {
    await page.goto(`${server.url}/records/${records.Mia}`);
    await expect(page.locator('#result-state').textContent()).resolves.toContain('waiting for the IQA’s moderation');
    await expect(page.locator('#release-link').count()).resolves.toBe(0);
    await page.goto(`${server.url}/records/${records.Mia}/result/release`);
    await expect(page.locator('#blockers').textContent()).resolves.toContain(
      'Source: IfATE End-Point Assessment Plan: Customer Service Specialist (Level 3), ST0071 (content of v1.2), section 8',
    );
    await expect(page.locator('#confirm-release').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('after moderation, refuses a fail released without feedback, then releases it with a banner', async () => {
    // The IQA's decisions (the moderation journey has its own browser test): the observation becomes a fail.
    const user = await server.ctx.db.selectFrom('users').selectAll().where('email', '=', DEMO.iqa).executeTakeFirstOrThrow();
    const iqa: Actor = { userId: user.id, role: 'iqa', organisationId: user.organisationId, apprenticeId: null, assessorId: null, name: user.name };
    const assessments = await server.ctx.db.selectFrom('assessments').select(['id', 'method']).where('epaRecordId', '=', records.Mia).execute();
    for (const a of assessments)
      await moderate(server.ctx, iqa, a.id, a.method === 'observation' ? { decision: 'change', grade: 'fail', reason: CHANGE_REASON } : { decision: 'agree' });

    // The IQA who moderated may release it too: the link and the page are there for them.
    const { context: iqaContext, page: iqaPage } = await contextAs(DEMO.iqa);
    await iqaPage.goto(`${server.url}/records/${records.Mia}`);
    await expect(iqaPage.locator('#release-link').count()).resolves.toBe(1);
    await iqaContext.close();

    await page.goto(`${server.url}/records/${records.Mia}`);
    await page.locator('#release-link').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/records/${records.Mia}/result/release`);
    await expect(page.locator('#provisional-overall').textContent()).resolves.toBe('Fail');
    await expect(page.locator('#feedback-hint').textContent()).resolves.toContain('Required for a fail');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Release the result' }).click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter feedback on what the apprentice should develop');
    await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#feedback');
    const released = () => server.ctx.db.selectFrom('results').select('id').where('epaRecordId', '=', records.Mia).execute();
    expect(await released()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#feedback', 'Show how you use the customer’s history when you handle a referral or an escalation.');
    await page.getByRole('button', { name: 'Release the result' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/records/${records.Mia}/result`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The result was released: Fail');
    await expect(page.locator('#overall-grade').textContent()).resolves.toBe('Fail');
    await expect(page.locator('#result-summary').textContent()).resolves.toContain('Practical observation with Q&As');
    await expect(page.locator('#feedback-link').count()).resolves.toBe(1);
    expect(await released()).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'result.png');

    // A fail changed at moderation: its report gives the IQA's reason, as no pass criterion was unmet.
    await page.locator('#feedback-link').click();
    await page.waitForLoadState('load');
    await expect(page.locator('main').textContent()).resolves.toContain(CHANGE_REASON);
  });

  it('refuses a release POSTed without the form token', async () => {
    const response = await admin.request.post(`${server.url}/records/${records.Ethan}/result/release`, { form: {}, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  it('gives Ethan Wright his results statement as a PDF from his record', async () => {
    const { context, page: own } = await contextAs('ethan.wright@apprentice.demo.capstone.test');
    await own.goto(`${server.url}/records/${records.Ethan}`);
    await expect(own.locator('#overall-grade').textContent()).resolves.toBe('Distinction');
    await expect(own.locator('#feedback-link').count()).resolves.toBe(0);
    const href = await own.locator('#statement-link').getAttribute('href');
    expect(href).toBe(`/records/${records.Ethan}/results-statement.pdf`);
    const response = await context.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline; filename="results-statement-7000000006-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await own.goto(`${server.url}/records/${records.Ethan}/result`);
    expect(await seriousViolations(own)).toEqual([]);
    await context.close();
  });

  it('shows Sophie Green’s employer the feedback report with the criteria not met, and nobody else', async () => {
    const { context, page: employer } = await contextAs('employer@lakeside.demo.capstone.test');
    await employer.goto(`${server.url}/records/${records.Sophie}`);
    await employer.locator('#feedback-link').click();
    await employer.waitForLoadState('load');
    expect(new URL(employer.url()).pathname).toBe(`/records/${records.Sophie}/feedback`);
    const p12 = employer.locator('tr[data-criterion="observation.P12"]');
    await expect(p12.textContent()).resolves.toContain('historical interactions');
    await expect(p12.textContent()).resolves.toContain('Not met');
    await expect(employer.locator('#feedback-text').textContent()).resolves.toContain('Practise handling referrals');
    await expect(employer.locator('#arranged').textContent()).resolves.toMatch(/A re-sit of the Practical observation with Q&As \(attempt 2\) is arranged/);
    await expect(employer.locator('[data-next="observation"]').textContent()).resolves.toContain('graded at most pass');
    expect(await seriousViolations(employer)).toEqual([]);
    const pdfHref = (await employer.locator('#feedback-pdf-link').getAttribute('href')) as string;
    const pdf = await context.request.get(`${server.url}${pdfHref}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of [`/records/${records.Sophie}/feedback`, `/records/${records.Sophie}/result`, `/records/${records.Sophie}`]) {
      await small.goto(`${server.url}${path}`);
      await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    }
    await narrow.close();
    await context.close();

    // Another employer's apprentice: not there, for the report and the statement alike.
    const { context: other, page: stranger } = await contextAs(DEMO.employer);
    for (const path of ['feedback', 'feedback.pdf', 'results-statement.pdf']) {
      const response = await stranger.goto(`${server.url}/records/${records.Sophie}/${path}`);
      expect(response?.status()).toBe(404);
    }
    await other.close();
  });

  it('reflows the release page at 320 px wide', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await admin.storageState() });
    const small = await narrow.newPage();
    await small.goto(`${server.url}/records/${records.Mia}/result/release`);
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await narrow.close();
  });
});
