// The gateway declarations in a browser: the employer and the apprentice each confirm their
// own from the task on their home page, and the provider's gateway page shows who declared.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

  /** A demo record open for gateway, with the users of its employer, its apprentice and its provider. */
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
      .where('epaRecords.status', '=', 'registered')
      .orderBy('epaRecords.registeredOn')
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
});
