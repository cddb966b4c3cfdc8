// The schedule in a browser, as the demo's EPAO admin: a refusal on the form keeps nothing;
// a proposal over the next two months places Leo Baker's three waiting assessments (the
// demo's apprentice approved at gateway with nothing booked) with an assessor and reasons,
// books nothing until accepted, and accepting books exactly those, which then show on his
// bookings page; a proposal discarded, and a stale page's accept refused in plain words.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { today } from '../../src/app/context.ts';
import { addDays } from '../../src/domain/calendar/dates.ts';
import { utcToLondon } from '../../src/domain/calendar/london-time.ts';
import { insertProposal } from '../../src/store/repositories/schedule-proposals.repository.ts';
import { formatDate } from '../../src/web/render.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

const DEMO_ASSESSORS = /Helen|David|Fatima/;

describeInBrowser('the schedule in a browser: propose, review, accept', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let proposalPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const proposals = async () => (await server.ctx.db.selectFrom('scheduleProposals').select('id').execute()).length;

  const fillDate = async (name: 'from' | 'to', iso: string) => {
    const [year, month, day] = iso.split('-');
    await page.fill(`#${name}-day`, String(Number(day)));
    await page.fill(`#${name}-month`, String(Number(month)));
    await page.fill(`#${name}-year`, String(year));
  };

  it('refuses a last day before the first on the form, in plain words, and keeps nothing', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Schedule', exact: true }).click();
    await page.waitForURL(/\/admin\/schedule$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Schedule assessments');
    await expect(page.locator('#no-proposals').textContent()).resolves.toContain('None yet');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'schedule-form.png');

    const T = today(server.ctx);
    await fillDate('from', addDays(T, 20));
    await fillDate('to', addDays(T, 10));
    await pressButton(page, 'Propose a schedule');
    await expect(page.locator('.govuk-error-summary a[href="#to-day"]').textContent()).resolves.toContain(
      'The last day must be the same as or after the first day',
    );
    await expect(page.locator('#to-day').inputValue()).resolves.toBe(String(Number(addDays(T, 10).slice(8))));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await proposals()).toBe(0);
  });

  it('proposes the waiting assessments with an assessor, reasons and figures, booking nothing yet', async () => {
    const T = today(server.ctx);
    await page.goto(`${server.url}/admin/schedule`);
    await fillDate('from', addDays(T, 1));
    await fillDate('to', addDays(T, 60));
    // The scheduler runs in a worker, for up to about ten seconds.
    await page.getByRole('button', { name: 'Propose a schedule' }).click();
    await page.waitForURL(/\/admin\/schedule\/proposals\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    proposalPath = new URL(page.url()).pathname;

    await expect(page.locator('#not-booked').textContent()).resolves.toContain('Nothing is booked until you accept this proposal');
    await expect(page.locator('#not-booked').textContent()).resolves.toContain('each booking is checked again');
    const rows = page.locator('#placements tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    for (const row of await rows.all()) {
      await expect(row.locator('.capstone-apprentice').textContent()).resolves.toBe('Leo Baker');
      await expect(row.locator('.capstone-assessor').textContent()).resolves.toMatch(DEMO_ASSESSORS);
      await expect(row.locator('.capstone-start').textContent()).resolves.toMatch(/^\d\d:\d\d$/);
      expect(await row.locator('.capstone-reasons li').count()).toBeGreaterThan(0);
    }
    const methods = (await rows.locator('td:nth-child(3)').allTextContents()).join(' ').toLowerCase();
    for (const m of ['observation', 'project', 'discussion']) expect(methods).toContain(m);
    const placed = await page.locator('#figures tr[data-figure="placed"] td').allTextContents();
    expect(placed).toEqual(['0', '3']);
    await expect(page.locator('#figures tr[data-figure="mean-days"] td').nth(1).textContent()).resolves.toMatch(/^\d+ days$/);
    await expect(page.locator('#all-placed').textContent()).resolves.toContain('every assessment waiting has a proposed date');
    // Nothing is booked yet.
    const recordId = ((await rows.first().getAttribute('data-key')) ?? '').split(':')[0] as string;
    const booked = () => server.ctx.db.selectFrom('bookings').select(['method', 'assessorId', 'status']).where('epaRecordId', '=', recordId).execute();
    expect(await booked()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'schedule-review.png');
  }, 90_000);

  it('accepts: books exactly what was proposed, shows the outcome, and the bookings page has them', async () => {
    // A second tab left open on the review, to accept again once it is accepted.
    const stale = await context.newPage();
    await stale.goto(`${server.url}${proposalPath}`);
    await page.goto(`${server.url}${proposalPath}`);
    const proposed = await page.locator('#placements tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        date: tr.querySelector('.capstone-date')?.textContent ?? '',
        start: tr.querySelector('.capstone-start')?.textContent ?? '',
        assessor: tr.querySelector('.capstone-assessor')?.textContent ?? '',
      })),
    );
    await pressButton(page, 'Accept and book');
    await page.waitForURL(/\?done=accepted$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Accepted: 3 booked, 0 moved, 0 refused');
    await expect(page.locator('#outcome-counts').textContent()).resolves.toMatch(/Booked\s+3/);
    await expect(page.locator('#proposal-summary').textContent()).resolves.toContain('Accepted');
    expect(await page.locator('#accept').count()).toBe(0);
    const outcomes = await page.locator('#placements tbody tr td:last-child').allTextContents();
    expect(outcomes.map((o) => o.trim().split(':')[0])).toEqual(['Booked', 'Booked', 'Booked']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'schedule-accepted.png');

    // Booked as proposed: the same assessor, date and UK time.
    const recordId = proposed[0]?.key.split(':')[0] as string;
    const rows = await server.ctx.db
      .selectFrom('bookings')
      .innerJoin('assessors', 'assessors.id', 'bookings.assessorId')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['bookings.method', 'bookings.status', 'bookings.startsAt', 'users.name'])
      .where('bookings.epaRecordId', '=', recordId)
      .execute();
    const made = rows.map((r) => {
      const at = utcToLondon(r.startsAt);
      return `${r.method}:${r.status}:${formatDate(at.date)}:${at.time}:${r.name}`;
    });
    expect(made.sort()).toEqual(proposed.map((p) => `${p.key.split(':')[1]}:booked:${p.date}:${p.start}:${p.assessor}`).sort());

    await page
      .locator('#placements tbody tr')
      .first()
      .getByRole('link', { name: /Booked/ })
      .click();
    await page.waitForURL(new RegExp(`/records/${recordId}/bookings$`));
    const bookingsText = (await page.locator('main').textContent()) ?? '';
    for (const p of proposed) {
      expect(bookingsText).toContain(p.assessor);
      expect(bookingsText).toContain(p.date);
    }

    // The tab opened before accepting: accepting again is refused, in plain words, and books nothing more.
    await stale.getByRole('button', { name: 'Accept and book' }).click();
    await stale.waitForLoadState('load');
    await expect(stale.locator('.govuk-error-summary').textContent()).resolves.toContain('already been accepted or discarded');
    await stale.close();
    expect((await server.ctx.db.selectFrom('bookings').select('id').where('epaRecordId', '=', recordId).execute()).length).toBe(3);

    await page.goto(`${server.url}/admin/schedule`);
    await expect(page.locator('#proposals tbody tr').first().textContent()).resolves.toContain('Accepted');
  });

  /** A copy of the accepted proposal, proposed again (no need to run the scheduler), its body changed by `change`. */
  async function proposedCopy(change: (body: Record<string, unknown[]>) => Record<string, unknown[]> = (body) => body) {
    const stored = await server.ctx.db.selectFrom('scheduleProposals').selectAll().orderBy('proposedAt').executeTakeFirstOrThrow();
    const admin = await server.ctx.db.selectFrom('users').select(['id', 'name']).where('email', '=', DEMO.admin).executeTakeFirstOrThrow();
    return insertProposal(
      server.ctx.db,
      {
        kind: 'schedule',
        proposedBy: admin.id,
        scheduleFrom: stored.scheduleFrom,
        scheduleTo: stored.scheduleTo,
        standard: null,
        proposal: change(stored.proposal as Record<string, unknown[]>),
      },
      (id) => ({ actorId: admin.id, actor: admin.name, action: 'propose', entity: 'schedule-proposal', entityId: id }),
    );
  }

  it('keeps a proposal of hundreds of rows usable: 200 rows a page, each table paged on its own', async () => {
    const big = await proposedCopy((body) => {
      const [placed] = body.placements as { key: string; date: string }[];
      const placements = Array.from({ length: 450 }, (_, i) => ({ ...placed, key: `row-${i}`, date: addDays(placed?.date as string, Math.floor(i / 10)) }));
      const unplaced = Array.from({ length: 201 }, (_, i) => ({
        ...(body.placements?.[0] as object),
        apprentice: `Waiting ${String(i).padStart(3, '0')}`,
        code: 'NO_FREE_ASSESSOR',
        reason: 'no assessor is free',
      }));
      const moved = [
        { ...placed, key: 'move:one', bookingId: placed?.key, bookingVersion: 1, was: { date: placed?.date, start: '14:00', assessorName: 'Someone Else' } },
      ];
      return { ...body, placements, unplaced, moved };
    });
    await page.goto(`${server.url}/admin/schedule/proposals/${big.id}`);
    await expect(page.locator('#proposed-bookings').textContent()).resolves.toBe('Proposed bookings (450)');
    expect(await page.locator('#placements tbody tr').count()).toBe(200);
    await expect(page.locator('#unplaced').textContent()).resolves.toBe('Could not be placed (201)');
    expect(await page.locator('#unplaced-table tbody tr').count()).toBe(200);
    // A move: where it was, and where it goes.
    await expect(page.locator('#moved-bookings').textContent()).resolves.toBe('Bookings moved (1)');
    const move = await page.locator('#moved tbody tr td').allTextContents();
    expect(move[2]).toContain('14:00, Someone Else');
    expect(move[3]).toMatch(DEMO_ASSESSORS);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Proposed bookings, more rows' }).getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/[?&]page=2#proposed-bookings$/);
    await expect(page.locator('#placements tbody tr').first().getAttribute('data-key')).resolves.toBe('row-200');
    await page.getByRole('navigation', { name: 'Could not be placed, more rows' }).getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/unplacedPage=2#unplaced$/);
    // The other table keeps its page.
    await expect(page.locator('#placements tbody tr').first().getAttribute('data-key')).resolves.toBe('row-200');
    await expect(page.locator('#unplaced-table tbody tr').allTextContents()).resolves.toHaveLength(1);
    await expect(page.locator('#unplaced-table tbody tr').first().textContent()).resolves.toContain('Waiting 200');
  });

  it('re-plans from the second button, and discards the re-plan: nothing booked, listed as discarded', async () => {
    const T = today(server.ctx);
    const bookings = async () =>
      (await server.ctx.db.selectFrom('bookings').select(['id', 'startsAt', 'assessorId', 'status']).orderBy('id').execute()).map((b) => JSON.stringify(b));
    const before = await bookings();
    await page.goto(`${server.url}/admin/schedule`);
    await fillDate('from', addDays(T, 1));
    await fillDate('to', addDays(T, 30));
    await page.getByRole('button', { name: 'Re-plan after a cancellation or leave' }).click();
    await page.waitForURL(/\/admin\/schedule\/proposals\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    await expect(page.locator('h1').textContent()).resolves.toBe('Review the proposed re-plan');
    await expect(page.locator('#moved-bookings').textContent()).resolves.toMatch(/^Bookings moved \(\d+\)$/);
    expect(await seriousViolations(page)).toEqual([]);
    await pressButton(page, 'Discard');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Nothing from it was booked');
    await expect(page.locator('#proposal-summary').textContent()).resolves.toContain('Discarded');
    await expect(page.locator('h1').textContent()).resolves.toBe('The discarded re-plan');
    expect(await page.locator('#accept').count()).toBe(0);
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    const stored = await server.ctx.db.selectFrom('scheduleProposals').select(['status', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'discarded', kind: 'replan' });
    expect(await bookings()).toEqual(before);
    await page.goto(`${server.url}/admin/schedule`);
    await expect(page.locator(`#proposals tr[data-proposal="${id}"]`).textContent()).resolves.toMatch(/Re-plan[\s\S]*Discarded/);
  }, 90_000);
});
