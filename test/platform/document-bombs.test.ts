// No document can stop the service: the real server, listening on a port, is sent
// decompression bombs through the API exactly as a provider sends a project report. Each is
// refused with 422 DOCUMENT_TOO_COMPLEX within 30 s, while /health, polled every 50 ms over
// the same socket layer, answers every time with a p99 under a second; nothing is written,
// and the same process then counts a normal report's words. The bombs are built here, in
// memory, from one deflated megabyte each (test/fixtures/bombs.ts).
// PGlite only: what is tested is the process, not the database engine.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../src/app/auth.ts';
import { AppError } from '../../src/app/errors.ts';
import { submitWorkUpload } from '../../src/app/work-upload.ts';
import type { Actor } from '../../src/domain/access/access.ts';
import { SESSION_COOKIE } from '../../src/http/kit.ts';
import { docxBomb, docxManyEntries, pdfManyPages, pdfStreamBomb } from '../fixtures/bombs.ts';
import { multipart } from '../fixtures/documents.ts';
import { type Parties, register, report, throughGateway } from '../fixtures/epa.ts';
import { createTestApp, type TestApp } from './harness.ts';

const MB = 1_048_576;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BOMBS: [string, string, () => Uint8Array][] = [
  ['a .docx whose document.xml inflates to 300 MB', 'bomb.docx', () => docxBomb(300 * MB)],
  ['a .docx whose headers declare 1 KB for 300 MB', 'lying.docx', () => docxBomb(300 * MB, 1000)],
  ['a .docx of 5,000 entries', 'entries.docx', () => docxManyEntries(5000)],
  ['a PDF whose content stream inflates to 1 GB', 'bomb.pdf', () => pdfStreamBomb(1024 * MB)],
  ['a PDF of 5,000 pages', 'pages.pdf', () => pdfManyPages(5000)],
];

/** GET /health every ~50 ms until stopped: each answer's status and time. */
function pollHealth(url: string) {
  const polls: { status: number; ms: number }[] = [];
  let polling = true;
  const loop = (async () => {
    while (polling) {
      const started = performance.now();
      const status = await fetch(`${url}/health`).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      polls.push({ status, ms: performance.now() - started });
      await sleep(50);
    }
  })();
  return {
    async stop() {
      polling = false;
      await loop;
      const times = polls.map((p) => p.ms).sort((a, b) => a - b);
      return { statuses: polls.map((p) => p.status), p99: times[Math.ceil(times.length * 0.99) - 1] ?? Number.POSITIVE_INFINITY, count: polls.length };
    },
  };
}

describe('document bombs against the running server', () => {
  let t: TestApp;
  let url: string;
  let provider: { id: string; cookie: string };
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const admin = await t.user('epao-admin');
    provider = await t.user('provider', { organisationId: await t.organisation('provider') });
    const p: Parties = { providerCookie: provider.cookie, adminCookie: admin.cookie, employerId: await t.organisation('employer') };
    recordId = (await register(t, p)).id;
    await throughGateway(t, p, recordId);
  }, 60_000);
  afterAll(() => t.close());

  // A cookie-signed change carries the session's CSRF token, as any API client's does.
  const cookie = () => ({ cookie: `${SESSION_COOKIE}=${provider.cookie}`, 'x-csrf-token': t.csrfToken(provider.cookie) });

  /** Upload then submit, over HTTP, as a provider's system does. */
  async function uploadAndSubmit(fileName: string, bytes: Uint8Array) {
    const form = multipart({ purpose: 'project-report' }, { fileName, bytes });
    const uploaded = await fetch(`${url}/api/v1/records/${recordId}/files`, {
      method: 'POST',
      headers: { ...form.headers, ...cookie() },
      body: new Uint8Array(form.body),
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const fileId = ((await uploaded.json()) as { id: string }).id;
    const submitted = await fetch(`${url}/api/v1/records/${recordId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...cookie() },
      body: JSON.stringify({ kind: 'project-report', fileId }),
    });
    return { status: submitted.status, body: (await submitted.json()) as { code?: string; detail?: string; wordCount?: number; reason?: string } };
  }

  const submissions = () => t.ctx.db.selectFrom('submissions').select('id').where('epaRecordId', '=', recordId).execute();
  const submitAudits = () => t.ctx.db.selectFrom('auditLog').select('seq').where('action', '=', 'submit').where('entity', '=', 'submission').execute();

  it.each(BOMBS)(
    'refuses %s with 422 DOCUMENT_TOO_COMPLEX, /health answering throughout',
    async (_name, fileName, build) => {
      const bytes = build();
      const health = pollHealth(url);
      await sleep(200);
      const started = performance.now();
      const refused = await uploadAndSubmit(fileName, bytes);
      const took = performance.now() - started;
      await sleep(200);
      const polled = await health.stop();

      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('DOCUMENT_TOO_COMPLEX');
      expect(refused.body.detail).toContain('too large or complex to read');
      expect(took).toBeLessThan(30_000);
      expect(polled.count).toBeGreaterThan(5);
      expect(polled.statuses.every((s) => s === 200)).toBe(true);
      expect(polled.p99).toBeLessThan(1_000);
      // A refusal writes nothing: no submission, no audit entry of one.
      expect(await submissions()).toEqual([]);
      expect(await submitAudits()).toEqual([]);
    },
    45_000,
  );

  it('through the pages’ one step, a refused bomb is not kept on the record, as any refused document', async () => {
    const actor = (await actorForUser(t.ctx, provider.id)) as Actor;
    const files = () => t.ctx.db.selectFrom('files').select('id').where('epaRecordId', '=', recordId).where('purpose', '=', 'project-report').execute();
    const before = await files();
    const error = await submitWorkUpload(t.ctx, actor, recordId, { kind: 'project-report', fileName: 'bomb.pdf', bytes: pdfStreamBomb(1024 * MB) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).status, (error as AppError).code]).toEqual([422, 'DOCUMENT_TOO_COMPLEX']);
    expect(await files()).toEqual(before);
    expect(await submissions()).toEqual([]);
  });

  it('then counts a normal report’s words in the same process', async () => {
    const accepted = await uploadAndSubmit('report.docx', report(2500));
    expect([accepted.status, accepted.body.wordCount]).toEqual([201, 2500]);
    expect(await submissions()).toHaveLength(1);
  });
});
