import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { moveBooking } from '../../src/app/bookings.ts';
import { today } from '../../src/app/context.ts';
import { decideGateway, listGatewaySubmissions } from '../../src/app/gateway.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { addDays, weekday } from '../../src/domain/calendar/dates.ts';
import { isWorkingDay } from '../../src/domain/calendar/working-days.ts';
import { formatDate } from '../../src/web/render.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

const holidays = englandAndWalesBankHolidays();

/** The first working day on or after `days` from today (a weekend or bank holiday would be warned about). */
function weekdayIn(from: string, days: number): string {
  let d = addDays(from, days);
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/** The first Saturday on or after `days` from today. */
function saturdayIn(from: string, days: number): string {
  let d = addDays(from, days);
  while (weekday(d) !== 6) d = addDays(d, 1);
  return d;
}

describeInBrowser('booking assessments in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Actor;
  let recordId = '';
  let bookingsPath = '';
  let T = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const { ctx } = server;
    T = today(ctx);
    const user = await ctx.db.selectFrom('users').select(['id', 'name', 'organisationId']).where('email', '=', DEMO.admin).executeTakeFirstOrThrow();
    admin = { userId: user.id, role: 'epao-admin', organisationId: user.organisationId, apprenticeId: null, assessorId: null, name: user.name };
    const noah = await ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('epaRecords.id')
      .where('apprentices.givenNames', '=', 'Noah')
      .executeTakeFirstOrThrow();
    recordId = noah.id;
    bookingsPath = `/records/${recordId}/bookings`;
    const [submission] = await listGatewaySubmissions(ctx, admin, recordId);
    await decideGateway(ctx, admin, submission?.id as string, { decision: 'approve' });
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = (name: string) => pressButton(page, name);

  async function fillPlace(date: string, time: string, assessor: string, venue = 'Harbour Logistics, Hull') {
    const [y, m, d] = date.split('-');
    await page.fill('#date-day', String(Number(d)));
    await page.fill('#date-month', String(Number(m)));
    await page.fill('#date-year', y as string);
    await page.fill('#startTime', time);
    await page.selectOption('#assessorId', { label: assessor });
    await page.fill('#venue', venue);
  }

  async function fillBooking(method: string, date: string, time: string, assessor: string) {
    await page.selectOption('#method', { label: method });
    await fillPlace(date, time, assessor);
  }

  const row = (method: string, status = 'booked') => page.locator(`#bookings tr[data-method="${method}"][data-status="${status}"]`);
  const bookingCount = async () =>
    Number(
      (
        await server.ctx.db
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('epaRecordId', '=', recordId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('opens the bookings from the record page and refuses an empty form in the error summary', async () => {
    await page.goto(`${server.url}/records/${recordId}`);
    await page.getByRole('link', { name: 'Book, move or cancel assessments' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(bookingsPath);
    await expect(page.locator('#bookings').textContent()).resolves.toContain('Nothing is booked yet');
    expect(await seriousViolations(page)).toEqual([]);

    await submit('Check the booking');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    for (const text of ['Select the assessment method', 'Enter the date of the assessment', 'Enter the start time', 'Select the independent assessor'])
      expect(summary).toContain(text);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('#startTime-error').textContent()).resolves.toContain('Enter the start time');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('books the discussion: the check page first, nothing saved until it is confirmed', async () => {
    await fillBooking('Professional discussion supported by portfolio evidence', weekdayIn(T, 28), '14:00', 'Helen Marsh');
    await submit('Check the booking');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check the booking');
    await expect(page.locator('#no-warnings').textContent()).resolves.toContain('no warnings');
    expect(await bookingCount()).toBe(0);
    await submit('Confirm booking');
    expect(new URL(page.url()).pathname).toBe(bookingsPath);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Booked: Professional discussion');
    await expect(row('discussion').textContent()).resolves.toContain('Helen Marsh');
  });

  it('books the observation before it: the check page shows the order warning with its source, and it can still be confirmed', async () => {
    const date = weekdayIn(T, 21);
    await fillBooking('Practical observation with Q&As', date, '9:30', 'David Chen');
    await submit('Check the booking');
    const warnings = (await page.locator('#warning-list').textContent()) ?? '';
    expect(warnings).toContain('differs from the recommended discussion before observation');
    expect(warnings).toContain('Source: PAL End-Point Assessment Handbook and Specification for Customer Service Specialist ST0071 v1.2, Section 2');
    expect(warnings).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    const summary = (await page.locator('#check-summary').textContent()) ?? '';
    expect(summary).toContain(formatDate(date));
    expect(summary).toMatch(/09:30 to \d\d:\d\d \(UK time\)/);
    await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'booking-check.png');
    expect(await bookingCount()).toBe(1);

    await submit('Confirm booking');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Booked: Practical observation with Q&As');
    const listed = (await row('observation').textContent()) ?? '';
    expect(listed).toContain(formatDate(date));
    expect(listed).toContain('09:30');
    expect(listed).toContain('David Chen');
    expect(listed).toContain('Harbour Logistics, Hull');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('moves the observation after the discussion: a check page, then confirmed', async () => {
    const date = weekdayIn(T, 35);
    await row('observation').getByRole('link', { name: /Move/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Move the booking');
    await expect(page.locator('#startTime').inputValue()).resolves.toBe('09:30');
    expect(await seriousViolations(page)).toEqual([]);
    await fillPlace(date, '11:00', 'Fatima Begum');
    await submit('Check the move');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check the move');
    await expect(page.locator('#check-summary').textContent()).resolves.toMatch(/Now booked.*David Chen/s);
    await expect(page.locator('#charge').textContent()).resolves.toContain('no charge');
    expect(await seriousViolations(page)).toEqual([]);
    await submit('Confirm the move');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Moved: Practical observation with Q&As');
    const listed = (await row('observation').textContent()) ?? '';
    expect(listed).toContain(formatDate(date));
    expect(listed).toContain('Fatima Begum');
  });

  it('refuses a stale move with a clear message', async () => {
    await row('observation').getByRole('link', { name: /Move/ }).click();
    await page.waitForLoadState('load');
    // Someone else moves it while the form is open.
    const booking = await server.ctx.db
      .selectFrom('bookings')
      .select(['id', 'version'])
      .where('epaRecordId', '=', recordId)
      .where('method', '=', 'observation')
      .executeTakeFirstOrThrow();
    await moveBooking(server.ctx, admin, booking.id, { version: booking.version, startTime: '13:00' });
    await page.fill('#startTime', '15:00');
    await submit('Check the move');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Someone else changed this booking after you opened it');
    await expect(page.getByRole('button', { name: 'Confirm the move' }).count()).resolves.toBe(0);
    await page.goto(`${server.url}${bookingsPath}`);
    await expect(row('observation').textContent()).resolves.toContain('13:00');
  });

  it('cancels the discussion: the reason is required, and the check page shows the charge the policy sets', async () => {
    await row('discussion')
      .getByRole('link', { name: /Cancel/ })
      .click();
    await page.waitForLoadState('load');
    await submit('Check the cancellation');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason for cancelling');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#reason', 'The apprentice is on leave that week.');
    await submit('Check the cancellation');
    const charge = (await page.locator('#main-content').textContent()) ?? '';
    expect(charge).toContain('Cancellation charge');
    expect(charge).toMatch(/No charge: the assessment is \d+ working days away/);
    expect(charge).toContain('Source: the EPAO policy sets no cancellation charge');
    expect(await seriousViolations(page)).toEqual([]);
    await submit('Confirm the cancellation');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Cancelled: Professional discussion');
    await expect(row('discussion', 'cancelled').count()).resolves.toBe(1);
  });

  it('refuses a booking outside the EPA window, with its source and no confirm button', async () => {
    const record = await server.ctx.db.selectFrom('epaRecords').select('epaEnd').where('id', '=', recordId).executeTakeFirstOrThrow();
    await fillBooking('Work-based project supported by an interview', weekdayIn(record.epaEnd as string, 7), '14:00', 'Helen Marsh');
    await submit('Check the booking');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check the booking');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('This booking cannot be made');
    const refusals = (await page.locator('#refusal-list').textContent()) ?? '';
    expect(refusals).toMatch(new RegExp(`The project on \\d{4}-\\d\\d-\\d\\d outside the EPA window \\S+ to ${record.epaEnd}`));
    expect(refusals).toMatch(/Source: IfATE End-Point Assessment Plan: Customer Service Specialist/);
    await expect(page.getByRole('button', { name: 'Confirm booking' }).count()).resolves.toBe(0);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await bookingCount()).toBe(2);
    // Going back to change it keeps what was typed, to put right the date alone.
    await submit('Go back and change it');
    expect(new URL(page.url()).pathname).toBe(`${bookingsPath}/change`);
    expect(await page.locator('#method option:checked').textContent()).toBe('Work-based project supported by an interview');
    expect(await page.inputValue('#startTime')).toBe('14:00');
    expect(await page.inputValue('#venue')).toBe('Harbour Logistics, Hull');
    expect(await page.locator('#assessorId option:checked').textContent()).toBe('Helen Marsh');
  });

  it('warns, before confirming, of a Saturday, a session ending after working hours and a project report not in yet', async () => {
    await page.goto(`${server.url}${bookingsPath}`);
    await fillBooking('Work-based project supported by an interview', saturdayIn(T, 15), '17:30', 'Helen Marsh');
    await submit('Check the booking');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check the booking');
    await expect(page.locator('#no-warnings').count()).resolves.toBe(0);
    const codes = await page.locator('#warning-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['NOT_A_WORKING_DAY', 'OUTSIDE_WORKING_HOURS', 'PROJECT_NOT_SUBMITTED']));
    const warnings = (await page.locator('#warning-list').textContent()) ?? '';
    expect(warnings).toMatch(/Saturday \d{4}-\d\d-\d\d, a weekend: not a working day/);
    expect(warnings).toMatch(/runs from 17:30 to 18:\d\d, outside working hours \(08:00 to 18:00, UK time\)/);
    expect(warnings).toMatch(/project report is not in yet/);
    expect(warnings).toContain('Source: 004 Section 5');
    // Warnings only: it can still be booked.
    await expect(page.getByRole('button', { name: 'Confirm booking' }).count()).resolves.toBe(1);
    await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await bookingCount()).toBe(2);
  });

  it('refuses a confirm posted without the form token, and books nothing', async () => {
    const helen = await server.ctx.db
      .selectFrom('assessors')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select('assessors.id')
      .where('users.name', '=', 'Helen Marsh')
      .executeTakeFirstOrThrow();
    const [y, m, d] = weekdayIn(T, 40).split('-');
    const response = await context.request.post(`${server.url}${bookingsPath}`, {
      form: {
        method: 'project',
        'date-day': d as string,
        'date-month': m as string,
        'date-year': y as string,
        startTime: '14:00',
        assessorId: helen.id,
        venue: 'Hull',
      },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
    expect(await bookingCount()).toBe(2);
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    await small.goto(`${server.url}${bookingsPath}`);
    await small.waitForLoadState('load');
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    // The check page too.
    await small.selectOption('#method', 'project');
    const [y, m, d] = weekdayIn(T, 40).split('-');
    await small.fill('#date-day', d as string);
    await small.fill('#date-month', m as string);
    await small.fill('#date-year', y as string);
    await small.fill('#startTime', '14:00');
    await small.selectOption('#assessorId', { label: 'Helen Marsh' });
    await small.fill('#remoteLink', 'https://meet.example.com/a-rather-long-remote-link-for-the-project-interview');
    await small.getByRole('button', { name: 'Check the booking' }).click();
    await small.waitForLoadState('load');
    await expect(small.locator('h1').textContent()).resolves.toBe('Check the booking');
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await narrow.close();
  });
});
