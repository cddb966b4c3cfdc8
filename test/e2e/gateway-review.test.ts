import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEMO,
  describeInBrowser,
  launchChromium,
  pressButton,
  type RunningServer,
  screenshot,
  seriousViolations,
  shownSource,
  signedInAs,
  startServer,
} from './harness.ts';

describeInBrowser('the gateway review in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reviewPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = (name: string) => pressButton(page, name);

  it('lists the submissions waiting for a decision and opens Noah Evans’s review', async () => {
    await page.getByRole('link', { name: 'Gateway reviews' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Gateway reviews');
    const rows = page.locator('#gateway-queue tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('Noah Evans');
    expect(await seriousViolations(page)).toEqual([]);
    await rows
      .first()
      .getByRole('link', { name: /Review/ })
      .click();
    await page.waitForLoadState('load');
    reviewPath = new URL(page.url()).pathname;
    expect(reviewPath).toMatch(/^\/records\/[0-9a-f-]{36}\/gateway\/review$/);
  });

  it('shows what was sent, the coverage, and every check with its source', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('Gateway review');
    const answers = (await page.locator('#answers').textContent()) ?? '';
    expect(answers).toMatch(/English qualification held\s+Level 2/);
    expect(answers).toMatch(/Employer’s declaration\s+Signed/);
    const links = await page.locator('#evidence-files a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(12);
    for (const href of links) expect(href).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}$/);
    await expect(page.locator('#coverage-grid tbody tr').count()).resolves.toBe(13);

    await expect(page.locator('#verdict').textContent()).resolves.toContain('found the submission eligible');
    const checks = page.locator('#check-list > li');
    const ids = await checks.evaluateAll((items) => items.map((i) => i.getAttribute('data-check')));
    // PAL on ST0071: its portfolio rules (every KSB covered, mapping document, employer validation) are checked too.
    expect(ids).toEqual(['uln', 'duration', 'english-maths', 'declarations', 'portfolio-size', 'portfolio-coverage', 'mappingDocument', 'employerValidation']);
    for (const text of await checks.allTextContents()) {
      expect(text).toContain('Met');
      expect(text).toMatch(/Source: \S+/);
    }
    const portfolio = server.ctx.catalogue.standards.get('ST0071@1.2')?.standard.gateway.portfolio;
    await expect(page.locator('[data-check="portfolio-size"]').textContent()).resolves.toContain(`Source: ${shownSource(portfolio?.source)}`);
    await expect(page.locator('[data-check="portfolio-coverage"]').textContent()).resolves.toContain(
      'PAL End-Point Assessment Handbook and Specification for Customer Service Specialist ST0071 v1.2',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gateway-review.png');
  });

  it('refuses a rejection without a reason, in the error summary', async () => {
    await page.check('input[name="decision"][value="reject"]');
    await submit('Save the decision');
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter the reasons the submission is not approved');
    await expect(summary.locator('a').getAttribute('href')).resolves.toBe('#reasons');
    await expect(page.locator('#reasons-error').textContent()).resolves.toContain('Enter the reasons');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a decision posted without the form token', async () => {
    const response = await context.request.post(`${server.url}${reviewPath}`, { form: { decision: 'approve' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
    const record = await server.ctx.db
      .selectFrom('epaRecords')
      .select('status')
      .where('id', '=', reviewPath.split('/')[2] as string)
      .executeTakeFirstOrThrow();
    expect(record.status).toBe('gateway-submitted');
  });

  it('approves: a banner with the EPA window, the queue empties and the record page shows the decision', async () => {
    await page.check('input[name="decision"][value="approve"]');
    await submit('Save the decision');
    expect(new URL(page.url()).pathname).toBe(reviewPath);
    const banner = (await page.locator('.govuk-notification-banner').textContent()) ?? '';
    expect(banner).toContain('Gateway approved');
    expect(banner).toMatch(/The EPA window runs from \d+ \w+ \d{4} to \d+ \w+ \d{4}/);
    await expect(page.locator('#submission-summary').textContent()).resolves.toMatch(/Decision\s+Approved/);
    await expect(page.getByRole('button', { name: 'Save the decision' }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/admin/gateway`);
    await expect(page.locator('#gateway-queue').textContent()).resolves.toContain('No gateway submissions are waiting');
    await page.goto(`${server.url}${reviewPath.replace('/gateway/review', '')}`);
    await expect(page.locator('#gateway-review-section').textContent()).resolves.toContain('Approved');
  });

  it('offers no approval of a submission the engine found not eligible, and refuses a forged one with the failures’ sources', async () => {
    // A submission stored before a rule changed: Amelia Clarke's, put at gateway-submitted directly.
    const amelia = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('epaRecords.id')
      .where('apprentices.givenNames', '=', 'Amelia')
      .executeTakeFirstOrThrow();
    const failure = { code: 'DECLARATION_MISSING', message: 'the gateway declaration of the employer is missing', source: '001_1e92b44f98d10fcb.txt, §4' };
    await server.ctx.db.updateTable('epaRecords').set({ status: 'gateway-submitted' }).where('id', '=', amelia.id).execute();
    await server.ctx.db
      .insertInto('gatewaySubmissions')
      .values({
        epaRecordId: amelia.id,
        submittedBy: null,
        submittedOn: '2026-01-05',
        request: JSON.stringify({
          standard: 'ST0071@1.2',
          policy: 'PAL',
          apprentice: { uln: '1234567899', dateOfBirth: '2006-02-14', ehcp: false },
          programme: { startDate: '2025-06-02', gatewayDate: '2026-01-05' },
          qualifications: { english: 'level-2', maths: 'level-2' },
          declarations: { employer: false, provider: true, apprentice: true },
          portfolio: { pieces: [], mappingDocument: false, employerValidation: false, authenticityDeclaration: false },
          showcaseFormat: null,
        }),
        outcome: JSON.stringify({ eligible: false, failures: [failure], warnings: [], evidence: {} }),
        status: 'submitted',
      })
      .execute();

    await page.goto(`${server.url}/records/${amelia.id}/gateway/review`);
    await expect(page.locator('#verdict').textContent()).resolves.toContain('not eligible, so it cannot be approved');
    const declarations = (await page.locator('[data-check="declarations"]').textContent()) ?? '';
    expect(declarations).toContain('Not met');
    expect(declarations).toContain('The gateway declaration of the employer is missing');
    await expect(page.locator('input[name="decision"][value="approve"]').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Forge an approval in the form: decideGateway refuses it, and the page says why.
    await page.evaluate(() => {
      const form = document.querySelector('form[action$="/gateway/review"]') as HTMLFormElement;
      const forged = Object.assign(document.createElement('input'), { type: 'hidden', name: 'decision', value: 'approve' });
      for (const radio of form.querySelectorAll('input[name="decision"]')) radio.remove();
      form.append(forged);
    });
    await submit('Save the decision');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('The check found this submission not eligible, so it cannot be approved');
    expect(summary).toContain('Source: IfATE End-Point Assessment Plan: Customer Service Specialist (Level 3), ST0071 (content of v1.2), section 4');
    const record = await server.ctx.db.selectFrom('epaRecords').select('status').where('id', '=', amelia.id).executeTakeFirstOrThrow();
    expect(record.status).toBe('gateway-submitted');
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of [reviewPath, '/admin/gateway']) {
      await small.goto(`${server.url}${path}`);
      await small.waitForLoadState('load');
      await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    }
    await narrow.close();
  });
});
