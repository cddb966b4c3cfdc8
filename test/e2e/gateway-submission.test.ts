import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdf } from '../fixtures/documents.ts';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, shownSource, signInAs, startServer } from './harness.ts';
import { fileErrorOf, malformedBodies, noBoundary, rawMultipart, tokenCutShort } from './raw-multipart.ts';

const DISCUSSION_KSBS = ['K2', 'K5', 'K7', 'K9', 'K10', 'K12', 'K18', 'S2', 'S9', 'B1', 'B2', 'B5', 'B8'];
const TICKED = ['K2', 'S9'];

describeInBrowser('the gateway submission in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gatewayPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await context.newPage();
    await signInAs(page, server.url, DEMO.provider);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const gridRow = (ksb: string) => page.locator(`#coverage-grid tr[data-ksb="${ksb}"]`);

  it('opens the gateway page from the record of a registered apprentice', async () => {
    await page.goto(`${server.url}/provider`);
    await page.getByRole('link', { name: /Amelia Clarke/ }).click();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: 'Submit for gateway' }).click();
    await page.waitForLoadState('load');
    gatewayPath = new URL(page.url()).pathname;
    expect(gatewayPath).toMatch(/^\/records\/[0-9a-f-]{36}\/gateway$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Gateway');
    await expect(page.locator('#coverage-grid tbody tr').count()).resolves.toBe(DISCUSSION_KSBS.length);
    for (const ksb of DISCUSSION_KSBS) await expect(gridRow(ksb).locator('.govuk-tag').textContent()).resolves.toContain('Not yet covered');
  });

  it('refuses a multipart upload without the form token', async () => {
    const response = await context.request.post(`${server.url}${gatewayPath}/files`, {
      multipart: { purpose: 'portfolio-piece', file: { name: 'forged.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(['forged'])) } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  const filesOf = async () => {
    const id = gatewayPath.split('/')[2] as string;
    return (await server.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', id).execute()).length;
  };
  const piece = { name: 'piece.pdf', type: 'application/pdf', bytes: pdf(['A portfolio piece']) };

  it('answers an upload body it cannot read with the form and an error on the file, never a server error', async () => {
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const url = `${server.url}${gatewayPath}/files`;
    const before = await filesOf();
    for (const { name, body, text } of malformedBodies(token, piece)) {
      const shown = await fileErrorOf(await context.request.post(url, { ...body, maxRedirects: 0 }));
      expect(shown, name).toMatchObject({ status: 400, linksToFile: true });
      expect(shown.title, name).toMatch(/^Error: /);
      expect(shown.fieldError, name).toContain(text);
    }
    // Nothing can be read, the token included: refused as a forged form.
    for (const body of [tokenCutShort(token), noBoundary(token)]) expect((await context.request.post(url, { ...body, maxRedirects: 0 })).status()).toBe(403);
    expect(await filesOf()).toBe(before);
  });

  it('takes more KSB boxes than the server-wide field limit, and links a KSB it refuses to the boxes', async () => {
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const url = `${server.url}${gatewayPath}/files`;
    const file = { name: 'file', fileName: piece.name, type: piece.type, bytes: piece.bytes };
    const ksbs = [...DISCUSSION_KSBS, ...DISCUSSION_KSBS, 'K99'].map((value) => ({ name: 'ksbs', value }));
    expect(ksbs.length).toBeGreaterThan(20);
    const unknown = await context.request.post(url, {
      ...rawMultipart([{ name: '_csrf', value: token }, { name: 'purpose', value: 'portfolio-piece' }, ...ksbs, file]),
      maxRedirects: 0,
    });
    expect(unknown.status()).toBe(400);
    const html = await unknown.text();
    expect(html).toContain('href="#ksbs"');
    expect(html).toMatch(/id="ksbs-error"[^>]*>[\s\S]*K99/);

    const invalid = await context.request.post(url, {
      ...rawMultipart([{ name: '_csrf', value: token }, { name: 'purpose', value: 'portfolio-piece' }, { name: 'ksbs', value: 'not a KSB' }, file]),
      maxRedirects: 0,
    });
    expect(invalid.status()).toBe(400);
    const text = await invalid.text();
    expect(text).toContain('href="#ksbs"');
    expect(text).toContain('Select the KSBs from the list');
    expect(text).not.toContain('Select what the file is');
  });

  it('links an error on a record not open for gateway to the note saying so', async () => {
    const turner = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('epaRecords.id')
      .where('apprentices.familyName', '=', 'Turner')
      .executeTakeFirstOrThrow();
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await context.request.post(`${server.url}/records/${turner.id}/gateway`, {
      form: { _csrf: token, english: 'level-2', maths: 'level-2', declarations: 'provider' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(409);
    const html = await response.text();
    expect(html).toContain('href="#not-open"');
    expect(html).toContain('id="not-open"');
    expect(html).not.toContain('href="#submission"');
  });

  it('shows an upload with no file in the error summary, keeping the ticked KSBs and the submission form', async () => {
    await page.selectOption('#purpose', 'portfolio-piece');
    await page.check('input[name="ksbs"][value="K2"]');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary a[href="#file"]').textContent()).resolves.toBe('Select a file');
    await expect(page.locator('#file-error').textContent()).resolves.toContain('Select a file');
    await expect(page.locator('input[name="ksbs"][value="K2"]').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Submit for gateway' }).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.uncheck('input[name="ksbs"][value="K2"]');
  });

  it('uploads a portfolio piece mapped to two KSBs and marks them covered in the grid', async () => {
    await page.setInputFiles('#file', {
      name: 'complaint-log.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf(['Complaint log, March', 'Resolved within the service level'])),
    });
    await page.selectOption('#purpose', 'portfolio-piece');
    for (const ksb of TICKED) await page.check(`input[name="ksbs"][value="${ksb}"]`);
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(gatewayPath);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The file was uploaded');
    await expect(page.locator('#pieces').textContent()).resolves.toContain('complaint-log.pdf');
    await expect(page.locator('#coverage-grid thead').textContent()).resolves.toContain('complaint-log.pdf');
    for (const ksb of DISCUSSION_KSBS) {
      const tag = await gridRow(ksb).locator('.govuk-tag').textContent();
      if (TICKED.includes(ksb)) {
        expect(tag?.trim()).toBe('Covered');
        await expect(gridRow(ksb).textContent()).resolves.toContain('Covered by complaint-log.pdf');
      } else expect(tag?.trim()).toBe('Not yet covered');
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('submits and shows the engine’s failures, each with its source', async () => {
    await page.check('#english');
    await page.check('#maths');
    for (const party of ['employer', 'provider', 'apprentice']) await page.check(`input[name="declarations"][value="${party}"]`);
    await page.getByRole('button', { name: 'Submit for gateway' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    const text = (await summary.textContent()) ?? '';
    const rule = server.ctx.catalogue.standards.get('ST0071@1.2')?.standard.gateway.portfolio;
    expect(rule).toBeDefined();
    expect(text).toContain(`The portfolio has 1 pieces; at least ${rule?.value.min} are needed`);
    expect(text).toContain(`Source: ${shownSource(rule?.source)}`);
    expect(text).toContain('No portfolio piece covers K5');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gateway-submission.png');
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    await small.goto(`${server.url}${gatewayPath}`);
    await small.waitForLoadState('load');
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await narrow.close();
  });
});
