import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signInAs, startServer } from './harness.ts';

/**
 * Presses a button that posts the workspace's form and waits for the next document. With
 * JavaScript the post is held back while an autosave runs, so the page loaded when the click
 * returns may still be the old one: its load state proves nothing.
 */
async function submit(page: Page, button: string): Promise<void> {
  const next = page.waitForEvent('load');
  await page.getByRole('button', { name: button, exact: true }).click();
  await next;
}

describeInBrowser('the assessment workspace', () => {
  let server: RunningServer;
  let browser: Browser;
  let assessor: BrowserContext;
  /** Jack Turner's observation: a draft Helen Marsh saved part-way through. */
  let jackDraft: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    assessor = await signedIn(DEMO.assessor);
    const row = await server.ctx.db
      .selectFrom('assessments')
      .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('assessments.id')
      .where('apprentices.givenNames', '=', 'Jack')
      .where('apprentices.familyName', '=', 'Turner')
      .where('assessments.status', '=', 'draft')
      .executeTakeFirstOrThrow();
    jackDraft = row.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(email: string, options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    await signInAs(page, server.url, email);
    await page.close();
    return context;
  }

  async function open(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.request().resourceType() !== 'document' && r.request().resourceType() !== 'fetch') problems.push(`${r.status()}: ${r.url()}`);
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('load');
    return { page, problems };
  }

  it('opens the workspace from a booking on the home page, with criteria grouped by theme', async () => {
    const { page, problems } = await open(assessor, '/assessor');
    const row = page.locator('#bookings tr', { hasText: 'Isla Hughes' }).first();
    await row.getByRole('button', { name: /Record this assessment/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Isla Hughes');
    const facts = await page.locator('#session-facts').textContent();
    expect(facts).toMatch(/Time allowed/);
    expect(facts).toMatch(/Questioning limit/);
    expect(await page.locator('h3.capstone-theme').count()).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Start timer' }).isVisible()).resolves.toBe(true);
    // Isla's discussion is weeks away: the criteria can be read, not judged yet.
    await expect(page.locator('#not-started').textContent()).resolves.toMatch(/This assessment starts at 10:00 on/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('autosaves judgements as they are made and keeps them over a reload', async () => {
    const { page, problems } = await open(assessor, `/assessments/${jackDraft}`);
    const before = Number(await page.locator('#version').inputValue());
    const radios = page.locator('input[type=radio][value="not-evidenced"]');
    const names: string[] = [];
    for (let i = 0; i < 2; i++) names.push((await radios.nth(i).getAttribute('name')) as string);
    for (const name of names) {
      await page.locator(`input[name="${name}"][value="not-evidenced"]`).check();
      await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/Saved/);
    }
    const note = page.locator(`#${names[0]?.replace('judgement-', 'note-')}`);
    await note.fill('Asked twice; no example given.');
    await note.blur();
    await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/Saved/);
    expect(Number(await page.locator('#version').inputValue())).toBeGreaterThan(before);
    await page.reload();
    await page.waitForLoadState('load');
    for (const name of names) await expect(page.locator(`input[name="${name}"][value="not-evidenced"]`).isChecked()).resolves.toBe(true);
    await expect(note.inputValue()).resolves.toBe('Asked twice; no example given.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps changes on the device when the connection drops, and saves them on reload', async () => {
    const { page } = await open(assessor, `/assessments/${jackDraft}`);
    const name = (await page.locator('input[type=radio][value="not-met"]').nth(2).getAttribute('name')) as string;
    await page.route('**/api/v1/assessments/**', (route) => route.abort());
    await page.locator(`input[name="${name}"][value="not-met"]`).check();
    await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/Not saved — will retry/);
    await page.unroute('**/api/v1/assessments/**');
    await page.reload();
    await page.waitForLoadState('load');
    await expect(page.locator(`input[name="${name}"][value="not-met"]`).isChecked()).resolves.toBe(true);
    await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/Saved/);
    await page.close();
  });

  it('saves with the Save button after autosave has moved the version', async () => {
    const { page, problems } = await open(assessor, `/assessments/${jackDraft}`);
    const name = (await page.locator('input[type=radio][value="met"]').nth(3).getAttribute('name')) as string;
    await page.locator(`input[name="${name}"][value="met"]`).check();
    await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/Saved/);
    await submit(page, 'Save');
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Your changes have been saved/);
    await expect(page.locator(`input[name="${name}"][value="met"]`).isChecked()).resolves.toBe(true);

    // A note typed and Save pressed at once: the autosave on leaving the note races the form.
    const note = page.locator(`#${name.replace('judgement-', 'note-')}`);
    await note.fill('Clear example given.');
    // The post is held back until the autosave ends, so the page that is loaded now is the old
    // one: wait for the next document, not for this one's load state.
    await submit(page, 'Save');
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Your changes have been saved/);
    await expect(note.inputValue()).resolves.toBe('Clear example given.');
    expect(problems).toEqual([]);

    // A change made elsewhere (another tab) since this page's version is still refused.
    const { page: other } = await open(assessor, `/assessments/${jackDraft}`);
    await other.locator(`input[name="${name}"][value="not-met"]`).check();
    await expect.poll(() => other.locator('#autosave-status').textContent()).toMatch(/Saved/);
    await submit(page, 'Save');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/changed elsewhere/);
    await expect(page.locator(`input[name="${name}"][value="not-met"]`).isChecked()).resolves.toBe(true);
    await other.close();
    await page.close();
  });

  it('saves and refuses an incomplete submit without JavaScript', async () => {
    const context = await signedIn(DEMO.assessor, { javaScriptEnabled: false });
    const booking = await server.ctx.db
      .selectFrom('bookings')
      .innerJoin('epaRecords', 'epaRecords.id', 'bookings.epaRecordId')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('bookings.id')
      .where('apprentices.givenNames', '=', 'Isla')
      .where('bookings.status', '=', 'booked')
      .where('bookings.method', '=', 'discussion')
      .executeTakeFirstOrThrow();
    const { page } = await open(context, '/assessor');
    await page.locator(`form[action="/bookings/${booking.id}/assessment"] button`).click();
    await page.waitForLoadState('load');
    const first = page.locator('input[type=radio][value="met"]').first();
    await first.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForLoadState('load');
    // Booked weeks ahead: nothing is judged before the booked start.
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/booked to start at 10:00 on .*only once it has started/);
    expect(await page.locator('input[type=radio][value="met"]:checked').count()).toBe(0);

    // The session has now been held (moved two days back, early, clear of Helen's other bookings;
    // put back at the end so it is upcoming again for the tests that follow).
    const booked = await server.ctx.db.selectFrom('bookings').select(['startsAt', 'endsAt']).where('id', '=', booking.id).executeTakeFirstOrThrow();
    const startsAt = new Date(Date.now() - 2 * 86_400_000);
    startsAt.setUTCHours(7, 0, 0, 0);
    await server.ctx.db
      .updateTable('bookings')
      .set({ startsAt, endsAt: new Date(startsAt.getTime() + 66 * 60_000) })
      .where('id', '=', booking.id)
      .execute();
    await page.reload();
    await page.locator('input[type=radio][value="met"]').first().check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/saved/);
    await expect(page.locator('input[type=radio][value="met"]').first().isChecked()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Submit assessment' }).click();
    await page.waitForLoadState('load');
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toMatch(/There is a problem/);
    expect(summary).toMatch(/record when the assessment started and ended/i);
    await expect(page.locator('#not-submitted').textContent()).resolves.toContain('Your answers are saved, but the assessment was not submitted');
    await page.getByLabel('Started at').fill('10:00');
    await page.getByLabel('Ended at').fill('10:50');
    await page.getByLabel('I have seen valid ID').check();
    const documents = page.locator('select#id-document option:not([value=""])');
    if (await documents.count()) await page.locator('select#id-document').selectOption((await documents.first().getAttribute('value')) as string);
    else await page.getByLabel('ID document seen').fill('A valid passport');
    await page.getByRole('button', { name: 'Submit assessment' }).click();
    await page.waitForLoadState('load');
    const again = await page.locator('.govuk-error-summary').textContent();
    expect(again).not.toMatch(/identity must be checked/);
    expect(again).toMatch(/Choose met, not met or not evidenced for/);
    await expect(page.title()).resolves.toMatch(/^Error:/);
    await server.ctx.db.updateTable('bookings').set(booked).where('id', '=', booking.id).execute();
    await context.close();
  });

  it('submits a complete assessment and shows the provisional grade', async () => {
    const { page, problems } = await open(assessor, `/assessments/${jackDraft}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-workspace.png');
    const names = new Set<string>();
    for (const el of await page.locator('.capstone-criterion input[type=radio][value="met"]').all()) names.add((await el.getAttribute('name')) as string);
    for (const name of names) {
      const met = page.locator(`input[name="${name}"][value="met"]`);
      if (!(await page.locator(`input[name="${name}"]:checked`).count())) await met.check();
      else if (!(await met.isChecked())) await met.check();
    }
    await submit(page, 'Submit assessment');
    await expect(page.locator('.govuk-panel__title').textContent()).resolves.toMatch(/Assessment submitted/);
    await expect(page.locator('#provisional-grade').textContent()).resolves.toMatch(/Pass|Distinction|Fail/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reflows at 320 px and passes axe', async () => {
    const context = await signedIn(DEMO.assessor, { width: 320 });
    const { page } = await open(context, '/assessor');
    await page
      .locator('#bookings tr', { hasText: 'Isla Hughes' })
      .first()
      .getByRole('button', { name: /Record this assessment/ })
      .click();
    await page.waitForLoadState('load');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
