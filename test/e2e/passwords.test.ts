// Passwords nobody else knows, in a browser: an assessor the EPAO adds is invited by e-mail and
// chooses their own password from the link; someone who forgot theirs resets it from the
// sign-in page; the EPAO disables an account from the people page and its session ends.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('invitations, password resets and disabled accounts in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The link in the newest e-mail to the address, as a path on this server. */
  async function linkIn(email: string, kind: string): Promise<string> {
    const mail = await server.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('toAddress', '=', email)
      .where('kind', '=', kind)
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    const token = /set-password\?token=([\w-]+)/.exec(mail.body)?.[1];
    if (!token) throw new Error(`no link in the ${kind} e-mail to ${email}`);
    return `${server.url}/set-password?token=${token}`;
  }

  async function choosePassword(page: Page, password: string) {
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#password').fill(password);
    await page.locator('#confirm').fill(`${password} but not the same`);
    await pressButton(page, 'Set my password');
    await expect(page.locator('#confirm-error').textContent()).resolves.toContain('not the same');
    await page.locator('#password').fill(password);
    await page.locator('#confirm').fill(password);
    await pressButton(page, 'Set my password');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Your password is set');
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await pressButton(page, 'Sign in');
  }

  it('invites an assessor, who chooses their own password from the e-mailed link', async () => {
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/admin/assessors/new`);
    await epao.page.fill('#name', 'Grace Adeyemi');
    await epao.page.fill('#email', 'grace.adeyemi@example.test');
    await epao.page.check('input[name="standards"][value="ST0071@1.2"]');
    await pressButton(epao.page, 'Add independent assessor');
    await expect(epao.page.locator('.govuk-notification-banner').textContent()).resolves.toContain('e-mailed an invitation');
    await epao.page.goto(`${server.url}/admin/people?role=assessor`);
    await expect(epao.page.locator('#people').textContent()).resolves.toMatch(/Grace Adeyemi[\s\S]*Invited/);
    expect(await seriousViolations(epao.page)).toEqual([]);
    await screenshot(epao.page, 'people.png');

    const grace = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await grace.newPage();
    await page.goto(await linkIn('grace.adeyemi@example.test', 'invitation'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Choose your password');
    await expect(page.locator('#link-account').textContent()).resolves.toBe('grace.adeyemi@example.test');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'set-password.png');
    await choosePassword(page, 'Grace chose this one herself');
    await signIn(page, 'grace.adeyemi@example.test', 'Grace chose this one herself');
    expect(new URL(page.url()).pathname).toBe('/assessor');
    // The link works once.
    await page.goto(await linkIn('grace.adeyemi@example.test', 'invitation'));
    await expect(page.locator('#link-problem').textContent()).resolves.toContain('already been used');
    await grace.close();
    await epao.context.close();
  });

  it('resets a forgotten password from the sign-in page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.locator('#forgot-password').click();
    await page.waitForLoadState('load');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill(DEMO.provider);
    await pressButton(page, 'Send me a link');
    await expect(page.locator('#reset-sent').textContent()).resolves.toContain(DEMO.provider);
    await page.goto(await linkIn(DEMO.provider, 'password-reset'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Choose a new password');
    await choosePassword(page, 'a new password for the provider');
    await signIn(page, DEMO.provider, DEMO.password);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter a correct email address and password');
    await signIn(page, DEMO.provider, 'a new password for the provider');
    expect(new URL(page.url()).pathname).toBe('/provider');
    await context.close();
  });

  it('adds a training provider by its UKPRN, then invites its first user', async () => {
    const { context, page } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin/organisations`);
    await page.fill('#name', 'Northern Lights Training');
    await page.fill('#ukprn', '2001');
    await pressButton(page, 'Add the training provider');
    await expect(page.locator('#ukprn-error').textContent()).resolves.toContain('eight digits beginning with 1');
    await page.fill('#ukprn', '10099911');
    await pressButton(page, 'Add the training provider');
    await expect(page.locator('#organisations').textContent()).resolves.toContain('Northern Lights Training');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/admin/people/invite`);
    await page.fill('#name', 'Sam Patel');
    await page.fill('#email', 'sam.patel@northernlights.example');
    await page.locator('input[name="role"][value="provider"]').check();
    const provider = await page.locator('#providerId option', { hasText: 'Northern Lights Training' }).getAttribute('value');
    await page.selectOption('#providerId', provider as string);
    expect(await seriousViolations(page)).toEqual([]);
    await pressButton(page, 'Send the invitation');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('They were invited');
    await expect(page.locator('#people').textContent()).resolves.toMatch(/Sam Patel[\s\S]*Northern Lights Training[\s\S]*Invited/);
    await context.close();
  });

  it('disables an account from the people page: its session ends at once', async () => {
    const employer = await signedInAs(browser, server.url, DEMO.employer);
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/admin/people?role=employer`);
    const row = epao.page.locator('#people tr', { hasText: DEMO.employer });
    await row.getByRole('button', { name: /^Disable/ }).click();
    await epao.page.waitForLoadState('load');
    await expect(epao.page.locator('.govuk-notification-banner').textContent()).resolves.toContain('sessions and API tokens ended');
    await expect(epao.page.locator('#people tr', { hasText: DEMO.employer }).textContent()).resolves.toContain('Disabled');
    await employer.page.goto(`${server.url}/employer`);
    expect(new URL(employer.page.url()).pathname).toBe('/sign-in');
    await epao.page
      .locator('#people tr', { hasText: DEMO.employer })
      .getByRole('button', { name: /^Enable/ })
      .click();
    await epao.page.waitForLoadState('load');
    await expect(epao.page.locator('#people tr', { hasText: DEMO.employer }).textContent()).resolves.toContain('Active');
    for (const c of [employer.context, epao.context]) await c.close();
  });
});
