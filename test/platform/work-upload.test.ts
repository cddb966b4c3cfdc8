// The pages' upload-and-submit of the apprentice's work: a document the rules refuse is
// not kept (no file left on the record per attempt, an audit entry saying it was removed),
// one they accept stays with its submission, and a file a submission refers to, or one
// another user uploaded, is never removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { AppError } from '../../src/app/errors.ts';
import { discardUnsubmittedFile, uploadEvidence } from '../../src/app/files.ts';
import { submitWorkUpload } from '../../src/app/work-upload.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { pdf, words } from '../fixtures/documents.ts';
import { type Parties, register, report, throughGateway } from '../fixtures/epa.ts';
import { createTestApp, ENGINES, type TestApp } from './harness.ts';

describe.each(ENGINES)('uploading and submitting work in one step (%s)', (engine) => {
  let t: TestApp;
  let p: Parties;
  let provider: Actor;
  let admin: Actor;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const adminUser = await t.user('epao-admin');
    const providerUser = await t.user('provider', { organisationId: await t.organisation('provider') });
    p = { providerCookie: providerUser.cookie, adminCookie: adminUser.cookie, employerId: await t.organisation('employer') };
    provider = (await actorForUser(t.ctx, providerUser.id)) as Actor;
    admin = (await actorForUser(t.ctx, adminUser.id)) as Actor;
    recordId = (await register(t, p)).id;
    await throughGateway(t, p, recordId);
  }, 60_000);
  afterAll(() => t.close());

  const workFiles = () =>
    t.ctx.db.selectFrom('files').select(['id', 'purpose']).where('epaRecordId', '=', recordId).where('purpose', '=', 'project-report').execute();
  const submissions = () => t.ctx.db.selectFrom('submissions').select('id').where('epaRecordId', '=', recordId).execute();
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof AppError ? error : Promise.reject(error)),
    );

  it('leaves nothing behind when the rules refuse the document, however often it is tried', async () => {
    const filesBefore = (await t.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', recordId).execute()).length;
    for (let attempt = 0; attempt < 2; attempt++) {
      const short = await refusal(submitWorkUpload(t.ctx, provider, recordId, { kind: 'project-report', fileName: 'draft.docx', bytes: report(600) }));
      expect(short?.code).toBe('WORD_COUNT_TOO_LOW');
    }
    // A PDF cut short: stored (it starts as a PDF), then unreadable when its words are counted.
    const broken = await refusal(
      submitWorkUpload(t.ctx, provider, recordId, { kind: 'project-report', fileName: 'broken.pdf', bytes: pdf(words(10)).subarray(0, 40) }),
    );
    expect(broken?.code).toBe('UNREADABLE_FILE');
    expect((await t.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', recordId).execute()).length).toBe(filesBefore);
    expect(await submissions()).toEqual([]);
    const discarded = await t.ctx.db.selectFrom('auditLog').select(['action', 'entity', 'before']).where('action', '=', 'discard').execute();
    expect(discarded.length).toBeGreaterThanOrEqual(2);
    expect(discarded[0]).toMatchObject({ entity: 'file', before: { epaRecordId: recordId, purpose: 'project-report', fileName: 'draft.docx' } });
  });

  it('keeps the document with its submission when the rules accept it', async () => {
    const submitted = await submitWorkUpload(t.ctx, provider, recordId, { kind: 'project-report', fileName: 'report.docx', bytes: report(2500) });
    expect(submitted.wordCount).toBe(2500);
    const files = await workFiles();
    expect(files).toHaveLength(1);
    const row = await t.ctx.db.selectFrom('submissions').select('fileId').where('id', '=', submitted.id).executeTakeFirstOrThrow();
    expect(row.fileId).toBe(files[0]?.id);
    // A submitted file is never discarded, not even by the one who uploaded it.
    await expect(discardUnsubmittedFile(t.ctx, provider, row.fileId as string)).resolves.toBe(false);
    expect(await workFiles()).toHaveLength(1);
  });

  it('discards only the actor’s own unsubmitted work', async () => {
    const file = await uploadEvidence(t.ctx, provider, recordId, { purpose: 'project-report', ksbs: [], fileName: 'spare.docx', bytes: report(2500) });
    await expect(discardUnsubmittedFile(t.ctx, admin, file.id)).resolves.toBe(false);
    expect((await workFiles()).map((f) => f.id)).toContain(file.id);
    await expect(discardUnsubmittedFile(t.ctx, provider, file.id)).resolves.toBe(true);
    expect((await workFiles()).map((f) => f.id)).not.toContain(file.id);
    await expect(discardUnsubmittedFile(t.ctx, provider, 'not-a-uuid')).resolves.toBe(false);
  });
});
