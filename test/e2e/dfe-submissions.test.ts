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
    const first = (await db.selectFrom('epaRecords').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const refused = await db
      .insertInto('dfeSubmissions')
      .values({
        epaRecordId: first,
        kind: 'epa',
        state: 'rejected',
        problems: JSON.stringify([{ code: 'DFE_REFUSED', message: 'ULN, FamilyName and Standard not found.' }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const certificate = await db.selectFrom('certificates').select(['id', 'epaRecordId']).executeTakeFirst();
    const waiting = certificate
      ? await db
          .insertInto('dfeSubmissions')
          .values({ epaRecordId: certificate.epaRecordId, kind: 'certificate', certificateId: certificate.id, notBefore: '2099-01-01' })
          .returning('id')
          .executeTakeFirstOrThrow()
      : null;

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
    await card.getByRole('button', { name: 'Send again on the next run' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('sent again on the next run');
    expect((await db.selectFrom('dfeSubmissions').select('state').where('id', '=', refused.id).executeTakeFirstOrThrow()).state).toBe('queued');

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
});
