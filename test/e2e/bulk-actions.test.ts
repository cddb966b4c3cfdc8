// The EPAO's work at volume in a browser: an assessor's apprentices from their page, their
// bookings moved to another assessor in one go (each a single move, an outcome each), the
// list's downloads (CSV, results statements), and an assessor confirming a booking.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('bulk actions, downloads and confirmations in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A demo ST0071 apprentice in EPA with no result yet, the first or last by ULN. */
  const unreleased = (order: 'asc' | 'desc') =>
    server.ctx.db
      .selectFrom('epaRecords')
      .select('id')
      .where('status', '=', 'in-epa')
      .where('standard', '=', 'ST0071@1.2')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('results').select('results.id').whereRef('results.epaRecordId', '=', 'epaRecords.id'))))
      .orderBy('uln', order)
      .executeTakeFirstOrThrow();

  /** The demo's first assessor with a booking still to come, and another who assesses the same standard. */
  async function assessors() {
    const rows = await server.ctx.db
      .selectFrom('bookings')
      .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['assessors.id', 'users.name', 'users.email'])
      .where('bookings.status', '=', 'booked')
      .where('bookings.startsAt', '>', new Date())
      .execute();
    const busy = rows[0];
    if (!busy) throw new Error('the demo has no booking to come');
    const other = await server.ctx.db
      .selectFrom('assessors')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['assessors.id', 'users.name'])
      .where('assessors.id', '!=', busy.id)
      .executeTakeFirstOrThrow();
    return { busy, other };
  }

  it('moves an assessor’s bookings to another from their page, saying what was done for each', async () => {
    const { page } = await signedInAs(browser, server.url, DEMO.admin);
    const { busy, other } = await assessors();
    await page.goto(`${server.url}/admin/assessors/${busy.id}`);
    await page.locator('#assessor-apprentices').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('assessor')).toBe(busy.id);
    await expect(page.locator('#bulk-reassign legend').textContent()).resolves.toContain(`Give their bookings with ${busy.name} to another assessor`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bulk-reassign.png');
    // Nothing chosen: said on the outcome page, nothing moved.
    await pressButton(page, 'Move their bookings');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Choose the assessor to give the bookings to');
    await page.goBack();
    await page.selectOption('#assessorId', other.id);
    await pressButton(page, 'Move their bookings');
    await expect(page.locator('h1').textContent()).resolves.toBe('Bookings moved to another assessor');
    const rows = await page.locator('#outcomes tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await expect(page.locator('#bulk-summary').textContent()).resolves.toMatch(/\d+ of \d+ done/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('chases the overdue apprentices from the list, once a day', async () => {
    // An ST0071 apprentice in EPA approved at gateway long ago: the window (from approval) has passed.
    const late = await unreleased('asc');
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await server.ctx.db
      .updateTable('epaRecords')
      .set({ gatewayApprovedOn: daysAgo(200), epaStart: daysAgo(200), epaEnd: daysAgo(110) })
      .where('id', '=', late.id)
      .execute();
    const { page, context } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/apprentices?overdue=true`);
    await expect(page.locator('#bulk-remind legend').textContent()).resolves.toContain('Send them their reminders now');
    await pressButton(page, 'Send reminders to those ticked');
    await expect(page.locator('h1').textContent()).resolves.toBe('Reminders sent');
    await expect(page.locator('#bulk-summary').textContent()).resolves.toMatch(/\d+ of \d+ done/);
    expect(await seriousViolations(page)).toEqual([]);
    const chased = await server.ctx.db.selectFrom('outbox').select('id').where('dedupeKey', 'like', 'chase:%').execute();
    expect(chased.length, (await page.locator('#outcomes').textContent()) ?? '').toBeGreaterThan(0);
    // Sent again the same day: nothing more is written.
    await page.goBack();
    await pressButton(page, 'Send reminders to those ticked');
    await expect(page.locator('h1').textContent()).resolves.toBe('Reminders sent');
    expect(await server.ctx.db.selectFrom('outbox').select('id').where('dedupeKey', 'like', 'chase:%').execute()).toHaveLength(chased.length);
    await context.close();
  });

  it('claims the certificates of the certificates-to-claim queue in one go, from the admin home', async () => {
    // A passed apprentice whose certificate is not claimed yet: her result released, her EPA completed.
    const passed = await unreleased('desc');
    await server.ctx.db
      .insertInto('results')
      .values({
        epaRecordId: passed.id,
        overall: 'pass',
        capped: false,
        methodGrades: JSON.stringify({ observation: 'pass', project: 'pass', discussion: 'pass' }),
        finalAssessmentOn: '2026-11-02',
        releasedOn: '2026-11-04',
        status: 'released',
      })
      .execute();
    await server.ctx.db.updateTable('epaRecords').set({ status: 'completed' }).where('id', '=', passed.id).execute();
    const { page, context } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/`);
    await page.locator('[data-queue="certificates-to-claim"]').getByRole('link').click();
    await page.waitForLoadState('load');
    await expect(page.locator(`#bulk-claim input[value="${passed.id}"]`).isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await pressButton(page, 'Claim certificates for those ticked');
    await expect(page.locator('h1').textContent()).resolves.toBe('Certificates claimed');
    await expect(page.locator(`#outcomes tr[data-record="${passed.id}"]`).textContent()).resolves.toContain('Certificate claimed');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bulk-outcome.png');
    const certificate = await server.ctx.db.selectFrom('certificates').select('id').where('epaRecordId', '=', passed.id).execute();
    expect(certificate).toHaveLength(1);
    await context.close();
  });

  it('offers the ready-to-release queue a bulk release, each through the single release, saying why one was not released', async () => {
    // Every method of one apprentice assessed and its moderation decided, with no grades recorded:
    // in the queue (it is a view of the state), and refused by the release's own checks.
    const record = await server.ctx.db
      .selectFrom('epaRecords')
      .select(['id', 'uln'])
      .where('status', 'in', ['in-epa', 'gateway-approved', 'registered'])
      .where('standard', '=', 'ST0071@1.2')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('results').select('results.id').whereRef('results.epaRecordId', '=', 'epaRecords.id'))))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('assessments').select('assessments.id').whereRef('assessments.epaRecordId', '=', 'epaRecords.id'))),
      )
      .orderBy('uln')
      .executeTakeFirstOrThrow();
    const assessor = await server.ctx.db.selectFrom('assessors').select('id').orderBy('id').executeTakeFirstOrThrow();
    await server.ctx.db.deleteFrom('bookings').where('epaRecordId', '=', record.id).execute();
    await server.ctx.db.updateTable('epaRecords').set({ status: 'in-epa', gatewayApprovedOn: '2026-09-01' }).where('id', '=', record.id).execute();
    for (const [k, method] of ['observation', 'project', 'discussion'].entries()) {
      const startsAt = new Date(Date.UTC(2026, 9, 5 + k, 10));
      const booking = await server.ctx.db
        .insertInto('bookings')
        .values({
          epaRecordId: record.id,
          method,
          assessorId: assessor.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          bookedOn: '2026-09-01',
          venue: 'Leeds',
          status: 'held',
          warnings: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await server.ctx.db
        .insertInto('assessments')
        .values({
          bookingId: booking.id,
          epaRecordId: record.id,
          method,
          assessorId: assessor.id,
          status: 'submitted',
          judgements: '{}',
          sessionFindings: '[]',
          provisionalGrade: 'pass',
          sampled: false,
          moderationStatus: 'signed-off',
          submittedAt: startsAt,
          endedAt: startsAt,
        })
        .execute();
    }
    const { page, context } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/apprentices?queue=ready-to-release`);
    await expect(page.locator(`#bulk-release input[value="${record.id}"]`).isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await pressButton(page, 'Release results for those ticked');
    await expect(page.locator('h1').textContent()).resolves.toBe('Results released');
    const outcome = (await page.locator(`#outcomes tr[data-record="${record.id}"]`).textContent()) ?? '';
    expect(outcome).toContain('Not done');
    expect(await server.ctx.db.selectFrom('results').select('id').where('epaRecordId', '=', record.id).execute()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('downloads the list as CSV and its results statements as one PDF', async () => {
    const { page, context } = await signedInAs(browser, server.url, DEMO.admin);
    await page.goto(`${server.url}/apprentices`);
    const csvHref = await page.locator('#export').getAttribute('href');
    const csv = await context.request.get(`${server.url}${csvHref}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const statementsHref = await page.locator('#statements').getAttribute('href');
    const pdf = await context.request.get(`${server.url}${statementsHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const count = Number(pdf.headers()['x-statements']);
    expect(count).toBeGreaterThan(0);
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((body.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length).toBe(count);
    await context.close();
  });

  it('lets an assessor confirm a booking of theirs from their home page', async () => {
    const rows = await server.ctx.db
      .selectFrom('bookings')
      .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['bookings.id', 'users.email'])
      .where('bookings.status', '=', 'booked')
      .where('bookings.confirmedAt', 'is', null)
      .where('bookings.startsAt', '>', new Date())
      .execute();
    const booking = rows[0];
    if (!booking) throw new Error('the demo has no unconfirmed booking to come');
    const { page, context } = await signedInAs(browser, server.url, booking.email);
    await page.goto(`${server.url}/`);
    const row = page.locator(`#booking-${booking.id}`);
    await row.getByRole('button', { name: /I will be there/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator(`#booking-${booking.id} .govuk-tag`).textContent()).resolves.toContain('Confirmed');
    const stored = await server.ctx.db.selectFrom('bookings').select('confirmedAt').where('id', '=', booking.id).executeTakeFirstOrThrow();
    expect(stored.confirmedAt).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'assessor-confirm.png');
    // Their bookings in their own calendar: a private link, shown once, that a calendar application reads.
    await page.locator('#make-calendar-link').click();
    await page.waitForLoadState('load');
    const link = (await page.locator('#calendar-link').textContent()) ?? '';
    const feed = await fetch(`${server.url}${new URL(link).pathname}`);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    expect(await feed.text()).toContain(`UID:${booking.id}@capstone`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#stop-calendar-link').click();
    await page.waitForLoadState('load');
    expect((await fetch(`${server.url}${new URL(link).pathname}`)).status).toBe(404);
    await context.close();
  });
});
