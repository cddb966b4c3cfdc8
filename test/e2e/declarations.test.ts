// The gateway declarations in a browser: the employer and the apprentice each confirm their
// own from the task on their home page, and the provider's gateway page shows who declared.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdf } from '../fixtures/documents.ts';
import { describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('the employer and the apprentice declare for themselves in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A demo record open for gateway whose employer has not declared, with the users of its employer, its apprentice and its provider. */
  async function openForGateway() {
    const db = server.ctx.db;
    const record = await db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .innerJoin('users as employer', 'employer.organisationId', 'apprentices.employerId')
      .innerJoin('users as apprentice', 'apprentice.apprenticeId', 'apprentices.id')
      .innerJoin('users as provider', 'provider.organisationId', 'apprentices.providerId')
      .select([
        'epaRecords.id',
        'apprentices.givenNames',
        'apprentices.familyName',
        'employer.email as employer',
        'apprentice.email as apprentice',
        'provider.email as provider',
      ])
      .where('epaRecords.status', 'in', ['registered', 'gateway-rejected'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('gatewayDeclarations').select('id').whereRef('gatewayDeclarations.epaRecordId', '=', 'epaRecords.id').where('party', '=', 'employer'),
          ),
        ),
      )
      .orderBy('epaRecords.registeredOn')
      .orderBy('epaRecords.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    return record;
  }

  it('each confirms from their home page, and the provider sees who declared', async () => {
    const r = await openForGateway();
    for (const who of [r.employer, r.apprentice]) {
      const { context, page } = await signedInAs(browser, server.url, who);
      const task = page.locator('#declarations-to-make a', { hasText: `${r.givenNames} ${r.familyName}` });
      await task.click();
      await page.waitForLoadState('load');
      await expect(page.locator('#statements').textContent()).resolves.toContain('I confirm');
      expect(await seriousViolations(page)).toEqual([]);
      if (who === r.apprentice) await screenshot(page, 'declaration-apprentice.png');
      await page.locator('#confirm-declaration').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/declaration\?done=1/);
      await expect(page.locator('#declared').textContent()).resolves.toMatch(/declared on/);
      await expect(page.locator('#confirm-declaration').count()).resolves.toBe(0);
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The task is gone from their home page.
      await page.goto(`${server.url}/${who === r.employer ? 'employer' : 'apprentice'}`);
      await expect(page.locator('#declarations-to-make a', { hasText: `${r.givenNames} ${r.familyName}` }).count()).resolves.toBe(0);
      await context.close();
    }
    const { context, page } = await signedInAs(browser, server.url, r.provider);
    await page.goto(`${server.url}/records/${r.id}/gateway`);
    const declarations = (await page.locator('#declarations').locator('xpath=ancestor::fieldset').textContent()) ?? '';
    expect(declarations.match(/declared for themselves on/g)?.length).toBe(2);
    await context.close();
  });

  it('the provider uploads the employer’s signed record, naming who signed, and the employer’s task is done', async () => {
    const r = await openForGateway();
    const { context, page } = await signedInAs(browser, server.url, r.provider);
    await page.goto(`${server.url}/records/${r.id}/gateway`);
    await expect(page.locator('#signed-record').count()).resolves.toBe(1);
    const form = { name: 'gateway-declaration-record.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(['Gateway Declaration Record', 'Signed'])) };
    // Nothing given: each field says what it needs.
    await page.getByRole('button', { name: 'Upload the signed record' }).click();
    await page.waitForLoadState('load');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    for (const needed of ['Select whose declaration the form holds', 'Enter the name of who signed', 'Enter the date signed', 'Select the signed form'])
      expect(summary).toContain(needed);
    // Signed next year: refused on the date, the answers kept.
    const nextYear = String(new Date().getUTCFullYear() + 1);
    await page.check('input[name="party"][value="employer"]');
    await page.fill('#signedBy', 'Sam Harbour');
    await page.fill('#signedOn-day', '2');
    await page.fill('#signedOn-month', '1');
    await page.fill('#signedOn-year', nextYear);
    await page.setInputFiles('#signedForm', form);
    await page.getByRole('button', { name: 'Upload the signed record' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-error-summary a[href="#signedOn-day"]').textContent()).resolves.toContain('has not been signed yet');
    await expect(page.locator('#signedBy').inputValue()).resolves.toBe('Sam Harbour');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was kept of the refused upload.
    await expect(page.locator('#pieces').textContent()).resolves.not.toContain('gateway-declaration-record.pdf');
    await page.check('input[name="party"][value="employer"]');
    await page.fill('#signedOn-year', '2024');
    await page.setInputFiles('#signedForm', form);
    await page.getByRole('button', { name: 'Upload the signed record' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The signed declaration is on file');
    await expect(page.locator('#declarations-held').locator('xpath=following-sibling::ul[1]').textContent()).resolves.toContain('Signed by Sam Harbour');
    // Only the apprentice is left to record.
    await expect(page.locator('input[name="party"][value="employer"]').count()).resolves.toBe(0);
    const declarations = (await page.locator('#declarations').locator('xpath=ancestor::fieldset').textContent()) ?? '';
    expect(declarations).toContain('Signed by Sam Harbour');
    await screenshot(page, 'declaration-signed-record.png');
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
    const employer = await signedInAs(browser, server.url, r.employer);
    await employer.page.goto(`${server.url}/employer`);
    await expect(employer.page.locator('#declarations-to-make a', { hasText: `${r.givenNames} ${r.familyName}` }).count()).resolves.toBe(0);
    await employer.context.close();
  });
});
