import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, signInAs, startServer } from './harness.ts';

/** Each role's demo account, the home it lands on, and that home's main heading. */
const HOMES = [
  { role: 'epao-admin', email: DEMO.admin, path: '/admin', heading: 'Pipeline', shot: 'admin' },
  { role: 'iqa', email: DEMO.iqa, path: '/iqa', heading: 'Moderation queue', shot: 'iqa' },
  { role: 'assessor', email: DEMO.assessor, path: '/assessor', heading: 'My bookings', shot: 'assessor' },
  { role: 'provider', email: DEMO.provider, path: '/provider', heading: 'Your apprentices', shot: 'provider' },
  { role: 'employer', email: DEMO.employer, path: '/employer', heading: 'Your apprentices', shot: 'employer' },
  { role: 'apprentice', email: DEMO.apprentice, path: '/apprentice', heading: 'My EPA', shot: 'apprentice' },
] as const;

describeInBrowser('the web pages in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  /** A signed-in browser context per role, made once and reused. */
  const signedIn = new Map<string, BrowserContext>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newContext = (options: { width?: number; javaScriptEnabled?: boolean } = {}) =>
    browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, bypassCSP: true, javaScriptEnabled: options.javaScriptEnabled ?? true });

  async function contextFor(email: string): Promise<BrowserContext> {
    const existing = signedIn.get(email);
    if (existing) return existing;
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, email);
    await page.close();
    signedIn.set(email, context);
    return context;
  }

  /** Opens a path in a context, failing on any failed asset or console error. */
  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()}: ${r.url()}`);
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('load');
    expect(problems).toEqual([]);
    return page;
  }

  it('opens on a sign-in page listing the demo accounts and their password', async () => {
    const context = await newContext();
    const page = await open(context, '/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
    const header = await page.locator('header').textContent();
    expect(header).toContain('Capstone');
    expect(header).toContain('Northbridge Assessment (demo EPAO)');
    const table = await page.locator('#demo-accounts').textContent();
    for (const email of Object.values(DEMO).filter((v) => v.includes('@'))) expect(table).toContain(email);
    expect(await page.locator('main').textContent()).toContain(DEMO.password);
    // GOV.UK Frontend's JavaScript ran (a module script): the password field has its show button.
    await expect(page.getByRole('button', { name: /show password/i }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'sign-in.png');
    await context.close();
  });

  for (const home of HOMES) {
    it(`signs the ${home.role} in to ${home.path}`, async () => {
      const context = await contextFor(home.email);
      const page = await open(context, '/');
      expect(new URL(page.url()).pathname).toBe(home.path);
      await expect(page.locator('h1').textContent()).resolves.toBe(home.heading);
      await expect(page.getByRole('button', { name: /Sign out/ }).isVisible()).resolves.toBe(true);
      await screenshot(page, `${home.shot}.png`);
      await page.close();
    });
  }

  it('shows each home its own work', async () => {
    const text = async (email: string, path: string, selector = 'main') => {
      const page = await open(await contextFor(email), path);
      const t = await page.locator(selector).textContent();
      await page.close();
      return t;
    };
    const pipeline = await text(DEMO.admin, '/admin', '#pipeline');
    expect(pipeline).toMatch(/ST0071 v1\.2/);
    expect(pipeline).toMatch(/Gateway: submitted/);
    // What needs attention: Mia Robinson's assessments have waited for moderation past the alert.
    const overdue = await text(DEMO.admin, '/admin', '#overdue');
    expect(overdue).toContain('Mia Robinson');
    expect(overdue).toMatch(/Has waited for moderation more than 5 working days/i);
    expect(overdue).toContain('Source: Capstone');
    const search = await text(DEMO.admin, '/admin?q=Clarke', '#search-results');
    expect(search).toContain('Amelia Clarke');
    expect(search).not.toContain('Noah Evans');
    expect(await text(DEMO.admin, '/admin?q=2000000001', '#search-results')).toContain('Noah Evans');
    const provider = await text(DEMO.provider, '/provider', '#apprentices');
    expect(provider).toContain('Amelia Clarke');
    expect(provider).not.toContain('Isla Hughes'); // Summit's apprentice
    const employer = await text(DEMO.employer, '/employer', '#apprentices');
    expect(employer).toContain('Oliver Price');
    expect(employer).not.toContain('Noah Evans');
    const apprentice = await text(DEMO.apprentice, '/apprentice');
    expect(apprentice).toContain('Customer Service Specialist (ST0071 v1.2)');
    expect(apprentice).toMatch(/EPA window opens\s+\d{1,2} \w+ \d{4}/);
    expect(await text(DEMO.assessor, '/assessor', '#bookings')).toContain('Jack Turner');
    expect(await text(DEMO.iqa, '/iqa', '#queue-count')).toMatch(/^\d+ sampled assessments? waiting/);
    // Another organisation's record is not found, and a page for another role is refused.
    const riverside = await contextFor(DEMO.provider);
    expect((await riverside.request.get(`${server.url}/admin`)).status()).toBe(403);
    const summits = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('epaRecords.id')
      .where('apprentices.familyName', '=', 'Hughes')
      .executeTakeFirstOrThrow();
    const other = await riverside.request.get(`${server.url}/records/${summits.id}`);
    expect(other.status()).toBe(404);
    expect(await other.text()).toContain('Page not found');
    // An unknown address is an HTML page for a person, and problem+json under /api/.
    const unknown = await riverside.request.get(`${server.url}/no-such-page`);
    expect(unknown.status()).toBe(404);
    expect(unknown.headers()['content-type']).toContain('text/html');
    expect(await unknown.text()).toContain('Page not found');
    // A NUL in a query is a clear 400 page, not a database failure.
    const nul = await riverside.request.get(`${server.url}/provider?q=a%00b`);
    expect(nul.status()).toBe(400);
    expect(await nul.text()).toContain('cannot be stored');
    const api = await riverside.request.get(`${server.url}/api/v1/no-such-thing`);
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toContain('application/problem+json');
  });

  it('opens a record from the list, and keeps escaping what it shows', async () => {
    const page = await open(await contextFor(DEMO.provider), '/provider');
    await page.getByRole('link', { name: /View the EPA record of Amelia Clarke/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Amelia Clarke');
    const search = await open(await contextFor(DEMO.admin), `/admin?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(await search.locator('#search-results').textContent()).toContain('<script>alert(1)</script>');
    expect(await search.locator('main script').count()).toBe(0);
    await page.close();
    await search.close();
  });

  it('shows a wrong password in the error summary, linked to the field', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.employer, 'not-the-password');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    // GOV.UK Frontend moves focus to the summary.
    await expect(page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).resolves.toBe(true);
    const link = summary.getByRole('link', { name: 'Enter a correct email address and password' });
    expect(await link.getAttribute('href')).toBe('#password');
    await link.click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password');
    expect(await page.locator('#password-error').textContent()).toContain('Enter a correct email address and password');
    expect(await page.getByLabel('Email address').inputValue()).toBe(DEMO.employer);
    // Empty fields: one message each.
    await page.getByLabel('Email address').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    const hrefs = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['#email', '#password']);
    await context.close();
  });

  it('signs out, after which the home page sends you to sign in', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.iqa);
    expect(new URL(page.url()).pathname).toBe('/iqa');
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out');
    await page.goto(`${server.url}/iqa`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('works without JavaScript', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.url, DEMO.provider);
    expect(new URL(page.url()).pathname).toBe('/provider');
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('refuses a form POST without the CSRF token, or with another session’s', async () => {
    const context = await contextFor(DEMO.employer);
    const noToken = await context.request.post(`${server.url}/sign-out`, { form: {}, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    expect(await noToken.text()).toContain('This form has expired');
    const page = await open(context, '/employer');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your apprentices'); // still signed in
    // Another browser's token is no good here.
    const stranger = await newContext();
    const strangerPage = await open(stranger, '/sign-in');
    const strangerToken = await strangerPage.locator('input[name=_csrf]').first().inputValue();
    const wrongToken = await context.request.post(`${server.url}/sign-out`, { form: { _csrf: strangerToken }, maxRedirects: 0 });
    expect(wrongToken.status()).toBe(403);
    // A sign-in posted without a token is refused before the password is looked at.
    const signIn = await stranger.request.post(`${server.url}/sign-in`, { form: { email: DEMO.admin, password: DEMO.password }, maxRedirects: 0 });
    expect(signIn.status()).toBe(403);
    await page.close();
    await stranger.close();
  });

  /** Every page built here, and the context that sees it. */
  const PAGES: { name: string; path: string; email?: string; setup?: (page: Page) => Promise<void> }[] = [
    { name: 'sign-in', path: '/sign-in' },
    {
      name: 'sign-in with errors',
      path: '/sign-in',
      setup: async (page) => {
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForLoadState('load');
      },
    },
    ...HOMES.map((h) => ({ name: h.path, path: h.path, email: h.email })),
    { name: 'admin search', path: '/admin?q=e', email: DEMO.admin },
    {
      name: 'record',
      path: '/provider',
      email: DEMO.provider,
      setup: async (page) => {
        await page.getByRole('link', { name: /View the EPA record of Amelia Clarke/ }).click();
        await page.waitForLoadState('load');
      },
    },
    { name: 'not found', path: '/records/00000000-0000-4000-8000-000000000000', email: DEMO.apprentice },
    { name: 'unknown page', path: '/no-such-page', email: DEMO.admin },
    { name: 'forbidden', path: '/admin', email: DEMO.apprentice },
  ];

  async function eachPage(width: number, check: (page: Page, name: string) => Promise<void>) {
    const anonymous = await newContext({ width });
    for (const p of PAGES) {
      const context = p.email ? await contextFor(p.email) : anonymous;
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}${p.path}`);
      await page.waitForLoadState('load');
      await p.setup?.(page);
      await check(page, p.name);
      await page.close();
    }
    await anonymous.close();
  }

  it('has no serious or critical axe-core violation on any page', async () => {
    const found: Record<string, unknown> = {};
    await eachPage(1280, async (page, name) => {
      const violations = await seriousViolations(page);
      if (violations.length) found[name] = violations;
    });
    expect(found).toEqual({});
  }, 120_000);

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const wide: Record<string, number> = {};
    await eachPage(320, async (page, name) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide[name] = width;
    });
    expect(wide).toEqual({});
  }, 120_000);

  it('makes the skip link the first Tab stop, and signs in with the keyboard alone', async () => {
    const context = await newContext();
    const page = await open(context, '/sign-in');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute('href') }));
    expect(first).toEqual({ text: 'Skip to main content', href: '#main-content' });
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content');

    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 20 && (await focused()) !== 'email'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('email');
    await page.keyboard.type(DEMO.assessor);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type(DEMO.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/assessor`);
    await expect(page.locator('h1').textContent()).resolves.toBe('My bookings');
    await context.close();
  });
});
