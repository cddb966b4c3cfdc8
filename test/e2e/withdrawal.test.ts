// A withdrawal in a browser: the training provider asks for it, seeing each booking to come
// with the charge the policy makes due; the EPAO reviews the same charges and confirms, and
// the bookings are cancelled with them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { addWorkingDays } from '../../src/domain/calendar/working-days.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('a withdrawal asked for and confirmed in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Oliver Price (VTCT: the full fee for a cancellation within 10 working days), with a booking 5 and one 30 working days away. */
  async function oliver() {
    const db = server.ctx.db;
    const record = await db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['epaRecords.id', 'apprentices.providerId'])
      .where('apprentices.givenNames', '=', 'Oliver')
      .where('apprentices.familyName', '=', 'Price')
      .executeTakeFirstOrThrow();
    const provider = await db
      .selectFrom('users')
      .select('email')
      .where('organisationId', '=', record.providerId)
      .where('role', '=', 'provider')
      .executeTakeFirstOrThrow();
    const assessor = await db.selectFrom('assessors').select('id').executeTakeFirstOrThrow();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const holidays = englandAndWalesBankHolidays();
    const book = async (method: string, workingDays: number) => {
      const day = addWorkingDays(today, workingDays, holidays);
      const row = await db
        .insertInto('bookings')
        .values({
          epaRecordId: record.id,
          method,
          assessorId: assessor.id,
          startsAt: `${day}T09:00:00Z`,
          endsAt: `${day}T10:00:00Z`,
          bookedOn: today,
          venue: 'Leeds',
          status: 'booked',
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    return { recordId: record.id, providerEmail: provider.email, near: await book('observation', 5), far: await book('discussion', 30) };
  }

  it('is asked for by the provider and confirmed by the EPAO, each seeing the charges first', async () => {
    const { recordId, providerEmail, near, far } = await oliver();
    const asker = await signedInAs(browser, server.url, providerEmail);
    await asker.page.goto(`${server.url}/records/${recordId}`);
    await asker.page.locator('#withdrawal-link').click();
    await asker.page.waitForLoadState('load');
    await expect(asker.page.locator(`#withdrawal-charges tr[data-booking="${near}"]`).textContent()).resolves.toContain('Full fee');
    await expect(asker.page.locator(`#withdrawal-charges tr[data-booking="${far}"]`).textContent()).resolves.toContain('None');
    await expect(asker.page.locator('#charges-summary').textContent()).resolves.toContain('1 of 2 bookings would be charged the full fee');
    expect(await seriousViolations(asker.page)).toEqual([]);
    await pressButton(asker.page, 'Ask the EPAO to withdraw');
    await expect(asker.page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason');
    await asker.page.locator('#reason').fill('Oliver has left his employer and the apprenticeship has ended.');
    await pressButton(asker.page, 'Ask the EPAO to withdraw');
    await expect(asker.page.locator('.govuk-notification-banner').textContent()).resolves.toContain('You asked the EPAO to withdraw');
    await expect(asker.page.locator('#request-withdrawal').count()).resolves.toBe(0);

    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/records/${recordId}`);
    await expect(epao.page.locator('#withdrawal-request').textContent()).resolves.toContain('has left his employer');
    await epao.page.locator('#withdrawal-link').click();
    await epao.page.waitForLoadState('load');
    await expect(epao.page.locator(`#withdrawal-charges tr[data-booking="${near}"]`).textContent()).resolves.toContain('Full fee');
    expect(await seriousViolations(epao.page)).toEqual([]);
    await screenshot(epao.page, 'withdrawal-review.png');
    await epao.page.setViewportSize({ width: 320, height: 640 });
    const overflow = await epao.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await epao.page.setViewportSize({ width: 1280, height: 800 });
    await pressButton(epao.page, 'Confirm the withdrawal');
    expect(new URL(epao.page.url()).pathname).toBe(`/records/${recordId}`);
    const bookings = await server.ctx.db.selectFrom('bookings').select(['id', 'status', 'cancellationCharge']).where('id', 'in', [near, far]).execute();
    expect(Object.fromEntries(bookings.map((b) => [b.id, [b.status, b.cancellationCharge]]))).toEqual({
      [near]: ['cancelled', 'full-fee'],
      [far]: ['cancelled', null],
    });
    const record = await server.ctx.db.selectFrom('epaRecords').select('status').where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(record.status).toBe('withdrawn');
    for (const c of [asker.context, epao.context]) await c.close();
  });
});
