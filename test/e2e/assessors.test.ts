import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { today } from '../../src/app/context.ts';
import { addDays } from '../../src/domain/calendar/dates.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('managing independent assessors in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let assessorPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = (name: string) => pressButton(page, name);
  const fillDate = async (id: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    await page.fill(`#${id}-day`, String(Number(day)));
    await page.fill(`#${id}-month`, String(Number(month)));
    await page.fill(`#${id}-year`, year as string);
  };
  const row = (name: string) => page.locator('#assessors tbody tr', { hasText: name });

  it('lists the assessors with whether each is current for booking today', async () => {
    const response = await page.goto(`${server.url}/admin/assessors`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Independent assessors');
    const helen = (await row('Helen Marsh').textContent()) ?? '';
    expect(helen).toContain('assessor.one@demo.capstone.test');
    expect(helen).toContain('Customer Service Specialist (ST0071 v1.2)');
    expect(helen).toContain('Current');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds an assessor, after a validation error', async () => {
    await page.getByRole('button', { name: 'Add an independent assessor' }).click();
    await page.waitForLoadState('load');
    await page.fill('#name', 'Grace Adeyemi');
    await page.fill('#password', 'short');
    await fillDate('standardisedOn', addDays(today(server.ctx), -400));
    await page.fill('#qualification-name-0', 'Level 3 Certificate in Assessing Vocational Achievement');
    await fillDate('qualification-awarded-0', '2019-07-12');
    await page.check('input[name="standards"][value="ST0071@1.2"]');
    await submit('Add independent assessor');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const links = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#email', '#password']);
    await expect(page.locator('#password-error').textContent()).resolves.toContain('12 to 200 characters');
    await expect(page.inputValue('#qualification-name-0')).resolves.toBe('Level 3 Certificate in Assessing Vocational Achievement');
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#email', 'grace.adeyemi@example.com');
    await page.fill('#password', 'a long first password');
    await submit('Add independent assessor');
    assessorPath = new URL(page.url()).pathname;
    expect(assessorPath).toMatch(/^\/admin\/assessors\/[0-9a-f-]{36}$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The independent assessor was added');
    const details = (await page.locator('#assessor-details').textContent()) ?? '';
    expect(details).toContain('Not current');
    expect(details).toContain('Customer Service Specialist (ST0071 v1.2)');
    await expect(page.locator('#qualification-list').textContent()).resolves.toContain('awarded 12 July 2019');
  });

  it('updates the standardisation date, and refuses to overwrite a change made meanwhile', async () => {
    await page.getByRole('link', { name: /Change their details/ }).click();
    await page.waitForLoadState('load');
    const recent = addDays(today(server.ctx), -10);
    await fillDate('standardisedOn', recent);
    // Someone else saves the same form first (a second qualification), with the same version.
    const form = Object.fromEntries(
      await page
        .locator('form[action$="/change"] input:not([type=checkbox])')
        .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
    const meanwhile = await context.request.post(`${server.url}${assessorPath}/change`, {
      form: {
        ...form,
        standards: 'ST0071@1.2',
        'standardisedOn-day': '',
        'standardisedOn-month': '',
        'standardisedOn-year': '',
        'qualification-name-1': 'IQA award',
      },
      maxRedirects: 0,
    });
    expect(meanwhile.status()).toBe(303);
    await submit('Save changes');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'changed by someone else after you opened this page, so your changes were not saved',
    );
    await expect(page.inputValue('#qualification-name-1')).resolves.toBe('IQA award');
    expect(await seriousViolations(page)).toEqual([]);

    await fillDate('standardisedOn', recent);
    await page.check('input[name="qualification-remove-1"]');
    await submit('Save changes');
    expect(new URL(page.url()).pathname).toBe(assessorPath);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The changes were saved');
    const details = (await page.locator('#assessor-details').textContent()) ?? '';
    expect(details).toMatch(/Current\s+until/);
    expect(await page.locator('#qualification-list li').count()).toBe(1);
  });

  it('sets the most assessments in a day and a week and the home region, after refusing a week below the day, then clears a limit', async () => {
    const details = async () => (await page.locator('#assessor-details').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(await details()).toContain('Most assessments in a day No limit Most assessments in a week No limit Home region Not recorded');
    const errorLinks = () => page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await page.getByRole('link', { name: /Change their details/ }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('Most assessments in a day').fill('25');
    await page.getByLabel('Most assessments in a week').fill('3');
    await page.getByLabel('Home region').fill(' LS, BD ');
    await expect(page.locator('#maxPerDay-hint').textContent()).resolves.toContain('Leave empty for no limit');
    await submit('Save changes');
    expect(await errorLinks()).toEqual(['#maxPerDay']);
    await expect(page.locator('#maxPerDay-error').textContent()).resolves.toContain('must be a whole number between 1 and 20');
    await expect(page.inputValue('#maxPerDay')).resolves.toBe('25');

    await page.fill('#maxPerDay', '4');
    await submit('Save changes');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await errorLinks()).toEqual(['#maxPerWeek']);
    await expect(page.locator('#maxPerWeek-error').textContent()).resolves.toContain('Most assessments in a week must be at least the most in a day');
    await expect(page.inputValue('#homeRegion')).resolves.toBe('LS, BD');
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#maxPerWeek', '12');
    await submit('Save changes');
    expect(new URL(page.url()).pathname).toBe(assessorPath);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The changes were saved');
    expect(await details()).toContain('Most assessments in a day 4 Most assessments in a week 12 Home region LS, BD');

    await page.getByRole('link', { name: /Change their details/ }).click();
    await page.waitForLoadState('load');
    await expect(page.inputValue('#maxPerWeek')).resolves.toBe('12');
    await page.fill('#maxPerDay', '');
    await submit('Save changes');
    expect(await details()).toContain('Most assessments in a day No limit Most assessments in a week 12 Home region LS, BD');
  });

  it('declares relationships with an organisation and with an apprentice, and adds availability', async () => {
    await submit('Declare relationship');
    const links = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#with', '#nature']);

    await page.check('input[name="with"][value="organisation"]');
    await page.selectOption('#organisationId', { label: 'Lakeside Retail Group (employer)' });
    await page.fill('#nature', 'Worked there as a team leader until 2024');
    await submit('Declare relationship');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The relationship was declared');

    await page.check('input[name="with"][value="apprentice"]');
    await page.fill('#uln', '1234567899');
    await page.fill('#nature', 'A neighbour');
    await submit('Declare relationship');
    const table = (await page.locator('#relationship-list').textContent()) ?? '';
    expect(table).toContain('Lakeside Retail Group');
    expect(table).toContain('Worked there as a team leader until 2024');
    expect(table).toContain('Amelia Clarke (ULN 1234567899)');

    const day = addDays(today(server.ctx), 14);
    await fillDate('availableOn', day);
    await page.fill('#from', '9:30');
    await page.fill('#until', '16:00');
    await submit('Add availability');
    await expect(page.locator('#availability-list').textContent()).resolves.toContain('09:30 to 16:00');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the new assessor in the list as current', async () => {
    await page.goto(`${server.url}/admin/assessors`);
    const grace = (await row('Grace Adeyemi').textContent()) ?? '';
    expect(grace).toContain('grace.adeyemi@example.com');
    expect(grace).toMatch(/Current\s+until/);
    await screenshot(page, 'assessors.png');
  });

  it('refuses a form POST without the token', async () => {
    const response = await context.request.post(`${server.url}${assessorPath}/relationships`, {
      form: { with: 'organisation', nature: 'forged' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of ['/admin/assessors', '/admin/assessors/new', assessorPath, `${assessorPath}/change`]) {
      await small.goto(`${server.url}${path}`);
      await small.waitForLoadState('load');
      expect(await small.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await narrow.close();
  });
});
