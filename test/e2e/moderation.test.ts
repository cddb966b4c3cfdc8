import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signInAs, startServer } from './harness.ts';

describeInBrowser('the IQA’s moderation in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let observationPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await context.newPage();
    await signInAs(page, server.url, DEMO.iqa);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const miasAssessment = async (method: string) =>
    server.ctx.db
      .selectFrom('assessments')
      .innerJoin('epaRecords', 'epaRecords.id', 'assessments.epaRecordId')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['assessments.id', 'assessments.moderationStatus', 'assessments.moderatedGrade', 'assessments.assessorId'])
      .where('apprentices.givenNames', '=', 'Mia')
      .where('assessments.method', '=', method)
      .executeTakeFirstOrThrow();
  const queueCount = async () => (await page.locator('#queue-count').textContent())?.replace(/\s+/g, ' ').trim();

  it('opens Mia Robinson’s observation from the queue and shows the judgements beside the criteria', async () => {
    await page.goto(`${server.url}/iqa`);
    expect(await queueCount()).toBe('3 sampled assessments waiting for moderation');
    await page.getByRole('link', { name: /Moderate Mia Robinson’s Practical observation/ }).click();
    await page.waitForLoadState('load');
    observationPath = new URL(page.url()).pathname;
    expect(observationPath).toBe(`/moderation/${(await miasAssessment('observation')).id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Mia Robinson: Practical observation with Q&As');

    const facts = (await page.locator('#session-facts').textContent())?.replace(/\s+/g, ' ') ?? '';
    for (const text of ['David Chen', '60 minutes', '8 minutes', 'Yes: A valid passport', 'Distinction', "One of the assessor's first 5 assessments"])
      expect(facts).toContain(text);

    // Each criterion's text and grade band in the same row as the assessor's judgement and note.
    const p1 = page.locator('tr[data-criterion="observation.P1"]');
    const cells = (await p1.locator('th, td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toContain('An ability to assess at least 3 different customer types');
    expect(cells.slice(1)).toEqual(['Pass', 'Met', 'Seen during the session.']);
    const criteria = server.ctx.catalogue.standards.get('ST0071@1.2')?.methods.get('observation')?.criteria ?? [];
    await expect(page.locator('tr[data-criterion]').count()).resolves.toBe(criteria.length);
    // Grouped by KSB theme, as the assessor's workspace groups them.
    expect((await page.locator('table.capstone-judgements caption').allTextContents()).length).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'moderation.png');
  });

  it('refuses a change without a reason, saving nothing', async () => {
    await page.check('#decision-2');
    await page.check('input[name="grade"][value="pass"]');
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter the reason for changing the grade');
    await expect(summary.locator('a').getAttribute('href')).resolves.toBe('#reason');
    await expect(page.locator('#reason-error').textContent()).resolves.toContain('Enter the reason for changing the grade');
    // What was chosen is kept.
    await expect(page.locator('input[name="grade"][value="pass"]').isChecked()).resolves.toBe(true);
    expect((await miasAssessment('observation')).moderationStatus).toBe('pending');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('changes the grade with a reason and returns to the queue with a confirmation', async () => {
    await page.check('#decision-2');
    await page.check('input[name="grade"][value="pass"]');
    await page.fill('#reason', 'The notes for D1 and D2 describe a routine call: the recording does not show the distinction criteria.');
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/iqa');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'You changed the grade of Mia Robinson’s Practical observation with Q&As from Distinction to Pass',
    );
    expect(await queueCount()).toBe('2 sampled assessments waiting for moderation');
    await expect(page.locator('#sampled').textContent()).resolves.not.toContain('Practical observation');
    expect(await miasAssessment('observation')).toMatchObject({ moderationStatus: 'changed', moderatedGrade: 'pass' });
    expect(await seriousViolations(page)).toEqual([]);
    // The decision is shown, not offered again.
    await page.goto(`${server.url}${observationPath}`);
    await expect(page.locator('#decision-made').textContent()).resolves.toContain('Grade changed');
    await expect(page.locator('#decision-form').count()).resolves.toBe(0);
  });

  it('shows, and refuses, the moderation of an assessment the IQA assessed', async () => {
    const project = await miasAssessment('project');
    const iqa = await server.ctx.db.selectFrom('users').select('id').where('email', '=', DEMO.iqa).executeTakeFirstOrThrow();
    const assessor = await server.ctx.db.selectFrom('assessors').select('userId').where('id', '=', project.assessorId).executeTakeFirstOrThrow();
    // For this test only, the project's assessor is the IQA's own account.
    await server.ctx.db.updateTable('assessors').set({ userId: iqa.id }).where('id', '=', project.assessorId).execute();
    try {
      await page.goto(`${server.url}/iqa`);
      await expect(page.locator('#sampled').textContent()).resolves.toContain('Tom Okafor (you)');
      await page.goto(`${server.url}/moderation/${project.id}`);
      await expect(page.locator('#own-assessment').textContent()).resolves.toContain('You assessed this yourself, so you cannot moderate it');
      await expect(page.locator('#decision-form').count()).resolves.toBe(0);
      // A form sent anyway is refused by the use-case, and the page says why.
      const token = await page.locator('input[name="_csrf"]').first().inputValue();
      const response = await context.request.post(`${server.url}/moderation/${project.id}`, {
        form: { _csrf: token, decision: 'agree' },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(422);
      expect(await response.text()).toContain('Nobody moderates their own assessment');
      expect((await miasAssessment('project')).moderationStatus).toBe('pending');
    } finally {
      await server.ctx.db.updateTable('assessors').set({ userId: assessor.userId }).where('id', '=', project.assessorId).execute();
    }
  });

  it('refuses a decision POSTed without the form token', async () => {
    const discussion = await miasAssessment('discussion');
    const response = await context.request.post(`${server.url}/moderation/${discussion.id}`, { form: { decision: 'agree' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
    expect((await miasAssessment('discussion')).moderationStatus).toBe('pending');
  });

  it('agrees the other two, empties the queue and signs off a batch', async () => {
    for (const method of ['Professional discussion', 'Work-based project']) {
      await page.goto(`${server.url}/iqa`);
      await page.getByRole('link', { name: new RegExp(`Moderate Mia Robinson’s ${method}`) }).click();
      await page.waitForLoadState('load');
      await page.check('#decision');
      await page.getByRole('button', { name: 'Confirm decision' }).click();
      await page.waitForLoadState('load');
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/You agreed the grade of Mia Robinson’s/);
    }
    expect(await queueCount()).toBe('0 sampled assessments waiting for moderation');
    const buttons = page.getByRole('button', { name: /^Sign off/ });
    await expect(buttons.count()).resolves.toBe(3);
    await buttons.first().click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The batch is signed off');
    await expect(page.getByRole('button', { name: /^Sign off/ }).count()).resolves.toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of [observationPath, '/iqa']) {
      await small.goto(`${server.url}${path}`);
      await small.waitForLoadState('load');
      await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    }
    await narrow.close();
  });
});
