import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../src/app/files.ts';
import { pdf, png, words } from '../fixtures/documents.ts';
import { DEMO, describeInBrowser, launchChromium, type RunningServer, screenshot, seriousViolations, shownSource, signInAs, startServer } from './harness.ts';
import { fileErrorOf, malformedBodies, noBoundary, tokenCutShort } from './raw-multipart.ts';

const LAKESIDE = 'employer@lakeside.demo.capstone.test';

describeInBrowser('the provider’s and employer’s view of an EPA in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    for (const name of ['Green', 'Turner']) {
      const row = await server.ctx.db
        .selectFrom('epaRecords')
        .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
        .select('epaRecords.id')
        .where('apprentices.familyName', '=', name)
        .executeTakeFirstOrThrow();
      ids.set(name, row.id);
    }
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await context.newPage();
    await signInAs(page, server.url, DEMO.provider);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const kinds = (p: Page, list = '#timeline') => p.locator(`${list} > li`).evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
  const dates = (p: Page, list = '#timeline') => p.locator(`${list} time`).evaluateAll((items) => items.map((t) => t.getAttribute('datetime') as string));
  const workPath = () => `/records/${ids.get('Turner')}/work`;
  const turnerFiles = async () =>
    (
      await server.ctx.db
        .selectFrom('files')
        .select('id')
        .where('epaRecordId', '=', ids.get('Turner') as string)
        .execute()
    ).length;

  it('opens an apprentice and shows the timeline in order, oldest first, with what is to come', async () => {
    await page.goto(`${server.url}/provider`);
    await page.getByRole('link', { name: /View the EPA record of Sophie Green/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#timeline-heading').textContent()).resolves.toBe('Timeline');
    const seen = await kinds(page);
    expect(seen.slice(0, 3)).toEqual(['registered', 'gateway-submitted', 'gateway-approved']);
    const order = ['booked', 'assessment-held', 'work-submitted', 'moderated', 'result-released', 'appeal-lodged', 'reattempt'];
    const positions = order.map((k) => seen.indexOf(k));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const when = await dates(page);
    expect([...when].sort()).toEqual(when);
    const text = (await page.locator('#timeline').textContent()) ?? '';
    expect(text).toContain('Result released: Fail');
    expect(text).toContain('Practical observation with Q&As: Fail');
    expect(text).toContain('Appeal lodged');
    expect(text).toContain('Re-sit of the practical observation with Q&As planned');
    expect(text).toContain('Project report submitted');
    expect(text).toMatch(/2,\d{3} words counted, annexes excluded \(2,250 to 2,750 words allowed\)/);
    // The re-sit is still to come, and marked so.
    await expect(page.locator('#timeline li[data-kind="reattempt"] .govuk-tag').textContent()).resolves.toContain('Coming up');
    // Provisional grades are the EPAO's: the provider sees the released result only.
    expect(text).not.toContain('Provisional grade');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'timeline.png');
  });

  it('links to the upload from a record at the stage to submit, and shows the standard’s rule', async () => {
    await page.goto(`${server.url}/records/${ids.get('Turner')}`);
    await page.getByRole('link', { name: 'Upload the project report' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(workPath());
    await expect(page.locator('h1').textContent()).resolves.toBe('Project report');
    const rule = server.ctx.catalogue.standards
      .get('ST0071@1.2')
      ?.methods.get('project')
      ?.submissions.find((s) => s.id === 'project-report');
    const summary = (await page.locator('#work-project-report + .govuk-summary-list').textContent()) ?? '';
    expect(summary).toContain('2,500 words, so 2,250 to 2,750 words, excluding annexes');
    expect(summary).toContain(`Source: ${shownSource(rule?.words?.source)}`);
    expect(summary).toContain(`Source: ${shownSource(rule?.leadDays?.source)}`);
    expect(summary).toMatch(/\d{1,2} \w+ \d{4}: 14 days before the work-based project supported by an interview on \d{1,2} \w+ \d{4}/);
    await expect(page.locator('#submissions-project-report tbody tr').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a multipart upload without the form token', async () => {
    const response = await context.request.post(`${server.url}${workPath()}`, {
      multipart: { kind: 'project-report', file: { name: 'forged.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(words(2500))) } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  it('answers an upload body it cannot read with the form and an error on the file, never a server error', async () => {
    await page.goto(`${server.url}${workPath()}`);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const url = `${server.url}${workPath()}`;
    const before = await turnerFiles();
    const report = { name: 'report.pdf', type: 'application/pdf', bytes: pdf(words(2500)) };
    for (const { name, body, text } of malformedBodies(token, report)) {
      const shown = await fileErrorOf(await context.request.post(url, { ...body, maxRedirects: 0 }));
      expect(shown, name).toMatchObject({ status: 400, linksToFile: true });
      expect(shown.title, name).toMatch(/^Error: /);
      expect(shown.fieldError, name).toContain(text);
    }
    const large = await context.request.post(url, {
      multipart: {
        _csrf: token,
        kind: 'project-report',
        file: { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 'a') },
      },
      maxRedirects: 0,
    });
    const tooLarge = await fileErrorOf(large);
    expect(tooLarge).toMatchObject({ status: 413, linksToFile: true });
    expect(tooLarge.fieldError).toContain('The selected file must be smaller than 10 MB');
    // Nothing can be read, the token included: refused as a forged form.
    for (const body of [tokenCutShort(token), noBoundary(token)]) expect((await context.request.post(url, { ...body, maxRedirects: 0 })).status()).toBe(403);
    expect(await turnerFiles()).toBe(before);
  });

  it('shows the error summary for no file and for the wrong kind of file, saving nothing', async () => {
    const before = await server.ctx.db
      .selectFrom('files')
      .select('id')
      .where('epaRecordId', '=', ids.get('Turner') as string)
      .execute();
    await page.goto(`${server.url}${workPath()}`);
    await page.getByRole('button', { name: 'Upload and count the words' }).click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the document to upload');
    await expect(page.locator('.govuk-error-summary a[href="#file"]').count()).resolves.toBe(1);
    await expect(page.locator('#file-error').textContent()).resolves.toContain('Select the document to upload');
    expect(await seriousViolations(page)).toEqual([]);

    await page.setInputFiles('#file', { name: 'report.png', mimeType: 'image/png', buffer: Buffer.from(png()) });
    await page.getByRole('button', { name: 'Upload and count the words' }).click();
    await page.waitForLoadState('load');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('The document must be a Word document (.docx) or a PDF');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const after = await server.ctx.db
      .selectFrom('files')
      .select('id')
      .where('epaRecordId', '=', ids.get('Turner') as string)
      .execute();
    expect(after.length).toBe(before.length);
  });

  it('shows the engine’s refusal of a report too short, with the count and the source, keeping no file', async () => {
    const before = await turnerFiles();
    await page.goto(`${server.url}${workPath()}`);
    await page.setInputFiles('#file', { name: 'draft.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(words(600))) });
    await page.getByRole('button', { name: 'Upload and count the words' }).click();
    await page.waitForLoadState('load');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('This work was not submitted');
    expect(summary).toContain('The project report has 600 words (excluding annexes); it must be 2,500 words ± 10%: 2,250 to 2,750');
    expect(summary).toContain('Source: IfATE End-Point Assessment Plan: Customer Service Specialist (Level 3), ST0071 (content of v1.2)');
    await expect(page.locator('#counted').textContent()).resolves.toContain('600 words counted');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('#submissions-project-report tbody tr').count()).resolves.toBe(1);
    // The refused document is not left on the record: trying again adds nothing either.
    expect(await turnerFiles()).toBe(before);
    await page.setInputFiles('#file', { name: 'draft-2.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(words(700))) });
    await page.getByRole('button', { name: 'Upload and count the words' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#counted').textContent()).resolves.toContain('700 words counted');
    expect(await turnerFiles()).toBe(before);
  });

  it('uploads a project report and shows its words counted, the annex left out, within the limit', async () => {
    await page.goto(`${server.url}${workPath()}`);
    const document = pdf([...words(2500), 'Annex A call logs', ...words(400)]);
    await page.setInputFiles('#file', { name: 'project-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(document) });
    await page.getByRole('button', { name: 'Upload and count the words' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(workPath());
    const banner = (await page.locator('.govuk-notification-banner').textContent()) ?? '';
    expect(banner).toContain('Project report submitted');
    expect(banner).toContain('2,500 words counted, annexes excluded: within the limit (2,500 words, so 2,250 to 2,750 words');
    const rows = page.locator('#submissions-project-report tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('2,500');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'work-upload.png');

    await page.goto(`${server.url}/records/${ids.get('Turner')}`);
    const submitted = page.locator('#timeline li[data-kind="work-submitted"]').last();
    await expect(submitted.textContent()).resolves.toContain('2,500 words counted');
  });

  it('refuses work for a record not yet through gateway, before anything is uploaded', async () => {
    const amelia = await server.ctx.db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select('epaRecords.id')
      .where('apprentices.familyName', '=', 'Clarke')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/records/${amelia.id}`);
    await expect(page.getByRole('link', { name: /Upload the/ }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/records/${amelia.id}/work`);
    await expect(page.locator('form[action$="/work"]').count()).resolves.toBe(0);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await context.request.post(`${server.url}/records/${amelia.id}/work`, {
      multipart: { _csrf: token, kind: 'project-report', file: { name: 'early.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(words(2500))) } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('Work is submitted once gateway is approved');
    const files = await server.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', amelia.id).execute();
    expect(files).toEqual([]);
  });

  it('shows the employer the timeline of their apprentice, with no upload link or page', async () => {
    const employer = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const p = await employer.newPage();
    await signInAs(p, server.url, LAKESIDE);
    await p.goto(`${server.url}/records/${ids.get('Turner')}`);
    const seen = await kinds(p);
    expect(seen.slice(0, 3)).toEqual(['registered', 'gateway-submitted', 'gateway-approved']);
    expect(seen).toContain('work-submitted');
    await expect(p.locator('#work-link').count()).resolves.toBe(0);
    await expect(p.getByRole('link', { name: /Upload the/ }).count()).resolves.toBe(0);
    expect(await seriousViolations(p)).toEqual([]);
    expect((await employer.request.get(`${server.url}${workPath()}`)).status()).toBe(403);
    await employer.close();
  });

  it('reflows the timeline and the work page at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of [`/records/${ids.get('Green')}`, workPath()]) {
      await small.goto(`${server.url}${path}`);
      await small.waitForLoadState('load');
      await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    }
    await narrow.close();
  });
});
