// A CSV import as background work, in a browser: the upload becomes a run that waits for a
// worker, the page shows how far it has got (and keeps itself up to date where JavaScript
// runs), then the report. 20,000 rows with half of them wrong import their 10,000 good rows;
// the rejected rows, downloaded, put right and sent back, import cleanly.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport } from '../../src/app/import-reports.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

/** A ULN that passes the LRS check digit, from a nine-digit number (those with none are skipped by the caller). */
function uln(nine: number): string | null {
  const digits = String(nine);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const r = sum % 11;
  return r === 0 ? null : `${digits}${10 - r}`;
}

const ROWS = 20_000;
const FUTURE = '2031-05-01';

describeInBrowser('a CSV import running in the background', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The runs the pages queued: held here until the test lets the worker take them. */
  const queued: string[] = [];
  const work = () => Promise.all(queued.splice(0).map((id) => runImport(server.ctx, id)));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ imports: { enqueue: async (id) => void queued.push(id) } }), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const upload = async (name: string, content: string) => {
    await page.goto(`${server.url}/admin/register/import`);
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.from(content) });
    await pressButton(page, 'Upload and register');
  };

  it('shows the progress of 20,000 rows, then the report; the rejected half, put right, imports cleanly', async () => {
    const orgs = new Map((await server.ctx.db.selectFrom('organisations').select(['id', 'name']).execute()).map((r) => [r.name, r.id]));
    const provider = orgs.get('Summit Skills College');
    const employer = orgs.get('Meridian Telecom');
    const lines = ['uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date'];
    for (let n = 810_000_000; lines.length <= ROWS; n++) {
      const number = uln(n);
      if (!number) continue;
      const i = lines.length;
      // Every other row gives a date of birth in the future.
      lines.push(`${number},Row,Volume ${i},${i % 2 === 0 ? FUTURE : '2005-05-01'},${employer},${provider},ST0071@1.2,2024-10-01`);
    }
    await upload('twenty-thousand.csv', `${lines.join('\r\n')}\r\n`);
    const reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/admin\/register\/import\/[0-9a-f-]{36}$/);

    // Queued: the page says so, and offers a link to look again for a browser without JavaScript.
    await expect(page.locator('h1').textContent()).resolves.toBe('Importing your file');
    await expect(page.locator('#import-progress-text').textContent()).resolves.toContain('Waiting to start: 20,000 rows in the file');
    await expect(page.locator('#refresh a').getAttribute('href')).resolves.toBe(reportPath);
    const progress = await context.request.get(`${server.url}${reportPath}/progress`);
    expect(await progress.json()).toEqual({ status: 'queued', total: ROWS, validated: 0 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-progress.png');

    // The worker takes it; the page follows it to the report without a reload of its own.
    const seen = new Set<string>();
    const watching = (async () => {
      while (!(await page.locator('#import-totals').count())) {
        const text = await page
          .locator('#import-progress-text')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (text) seen.add(text.replace(/[\d,]+ of/, 'N of'));
        await page.waitForTimeout(100);
      }
    })();
    await work();
    await watching;
    expect(
      [...seen].some((t) => /Checking rows: N of 20,000 checked|All 20,000 rows checked/.test(t)),
      [...seen].join(' | '),
    ).toBe(true);
    await expect(page.locator('[data-total="rows"]').textContent()).resolves.toBe('20000');
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('10000');
    await expect(page.locator('[data-total="rejected"]').textContent()).resolves.toBe('10000');

    // The rejected rows, each with what is wrong, in words that name the field.
    const rejected = await context.request.get(`${server.url}${reportPath}/rejected.csv`);
    const [header, ...rows] = (await rejected.text()).trimEnd().split('\r\n');
    expect(header).toBe('uln,given_names,family_name,date_of_birth,employer_id,standard,start_date,provider_id,problem');
    expect(rows).toHaveLength(10_000);
    expect(rows[0]).toContain(FUTURE);
    expect(rows[0]).toMatch(/date of birth is in the future/i);

    // Put right (the problem column left in: the import ignores it) and sent back.
    await upload('put-right.csv', `${[header, ...rows.map((r) => r.replace(FUTURE, '2005-05-01'))].join('\r\n')}\r\n`);
    await work();
    await page.waitForSelector('#import-totals', { timeout: 60_000 });
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('10000');
    await expect(page.locator('[data-total="rejected"]').textContent()).resolves.toBe('0');
    const volume = await server.ctx.db
      .selectFrom('apprentices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('familyName', 'like', 'Volume %')
      .executeTakeFirstOrThrow();
    expect(Number(volume.n)).toBe(ROWS);
  }, 180_000);

  it('says so when an import ends without importing anything', async () => {
    await upload(
      'one.csv',
      `uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date\r\n${uln(820000001)},A,B,2005-05-01,x,y,ST0071@1.2,2024-10-01\r\n`,
    );
    const reportPath = new URL(page.url()).pathname;
    const id = reportPath.split('/').at(-1) as string;
    // The sender lost the right to register before a worker took the run.
    await server.ctx.db
      .updateTable('importRuns')
      .set((eb) => ({ actor: eb.fn('jsonb_set', [eb.ref('actor'), eb.val('{role}'), eb.val('"employer"')]) }))
      .where('id', '=', id)
      .execute();
    await work();
    await page.goto(`${server.url}${reportPath}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Nothing was imported');
    await expect(page.locator('#import-problem').textContent()).resolves.toContain('The import did not finish');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reflows the progress page at 320 px wide with no horizontal scroll', async () => {
    await upload(
      'small.csv',
      `uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,start_date\r\n${uln(830000001)},A,B,2005-05-01,x,y,ST0071@1.2,2024-10-01\r\n`,
    );
    await page.setViewportSize({ width: 320, height: 640 });
    await expect(page.locator('h1').textContent()).resolves.toBe('Importing your file');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await work();
  });
});
