// A complaint in a browser: the employer makes one about an apprentice's EPA from the record
// page, and reads the EPAO's response on its page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('a complaint in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is made from the record page, acknowledged and answered by the EPAO, and read by its maker', async () => {
    const record = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .innerJoin('users', 'users.organisationId', 'apprentices.employerId')
      .select('epaRecords.id')
      .where('users.email', '=', DEMO.employer)
      .executeTakeFirstOrThrow();
    const maker = await signedInAs(browser, server.url, DEMO.employer);
    await maker.page.goto(`${server.url}/records/${record.id}`);
    await maker.page.locator('#complain-about').click();
    await maker.page.waitForLoadState('load');
    expect(await seriousViolations(maker.page)).toEqual([]);
    await pressButton(maker.page, 'Send the complaint');
    await expect(maker.page.locator('.govuk-error-summary').textContent()).resolves.toContain('what the complaint is about');
    await maker.page.locator('#subject').fill('Assessment moved at a day’s notice');
    await maker.page.locator('#details').fill('The observation was moved the evening before; our manager had arranged cover.');
    await pressButton(maker.page, 'Send the complaint');
    await expect(maker.page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Your complaint was sent');
    const url = maker.page.url().split('?')[0] as string;

    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/complaints`);
    await epao.page.locator('#complaints a', { hasText: 'Assessment moved' }).click();
    await epao.page.waitForLoadState('load');
    await pressButton(epao.page, 'Acknowledge the complaint');
    await epao.page.locator('#response').fill('We are sorry: the assessor was taken ill. We now offer a new date within five working days.');
    await pressButton(epao.page, 'Send the response');
    expect(await seriousViolations(epao.page)).toEqual([]);
    await epao.context.close();

    await maker.page.goto(url);
    await expect(maker.page.locator('#complaint-response').textContent()).resolves.toContain('the assessor was taken ill');
    await maker.page.setViewportSize({ width: 320, height: 640 });
    const overflow = await maker.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await maker.context.close();
  });
});
