// Malpractice in a browser: the training provider reports it about the assessor, the result
// it would release is held, and the EPAO investigates with a log, decides, and releases.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, describeInBrowser, launchChromium, pressButton, type RunningServer, screenshot, seriousViolations, signedInAs, startServer } from './harness.ts';

describeInBrowser('a malpractice report holds a release in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Mia Robinson, every method moderated (so her result is ready to release), with her provider's user and an assessor of hers. */
  async function miaReady() {
    const db = server.ctx.db;
    const record = await db
      .selectFrom('epaRecords')
      .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
      .innerJoin('users as provider', 'provider.organisationId', 'apprentices.providerId')
      .select(['epaRecords.id', 'provider.email as provider'])
      .where('apprentices.givenNames', '=', 'Mia')
      .where('apprentices.familyName', '=', 'Robinson')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('assessments')
      .set({ moderationStatus: 'agreed' })
      .where('epaRecordId', '=', record.id)
      .where('moderationStatus', '=', 'pending')
      .execute();
    const assessor = await db
      .selectFrom('assessments')
      .innerJoin('assessors', 'assessors.id', 'assessments.assessorId')
      .innerJoin('users', 'users.id', 'assessors.userId')
      .select(['users.id', 'users.name'])
      .where('assessments.epaRecordId', '=', record.id)
      .executeTakeFirstOrThrow();
    return { ...record, assessor };
  }

  it('is reported by the provider, holds the release, and is investigated and decided by the EPAO', async () => {
    const mia = await miaReady();
    const epao = await signedInAs(browser, server.url, DEMO.admin);
    await epao.page.goto(`${server.url}/records/${mia.id}/result/release`);
    await expect(epao.page.locator('#confirm-release').count()).resolves.toBe(1);

    const reporter = await signedInAs(browser, server.url, mia.provider);
    await reporter.page.goto(`${server.url}/records/${mia.id}`);
    await reporter.page.locator('#report-malpractice').click();
    await reporter.page.waitForLoadState('load');
    expect(await seriousViolations(reporter.page)).toEqual([]);
    await reporter.page.locator('#concerns-2').check();
    await reporter.page.selectOption('#concernsUserId', mia.assessor.id);
    await reporter.page.locator('#allegation').fill('The assessor prompted Mia with the answers during the professional discussion.');
    await pressButton(reporter.page, 'Send the report');
    await expect(reporter.page.locator('#report-received').textContent()).resolves.toContain('Report received');
    await reporter.context.close();

    // The release is held, and says why.
    await epao.page.goto(`${server.url}/records/${mia.id}/result/release`);
    await expect(epao.page.locator('#confirm-release').count()).resolves.toBe(0);
    await expect(epao.page.locator('#blockers').textContent()).resolves.toContain('malpractice case is open');

    await epao.page.goto(`${server.url}/records/${mia.id}`);
    await epao.page.locator('#open-case a').click();
    await epao.page.waitForLoadState('load');
    await expect(epao.page.locator('#case-summary').textContent()).resolves.toContain(mia.assessor.name);
    await epao.page.locator('#note').fill('Listened to the recording of the discussion: no prompting heard.');
    await pressButton(epao.page, 'Add the note');
    await expect(epao.page.locator('#case-notes').textContent()).resolves.toContain('no prompting heard');
    expect(await seriousViolations(epao.page)).toEqual([]);
    await screenshot(epao.page, 'malpractice-case.png');
    await epao.page.setViewportSize({ width: 320, height: 640 });
    const overflow = await epao.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await epao.page.setViewportSize({ width: 1280, height: 800 });
    await epao.page.locator('#outcome').check();
    await epao.page.locator('#notes').fill('No malpractice: the recording shows an independent discussion.');
    await pressButton(epao.page, 'Record the decision');
    await expect(epao.page.locator('#case-decision').textContent()).resolves.toContain('dismissed');

    await epao.page.goto(`${server.url}/records/${mia.id}/result/release`);
    await expect(epao.page.locator('#confirm-release').count()).resolves.toBe(1);
    await epao.context.close();
  });
});
