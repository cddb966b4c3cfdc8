import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPORT_COLUMNS, IMPORT_LIMITS } from '../../src/app/import-file.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';
import { fileErrorOf, malformedBodies, noBoundary, tokenCutShort } from './raw-multipart.ts';

/** A ULN that passes the LRS check digit, from nine digits. */
function uln(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  if (r === 0) throw new Error(`${nine} has no check digit`);
  return `${nine}${10 - r}`;
}
const GOOD = uln('555012345');
const WRONG_CHECK = `${GOOD.slice(0, 9)}${(Number(GOOD[9]) + 1) % 10}`;

describeInBrowser('registering apprentices in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let organisations: Map<string, string>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ context, page } = await signedInAs(browser, server.url, DEMO.admin));
    const rows = await server.ctx.db.selectFrom('organisations').select(['id', 'name']).execute();
    organisations = new Map(rows.map((r) => [r.name, r.id]));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = (name: string) => pressButton(page, name);
  const summaryLinks = () => page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  it('shows the form’s own checks first, each linked from the summary', async () => {
    const response = await page.goto(`${server.url}/admin/register`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Register an apprentice');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#givenNames', 'Maya');
    await page.fill('#dateOfBirth-day', '31');
    await page.fill('#dateOfBirth-month', '2');
    await page.fill('#dateOfBirth-year', '2006');
    await submit('Register apprentice');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await summaryLinks()).toEqual(['#familyName', '#uln', '#dateOfBirth-day', '#startDate-day', '#standard', '#providerId', '#employerId']);
    await expect(page.locator('#dateOfBirth-error').textContent()).resolves.toContain('Date of birth must be a real date');
    await expect(page.inputValue('#givenNames')).resolves.toBe('Maya');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a ULN whose check digit is wrong, on the ULN field, with its source', async () => {
    await page.fill('#familyName', 'Osei');
    await page.fill('#uln', WRONG_CHECK);
    await page.fill('#dateOfBirth-day', '21');
    await page.fill('#dateOfBirth-month', '4');
    await page.fill('#email', 'maya.osei@example.com');
    await page.selectOption('#standard', 'ST0072@1.1');
    await page.selectOption('#policy', 'HIGHFIELD');
    await page.check('input[name="channel"][value="face-to-face"]');
    await page.selectOption('#providerId', organisations.get('Riverside Training') as string);
    await page.selectOption('#employerId', organisations.get('Lakeside Retail Group') as string);
    await page.fill('#startDate-day', '2');
    await page.fill('#startDate-month', '9');
    await page.fill('#startDate-year', '2024');
    await page.check('#ehcp');
    await page.fill('#extraTimePercent', '25');
    await page.fill('#adjustments', 'A quiet room and a reader.');
    await submit('Register apprentice');
    expect(await summaryLinks()).toEqual(['#uln']);
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Enter a real ULN');
    expect(summary).toContain('Source: Learning Records Service ULN check digit');
    await expect(page.locator('#uln-error').textContent()).resolves.toContain('the last digit the check digit');
    await expect(page.inputValue('#uln')).resolves.toBe(WRONG_CHECK);
    await expect(page.locator('#policy').inputValue()).resolves.toBe('HIGHFIELD');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'register.png');
  });

  it('refuses a policy that is not for the chosen standard version, on the policy field', async () => {
    await page.fill('#uln', GOOD);
    await page.selectOption('#policy', 'PAL');
    await submit('Register apprentice');
    expect(await summaryLinks()).toEqual(['#policy']);
    await expect(page.locator('#policy-error').textContent()).resolves.toContain('PAL is not declared for ST0072@1.1');
    await expect(page.locator('#policy-hint').textContent()).resolves.toContain('The end-point assessment organisation’s policy');
  });

  it('registers with the temporary ULN and shows the record with the engine’s warning and its source', async () => {
    await page.fill('#uln', '9999999999');
    await page.selectOption('#policy', 'HIGHFIELD');
    await submit('Register apprentice');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/register\/registered\/[0-9a-f-]{36}$/);
    await expect(page.locator('.govuk-panel').textContent()).resolves.toContain('Maya Osei');
    const warnings = (await page.locator('#registration-warnings').textContent()) ?? '';
    expect(warnings).toContain('9999999999 is the temporary ULN: record the real one before the certificate is claimed');
    expect(warnings).toContain('Source: Learning Records Service ULN check digit (ILR validation)');
    const details = (await page.locator('#registered').textContent()) ?? '';
    for (const text of [
      'Customer Service Practitioner',
      'Highfield Assessment (HIGHFIELD)',
      'Face to face',
      'Riverside Training',
      'Lakeside Retail Group',
      '25%',
    ])
      expect(details).toContain(text);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'View the EPA record' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toContain('Maya Osei');
  });

  it('refuses a form POST without the token', async () => {
    const response = await context.request.post(`${server.url}/admin/register`, { form: { givenNames: 'Forged' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  // --- The CSV import --------------------------------------------------------------

  const upload = async (name: string, content: string | Buffer) => {
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    await submit('Upload and register');
  };

  it('explains the columns, offers the template, and checks the file', async () => {
    await page.goto(`${server.url}/admin/register/import`);
    const columns = await page.locator('#import-columns tbody th').allTextContents();
    expect(columns.map((c) => c.trim())).toEqual(Object.keys(IMPORT_COLUMNS));
    await expect(page.locator('#import-columns').textContent()).resolves.toContain('The EPAO policy, for example PAL');
    await expect(page.locator('#organisation-ids').textContent()).resolves.toContain(organisations.get('Meridian Telecom'));
    expect(await seriousViolations(page)).toEqual([]);

    const template = await context.request.get(`${server.url}/admin/register/import/template.csv`);
    expect(template.headers()['content-type']).toContain('text/csv');
    expect(await template.text()).toBe(`${Object.keys(IMPORT_COLUMNS).join(',')}\r\n`);

    await submit('Upload and register');
    await expect(page.locator('#file-error').textContent()).resolves.toContain('Select a CSV file');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await upload('empty.csv', '');
    await expect(page.locator('#file-error').textContent()).resolves.toContain('The selected file is empty');
    await upload('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]));
    await expect(page.locator('#file-error').textContent()).resolves.toContain('must be a CSV file');
    await upload('wrong.csv', 'name,uln\nAda,1234567899\n');
    await expect(page.locator('#file-error').textContent()).resolves.toContain('Unknown column "name"');
    expect(await seriousViolations(page)).toEqual([]);

    // Over the limit: sent with this page's token, so only the size is wrong.
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const big = await context.request.post(`${server.url}/admin/register/import`, {
      multipart: { _csrf: token, file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(IMPORT_LIMITS.bytes + 1, 'a') } },
      maxRedirects: 0,
    });
    expect(big.status()).toBe(413);
    expect(await big.text()).toContain('The selected file must be smaller than 10 MB');
  });

  it('answers an upload body it cannot read with the form and an error on the file, never a server error', async () => {
    await page.goto(`${server.url}/admin/register/import`);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const url = `${server.url}/admin/register/import`;
    const csv = { name: 'rows.csv', type: 'text/csv', bytes: Buffer.from('uln,given_names\n') };
    for (const { name, body, text } of malformedBodies(token, csv)) {
      const shown = await fileErrorOf(await context.request.post(url, { ...body, maxRedirects: 0 }));
      expect(shown, name).toMatchObject({ status: 400, linksToFile: true });
      expect(shown.title, name).toMatch(/^Error: /);
      expect(shown.fieldError, name).toContain(text);
    }
    for (const body of [tokenCutShort(token), noBoundary(token)]) expect((await context.request.post(url, { ...body, maxRedirects: 0 })).status()).toBe(403);
  });

  it('refuses a multipart upload without the token', async () => {
    const response = await context.request.post(`${server.url}/admin/register/import`, {
      multipart: { file: { name: 'forged.csv', mimeType: 'text/csv', buffer: Buffer.from('uln\n') } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  it('imports a file with one good and one bad row and reports each row', async () => {
    await page.goto(`${server.url}/admin/register/import`);
    const provider = organisations.get('Summit Skills College');
    const employer = organisations.get('Meridian Telecom');
    const csv = [
      'uln,given_names,family_name,date_of_birth,employer_id,provider_id,standard,policy,start_date,ehcp',
      `${uln('555012347')},Noah,Ashdown,2005-11-30,${employer},${provider},ST0071@1.2,PAL,2024-10-01,no`,
      `${WRONG_CHECK},,Bell,2005-13-01,${employer},${provider},ST0071@1.2,,2024-10-01,maybe`,
    ].join('\r\n');
    await upload('apprentices.csv', csv);
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/register\/import\/[0-9a-f-]{36}$/);
    await expect(page.locator('[data-total="rows"]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-total="rejected"]').textContent()).resolves.toBe('1');
    await expect(page.locator('#import-outcome').textContent()).resolves.toContain('1 apprentice registered; 1 row not imported');

    const good = page.locator('#import-rows tr[data-line="2"]');
    await expect(good.textContent()).resolves.toContain('Imported');
    const bad = (await page.locator('#import-rows tr[data-line="3"]').textContent()) ?? '';
    expect(bad).toContain('Rejected');
    expect(bad).toMatch(/Column\s+ehcp:\s+must be yes or no, not "maybe"/);
    expect(bad).toMatch(/Column\s+given_names:\s+is required/);
    expect(bad).toMatch(/Column\s+date_of_birth:/);
    expect(bad).toContain('Bell');
    await expect(good.textContent()).resolves.toContain('Noah Ashdown');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-report.png');

    // Only the rejected rows, then the file to put them right: the row as it was, and what is wrong.
    const reportPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Show only the rejected rows' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#import-rows tbody tr').count()).resolves.toBe(1);
    const rejected = await context.request.get(`${server.url}${reportPath}/rejected.csv`);
    expect(rejected.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const [header, line] = (await rejected.text()).trimEnd().split('\r\n');
    expect(header).toBe('uln,given_names,family_name,date_of_birth,employer_id,standard,start_date,provider_id,ehcp,policy,problem');
    expect(line).toMatch(new RegExp(`^${WRONG_CHECK},,Bell,2005-13-01,${employer},ST0071@1.2,2024-10-01,${provider},maybe,,"`));
    expect(line).toContain('ehcp: must be yes or no, not ""maybe""');

    // Put right and sent back, problem column and all, it imports cleanly.
    const fixed = `${header}\r\n${line?.replace(`${WRONG_CHECK},,Bell,2005-13-01`, `${uln('555012355')},Ivy,Bell,2005-12-01`).replace(',maybe,', ',no,')}\r\n`;
    await page.goto(`${server.url}/admin/register/import`);
    await upload('fixed.csv', fixed);
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-total="rejected"]').textContent()).resolves.toBe('0');
    await page.goto(`${server.url}${reportPath}`);

    // The report stays where the redirect put it; a reload imports nothing again.
    await page.reload();
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('1');
    const ashdown = await server.ctx.db.selectFrom('apprentices').select('id').where('familyName', '=', 'Ashdown').execute();
    expect(ashdown).toHaveLength(1);
    await good.getByRole('link').click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toContain('Noah Ashdown');
  });

  it('says plainly when nothing was imported', async () => {
    await page.goto(`${server.url}/admin/register/import`);
    await upload(
      'all-bad.csv',
      `uln,given_names,family_name,date_of_birth,employer_id,standard,start_date\n${WRONG_CHECK},Ida,Moss,2005-01-01,x,ST0071@1.2,2024-10-01\n`,
    );
    await expect(page.locator('#import-outcome').textContent()).resolves.toContain('Nothing was imported');
    await expect(page.locator('[data-total="imported"]').textContent()).resolves.toBe('0');
  });

  it('reflows at 320 px wide with no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState: await context.storageState() });
    const small = await narrow.newPage();
    for (const path of ['/admin/register', '/admin/register/import', new URL(page.url()).pathname]) {
      await small.goto(`${server.url}${path}`);
      await small.waitForLoadState('load');
      expect(await small.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await narrow.close();
  });
});
