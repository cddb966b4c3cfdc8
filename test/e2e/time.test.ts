// An assessor's time in a browser: their week of bookings with the bank holidays shown,
// their weekly hours, and their leave, kept by themselves.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('an assessor’s time in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows their week with its bank holidays, and keeps their weekly hours and leave', async () => {
    const { context, page } = await signedInAs(browser, server.url, DEMO.assessor);
    await page.locator('#your-time').click();
    await page.waitForLoadState('load');
    expect(await seriousViolations(page)).toEqual([]);
    const path = new URL(page.url()).pathname;
    await page.goto(`${server.url}${path}?week=2026-12-25#week`);
    await expect(page.locator('#week-calendar tr[data-date="2026-12-25"]').textContent()).resolves.toContain('Bank holiday');
    await expect(page.locator('#week-calendar tr[data-date="2026-12-24"]').textContent()).resolves.not.toContain('Bank holiday');

    await page.locator('#starts-1').fill('09:00');
    await page.locator('#ends-1').fill('08:00');
    await pressButton(page, 'Save the weekly hours');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Monday');
    await page.locator('#starts-1').fill('09:00');
    await page.locator('#ends-1').fill('17:00');
    await page.locator('#starts-3').fill('10:00');
    await page.locator('#ends-3').fill('14:00');
    await pressButton(page, 'Save the weekly hours');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('weekly hours are saved');
    await expect(page.inputValue('#ends-3')).resolves.toBe('14:00');

    await page.fill('#leaveFrom-day', '10');
    await page.fill('#leaveFrom-month', '8');
    await page.fill('#leaveFrom-year', '2030');
    await page.fill('#leaveTo-day', '21');
    await page.fill('#leaveTo-month', '8');
    await page.fill('#leaveTo-year', '2030');
    await page.fill('#reason', 'Summer holiday');
    await pressButton(page, 'Add the leave');
    await expect(page.locator('#leave-list').textContent()).resolves.toContain('10 August 2030 to 21 August 2030 (Summer holiday)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'assessor-time.png');
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: /Remove/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#leave-list').count()).resolves.toBe(0);
    await context.close();
  });

  it('gives the EPAO a week of every assessor’s bookings, by standard or by assessor', async () => {
    const booking = await server.ctx.db
      .selectFrom('bookings')
      .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['bookings.startsAt', 'epaRecords.standard', 'apprentices.givenNames', 'apprentices.familyName'])
      .where('bookings.status', '=', 'booked')
      .orderBy('bookings.startsAt')
      .executeTakeFirstOrThrow();
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(booking.startsAt);
    const name = `${booking.givenNames} ${booking.familyName}`;
    const { context, page } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin/calendar?week=${date}`);
    await expect(page.locator(`#calendar tr[data-date="${date}"]`).textContent()).resolves.toContain(name);
    expect(await seriousViolations(page)).toEqual([]);
    const other = booking.standard === 'ST0071@1.2' ? 'ST0072@1.1' : 'ST0071@1.2';
    await page.selectOption('#standard', other);
    await pressButton(page, 'Show');
    await expect(page.locator(`#calendar tr[data-date="${date}"]`).textContent()).resolves.not.toContain(name);
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
