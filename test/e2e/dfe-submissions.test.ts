// The DfE submissions page in a browser: DfE's message on a refused item, sent again from
// the page; a certificate waiting for its appeal window released early with a reason; the
// connection shown without its key.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('the DfE submissions page in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows what DfE refused and sends it again; releases a waiting certificate early, with a reason', async () => {
    const db = server.ctx.db;
    // The demo's releases and claim queued their DfE items: one refused by DfE, the claimed certificate still in its appeal wait.
    const refused = await db
      .updateTable('dfeSubmissions')
      .set({ state: 'rejected', problems: JSON.stringify([{ code: 'DFE_REFUSED', message: 'ULN, FamilyName and Standard not found.' }]) })
      .where('id', '=', (await db.selectFrom('dfeSubmissions').select('id').where('kind', '=', 'epa').orderBy('id').limit(1).executeTakeFirstOrThrow()).id)
      .returning(['id', 'epaRecordId'])
      .executeTakeFirstOrThrow();
    const first = refused.epaRecordId;
    const waiting = await db
      .updateTable('dfeSubmissions')
      .set({ notBefore: '2099-01-01' })
      .where('kind', '=', 'certificate')
      .returning('id')
      .executeTakeFirst();

    const { context, page } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'DfE submissions' }).first().click();
    await page.waitForLoadState('load');
    await expect(page.locator('#dfe-connection').textContent()).resolves.toContain('No: set DFE_API_URL');
    await page.locator('#dfe-states a', { hasText: 'Refused by DfE' }).click();
    await page.waitForLoadState('load');
    const card = page.locator(`#item-${refused.id}`);
    await expect(card.textContent()).resolves.toContain('ULN, FamilyName and Standard not found.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dfe-submissions.png');
    // The ILR spells the name otherwise: saved from the card, and the item goes again.
    await card.locator('input[name="ilrFamilyName"]').fill('Clarke-Jones');
    await card.getByRole('button', { name: 'Save the name and send again' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('sent again on the next run');
    expect((await db.selectFrom('dfeSubmissions').select('state').where('id', '=', refused.id).executeTakeFirstOrThrow()).state).toBe('queued');
    const named = await db
      .selectFrom('apprentices')
      .innerJoin('epaRecords', 'epaRecords.apprenticeId', 'apprentices.id')
      .select('apprentices.ilrFamilyName')
      .where('epaRecords.id', '=', first)
      .executeTakeFirstOrThrow();
    expect(named.ilrFamilyName).toBe('Clarke-Jones');
    // Refused again: sent again as it is, from the card.
    await db.updateTable('dfeSubmissions').set({ state: 'rejected' }).where('id', '=', refused.id).execute();
    await page.goto(`${server.url}/admin/dfe?state=rejected`);
    await page.locator(`#item-${refused.id}`).getByRole('button', { name: 'Send again on the next run' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The item is sent again on the next run');

    if (waiting) {
      await page.goto(`${server.url}/admin/dfe?state=queued`);
      const item = page.locator(`#item-${waiting.id}`);
      await expect(item.textContent()).resolves.toContain('the appeal window');
      await item.getByRole('button', { name: 'Release the certificate now' }).click();
      await page.waitForLoadState('load');
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter why the certificate goes');
      await page.locator(`#reason-${waiting.id}`).fill('The employer confirmed no appeal will be made.');
      await page.locator(`#item-${waiting.id}`).getByRole('button', { name: 'Release the certificate now' }).click();
      await page.waitForLoadState('load');
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('before its appeal wait ends');
    }
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('keeps an employer’s postal address for its certificates, with a UK postcode', async () => {
    const { context, page } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin/organisations?kind=employer`);
    const row = page.locator('#organisations tr', { hasText: 'Harbour' });
    await row.getByRole('link', { name: /Set|Change/ }).click();
    await page.waitForLoadState('load');
    await page.fill('#contactName', 'Sam Harbour');
    await page.fill('#addressLine1', '1 Quay Street');
    await page.fill('#city', 'Leeds');
    await page.fill('#postCode', 'LS1');
    await page.getByRole('button', { name: 'Save the address' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-error-summary a[href="#postCode"]').textContent()).resolves.toContain('UK postcode');
    await expect(page.locator('#city').inputValue()).resolves.toBe('Leeds');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#postCode', 'ls1 4ap');
    await page.getByRole('button', { name: 'Save the address' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('certificates are posted there');
    await expect(page.locator('#organisations tr', { hasText: 'Harbour' }).textContent()).resolves.toContain('1 Quay Street, Leeds, LS1 4AP');
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
