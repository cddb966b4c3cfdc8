// An e-mail's words edited in a browser: the preview shows the draft with example values, an
// edit that drops the link is refused on its field, and the next e-mail is sent in the new words.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('editing an e-mail in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('previews, refuses a draft without its link, saves, and the next reset e-mail is in the new words', async () => {
    const { context, page } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin/mail`);
    await page.locator('#mail-templates a', { hasText: 'reset their password' }).click();
    await page.waitForLoadState('load');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#subject').fill('Your Northbridge password link');
    await page.locator('#body').fill('Hello {{name}},\n\nUse this link within the hour to choose a new password.');
    await pressButton(page, 'Preview');
    await expect(page.locator('#preview-body').textContent()).resolves.toContain('Hello Grace Adeyemi');
    await expect(page.locator('#body-error').textContent()).resolves.toContain('must keep {{link}}');
    await page.locator('#body').fill('Hello {{name}},\n\nUse this link within the hour to choose a new password:\n\n{{link}}\n\nNorthbridge Assessment');
    await pressButton(page, 'Preview');
    await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
    await expect(page.locator('#preview-subject').textContent()).resolves.toBe('Your Northbridge password link');
    await screenshot(page, 'mail-template.png');
    await pressButton(page, 'Save');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Saved');
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();

    const someone = await browser.newContext();
    const forgot = await someone.newPage();
    await forgot.goto(`${server.url}/forgot-password`);
    await forgot.getByLabel('Email address').fill(DEMO.iqa);
    await pressButton(forgot, 'Send me a link');
    const mail = await server.ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('toAddress', '=', DEMO.iqa)
      .where('kind', '=', 'password-reset')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Your Northbridge password link');
    expect(mail.body).toMatch(/^Hello .+,\n\nUse this link within the hour[\s\S]*set-password\?token=[\w-]+\n\nNorthbridge Assessment$/);
    await someone.close();
    // The log shows what was sent to whom.
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/admin/mail/sent`);
    await expect(epao.page.locator('#mail-sent').textContent()).resolves.toContain('Your Northbridge password link');
    expect(await seriousViolations(epao.page)).toEqual([]);
    await epao.context.close();
  });
});
