// Browser tests: the real server in-process on a random port, over a database of its own
// cloned from the demo data, driven by Debian's chromium through playwright-core (no browser
// can be downloaded here). Without /usr/bin/chromium the tests fail in CI and are
// skipped, with a warning, elsewhere — they never pass silently.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import { openApp } from '../../src/app/bootstrap.ts';
import type { AppContext } from '../../src/app/context.ts';
import { DEMO_PASSWORD } from '../../src/app/demo.ts';
import { buildServer, type ServerOptions } from '../../src/http/server.ts';
import { catalogue } from '../../src/standards/load.ts';
import { documentTitles, sourceText } from '../../src/web/source-text.ts';
import { freshDatabase } from '../fresh-database.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

export { CHROMIUM };

/** `describe` when chromium is here; a failing test in CI and a warned skip elsewhere when it is not. */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const message = `${CHROMIUM} is missing: the browser tests need Debian's chromium-headless-shell or chromium package (apt-get install chromium-headless-shell; .ci/run installs it)`;
  if (process.env.CI) {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`WARNING: browser tests skipped. ${message}`);
  describe.skip(name, body);
}

/**
 * The tier's shared Chromium (test/chromium-setup.ts), connected to; a browser of the file's
 * own when there is none to share (a file run outside the tier's setup). Closing a connected
 * browser closes this file's contexts and leaves the shared one running.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export type RunningServer = { url: string; app: FastifyInstance; ctx: AppContext; close(): Promise<void> };

/** The server over a clone of the demo template (test/demo-setup.ts): the demo data, loaded once for the tier. */
export async function startServer(options: Pick<ServerOptions, 'imports'> = {}): Promise<RunningServer> {
  const database = await freshDatabase('capstone_e2e', inject('demoTemplate'));
  const opened = await openApp({ DATABASE_URL: database.url }, { memory: true, filesDir: inject('demoFilesDir') });
  const app = await buildServer(opened.ctx, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    ctx: opened.ctx,
    async close() {
      await app.close();
      await opened.close();
      await database.drop();
    },
  };
}

export const DEMO = {
  password: DEMO_PASSWORD,
  admin: 'admin@demo.capstone.test',
  iqa: 'iqa@demo.capstone.test',
  assessor: 'assessor.one@demo.capstone.test',
  provider: 'provider@riverside.demo.capstone.test',
  employer: 'employer@harbour.demo.capstone.test',
  apprentice: 'jack.turner@apprentice.demo.capstone.test',
} as const;

export async function signInAs(page: Page, base: string, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

/** Where the browser tests put the screenshots the README shows. */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/**
 * The page as a person sees it, into docs/screenshots, when SCREENSHOTS=1
 * (`SCREENSHOTS=1 npm run test:browser`). A full-page PNG costs the run CPU and rewrites a
 * checked-in file, so an ordinary test run takes none.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

/** A fresh desktop-sized browser context signed in as `email`, and its first page. */
export async function signedInAs(browser: Browser, base: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await signInAs(page, base, email);
  return { context, page };
}

/** Presses a button by its name and waits for the page it leads to. */
export async function pressButton(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** axe-core on the page as it stands, WCAG 2.0 A to 2.2 AA; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const TITLES = documentTitles(catalogue());

/** A rule's source as the pages show it: its documents by title (src/web/source-text.ts). */
export const shownSource = (source: string | undefined): string => sourceText(source ?? '', TITLES);
