// An appeal walked in a browser by the people it concerns: the apprentice lodges it from the
// result page (with the keyboard), the EPAO acknowledges it and gives it to a reviewer (the
// assessor who assessed her is refused), the reviewer upholds it, the result changes, and
// the apprentice sees it and is e-mailed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/app/auth.ts';
import { insertUser } from '../../src/store/repositories/demo.repository.ts';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

const APPRENTICE = 'chloe.walker@apprentice.demo.capstone.test';

describeInBrowser('an appeal from lodging to decision in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fitsIn320(page: Page) {
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** Chloe Walker's record, her released pass made today's (so it is in the appeal window), and her assessors. */
  async function chloe() {
    const db = server.ctx.db;
    const record = await db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .select(['epaRecords.id', 'apprentices.email'])
      .where('apprentices.givenNames', '=', 'Chloe')
      .where('apprentices.familyName', '=', 'Walker')
      .executeTakeFirstOrThrow();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    await db.updateTable('results').set({ releasedOn: today }).where('epaRecordId', '=', record.id).where('status', '=', 'released').execute();
    const assessedBy = await db
      .selectFrom('assessments')
      .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['users.id', 'users.name'])
      .where('assessments.epaRecordId', '=', record.id)
      .execute();
    const moderators = (await db.selectFrom('assessments').select('moderatedBy').where('epaRecordId', '=', record.id).execute()).map((m) => m.moderatedBy);
    const involved = new Set([...assessedBy.map((a) => a.id), ...moderators]);
    // The demo's assessors all assessed her: the EPAO's second IQA, who had no part, reviews it.
    const email = 'omar.haddad@demo.capstone.test';
    const id = await insertUser(db, { email, name: 'Omar Haddad', role: 'iqa', passwordHash: await hashPassword(DEMO.password) });
    const independent = { id, name: 'Omar Haddad', email };
    expect(involved.has(id)).toBe(false);
    const original = assessedBy[0];
    if (!original) throw new Error('the demo has no assessment of Chloe Walker');
    return { recordId: record.id, apprenticeEmail: record.email, original, independent };
  }

  it('is lodged by the apprentice, given to an independent reviewer, upheld, and the apprentice sees the new result', async () => {
    const { recordId, apprenticeEmail, original, independent } = await chloe();

    // The apprentice lodges it from her result page, by keyboard.
    const mine = await signedInAs(browser, server.url, APPRENTICE);
    await mine.page.goto(`${server.url}/records/${recordId}/result`);
    await mine.page.locator('#appeal-link').click();
    await mine.page.waitForLoadState('load');
    await expect(mine.page.locator('h1').textContent()).resolves.toBe('Appeal the result');
    await expect(mine.page.locator('#appeal-deadline').textContent()).resolves.toMatch(/\d{1,2} \w+ \d{4}/);
    expect(await seriousViolations(mine.page)).toEqual([]);
    await pressButton(mine.page, 'Lodge the appeal');
    await expect(mine.page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the grounds for the appeal');
    await mine.page.locator('#grounds').focus();
    await mine.page.keyboard.type('The assessor did not ask about the complaint I resolved during the observation; it shows the distinction criterion.');
    await mine.page.keyboard.press('Tab');
    await mine.page.keyboard.type('The observation notes, and my manager’s witness statement.');
    await mine.page.keyboard.press('Tab');
    await mine.page.keyboard.press('Enter');
    await mine.page.waitForURL(/\/appeals\/[0-9a-f-]{36}\?done=lodged/);
    const appealUrl = mine.page.url().split('?')[0] as string;
    await expect(mine.page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The appeal was lodged');
    await expect(mine.page.locator('#appeal-summary').textContent()).resolves.toContain('Being considered');
    await expect(mine.page.locator('#appeal-evidence').textContent()).resolves.toContain('witness statement');
    expect(await seriousViolations(mine.page)).toEqual([]);
    await fitsIn320(mine.page);
    await screenshot(mine.page, 'appeal-lodged.png');

    // The EPAO acknowledges it and gives it to a reviewer: the assessor who assessed her is refused.
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/appeals`);
    await epao.page.locator(`#open-appeals a[href="${new URL(appealUrl).pathname}"]`).click();
    await epao.page.waitForLoadState('load');
    await pressButton(epao.page, 'Acknowledge the appeal');
    await expect(epao.page.locator('#appeal-summary').textContent()).resolves.not.toContain('Not yet');
    await epao.page.selectOption('#reviewerId', original.id);
    await pressButton(epao.page, 'Give the appeal to this reviewer');
    await expect(epao.page.locator('.govuk-error-summary').textContent()).resolves.toContain('someone other than an assessor');
    await expect(epao.page.locator('#reviewerId-error').textContent()).resolves.toContain('someone other than an assessor');
    expect(await seriousViolations(epao.page)).toEqual([]);
    await epao.page.selectOption('#reviewerId', independent.id);
    await pressButton(epao.page, 'Give the appeal to this reviewer');
    await expect(epao.page.locator('.govuk-notification-banner').textContent()).resolves.toContain(`given to ${independent.name}`);
    // The EPAO no longer decides it: the reviewer does.
    await expect(epao.page.locator('#decide-appeal').count()).resolves.toBe(0);
    await screenshot(epao.page, 'appeal-reviewer.png');

    // The reviewer finds it among the open appeals, and upholds it, changing a grade.
    const reviewer = await signedInAs(browser, server.url, independent.email);
    await reviewer.page.goto(`${server.url}/appeals`);
    await expect(reviewer.page.locator('#open-appeals').textContent()).resolves.toContain('Omar Haddad');
    await reviewer.page.goto(appealUrl);
    await reviewer.page.locator('#outcome').check();
    const method = await reviewer.page.locator('#grades select').first().getAttribute('name');
    await reviewer.page.selectOption(`select[name="${method}"]`, 'distinction');
    await reviewer.page.locator('#reason').fill('The observation notes and the witness statement show the complaint handled to the distinction standard.');
    expect(await seriousViolations(reviewer.page)).toEqual([]);
    await pressButton(reviewer.page, 'Record the decision');
    await expect(reviewer.page.locator('#appeal-outcome').textContent()).resolves.toContain('Upheld');
    await screenshot(reviewer.page, 'appeal-upheld.png');

    // The apprentice sees the decision and the new result, and was e-mailed.
    await mine.page.goto(appealUrl);
    await expect(mine.page.locator('#appeal-reasons').textContent()).resolves.toContain('distinction standard');
    await mine.page.locator('#appeal-outcome a').click();
    await mine.page.waitForLoadState('load');
    await expect(mine.page.locator('#result-summary').textContent()).resolves.toContain('Distinction');
    const mail = await server.ctx.db
      .selectFrom('outbox')
      .select(['toAddress', 'kind', 'body'])
      .where('kind', '=', 'appeal-decided')
      .where('toAddress', 'in', [APPRENTICE, apprenticeEmail ?? APPRENTICE])
      .execute();
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0]?.body).toContain('was upheld');
    for (const c of [mine.context, epao.context, reviewer.context]) await c.close();
  });

  it('is upheld for an unsound assessment: the admin orders a method assessed again at no charge, and the apprentice sees it', async () => {
    const db = server.ctx.db;
    const sophie = await db
      .selectFrom('appeals')
      .innerJoin('epaRecords', 'epaRecords.id', 'appeals.epaRecordId')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .innerJoin('users', 'users.apprenticeId', 'apprentices.id')
      .select(['appeals.id', 'epaRecords.id as recordId', 'users.email'])
      .where('apprentices.givenNames', '=', 'Sophie')
      .where('appeals.status', '=', 'lodged')
      .executeTakeFirstOrThrow();
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/appeals/${sophie.id}`);
    await epao.page.locator('input[name="outcome"][value="reassess"]').check();
    await epao.page.locator('#reason').fill('The observation ran short of its time: it is taken again.');
    await pressButton(epao.page, 'Record the decision');
    await expect(epao.page.locator('.govuk-error-summary a[href="#reassess"]').textContent()).resolves.toBe('Choose the methods to be assessed again');
    await expect(epao.page.locator('input[name="outcome"][value="reassess"]').isChecked()).resolves.toBe(true);
    // Her observation's re-sit, already arranged, becomes the re-assessment: at no charge, uncapped.
    await epao.page.locator('input[name="reassess"][value="observation"]').check();
    expect(await seriousViolations(epao.page)).toEqual([]);
    await pressButton(epao.page, 'Record the decision');
    await expect(epao.page.locator('#appeal-outcome').textContent()).resolves.toMatch(/will be assessed again, at no charge/);
    await expect(epao.page.locator('#appeal-outcome').textContent()).resolves.toContain('the practical observation with q&as');
    await fitsIn320(epao.page);
    await screenshot(epao.page, 'appeal-reassessment.png');
    const arranged = await db.selectFrom('reattempts').select(['kind', 'charge', 'method']).where('appealId', '=', sophie.id).execute();
    expect(arranged).toEqual([{ kind: 'appeal-reassessment', charge: 'none', method: 'observation' }]);
    // It was her re-sit: no second attempt was arranged beside it.
    const open = await db.selectFrom('reattempts').select('id').where('epaRecordId', '=', sophie.recordId).where('usedByAssessmentId', 'is', null).execute();
    expect(open).toHaveLength(1);

    // Sophie sees the decision on her appeal, and she and the provider who lodged it were e-mailed.
    const mine = await signedInAs(browser, server.url, sophie.email);
    await mine.page.goto(`${server.url}/appeals/${sophie.id}`);
    await expect(mine.page.locator('#appeal-outcome').textContent()).resolves.toContain('at no charge');
    expect(await seriousViolations(mine.page)).toEqual([]);
    const mail = await db
      .selectFrom('outbox')
      .select('body')
      .where('kind', '=', 'appeal-decided')
      .where('dedupeKey', 'like', `appeal:${sophie.id}:decided:%`)
      .execute();
    expect(mail.map((m) => m.body).join('\n')).toContain('will be assessed again at no charge');
    for (const c of [epao.context, mine.context]) await c.close();
  });
});
