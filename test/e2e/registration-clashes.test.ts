// Issue 10 item 8 in a browser: Summit Skills College asks to register Amelia Clarke, who is
// registered for ST0071 with Riverside Training. The EPAO admin finds the held registration
// on its navigation, reads both sides, and transfers her; Summit's new record exists and
// Riverside's is closed as transferred.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { requestRegistration } from '../../src/app/records.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('held registrations in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let heldId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
    const db = server.ctx.db;
    const summit = await db.selectFrom('users').select('id').where('email', '=', 'provider@summit.demo.capstone.test').executeTakeFirstOrThrow();
    const employer = await db.selectFrom('organisations').select('id').where('name', '=', 'Lakeside Retail Group').executeTakeFirstOrThrow();
    const outcome = await requestRegistration(server.ctx, (await actorForUser(server.ctx, summit.id)) as Actor, {
      uln: '1234567899',
      givenNames: 'Amelia',
      familyName: 'CLARKE',
      dateOfBirth: '2006-02-14',
      ehcp: false,
      employerId: employer.id,
      standard: 'ST0071@1.2',
      policy: null,
      startDate: '2025-11-03',
      extraTimePercent: 0,
    });
    if (outcome.outcome !== 'held') throw new Error('expected the registration to be held');
    heldId = outcome.held.id;
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('lists the held registration with both providers', async () => {
    await page.getByRole('link', { name: 'Held registrations' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Held registrations');
    const row = page.locator(`#clash-queue tr[data-clash="${heldId}"]`);
    const text = (await row.textContent()) ?? '';
    for (const expected of ['Amelia CLARKE', '1234567899', 'Summit Skills College', 'Riverside Training']) expect(text).toContain(expected);
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: /Decide/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/admin/registration-clashes/${heldId}`);
  });

  it('asks for a decision, then transfers the apprentice', async () => {
    await screenshot(page, 'held-registration.png');
    await pressButton(page, 'Save the decision');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select whether to transfer the apprentice or reject the registration');
    expect(await seriousViolations(page)).toEqual([]);
    await page.check('input[name="decision"][value="transfer"]');
    await pressButton(page, 'Save the decision');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The decision is saved');
    await expect(page.locator('#decided').textContent()).resolves.toContain('Transferred to Summit Skills College');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Go to the new EPA record' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toContain('Amelia Clarke');
    const records = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .innerJoin('organisations', 'organisations.id', 'apprentices.providerId')
      .select(['organisations.name', 'epaRecords.status'])
      .where('epaRecords.uln', '=', '1234567899')
      .orderBy('epaRecords.createdAt')
      .execute();
    expect(records).toEqual([
      { name: 'Riverside Training', status: 'withdrawn' },
      { name: 'Summit Skills College', status: 'registered' },
    ]);
  });
});
