import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL_DOMAIN } from '../../src/app/dashboard.ts';
import { DEMO_PASSWORD, demoDataLoaded, loadDemo } from '../../src/app/demo.ts';
import { serve } from '../../src/serve.ts';
import { createTestApp, ENGINES, freshPostgresUrl, type TestApp } from './harness.ts';

const ADMIN = 'admin@demo.capstone.test';
const signInAs = (app: { inject: TestApp['app']['inject'] }, email: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });

describe.each(ENGINES)('the demo data and the sign-in page (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    t.setToday('2026-11-23');
  });
  afterAll(() => t.close());

  it('lists the demo accounts on the sign-in page only once the demo data is loaded into this database', async () => {
    // An account that merely looks like a demo one is not the demo data.
    await t.user('employer', { email: `lookalike@${DEMO_EMAIL_DOMAIN}` });
    const before = await t.request('GET', '/sign-in');
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('id="demo-accounts"');
    expect(before.body).not.toContain(DEMO_PASSWORD);
    expect(await demoDataLoaded(t.ctx)).toBe(false);

    await loadDemo(t.ctx);
    expect(await demoDataLoaded(t.ctx)).toBe(true);
    const after = await t.request('GET', '/sign-in');
    expect(after.body).toContain('id="demo-accounts"');
    expect(after.body).toContain(ADMIN);
    expect(after.body).toContain(DEMO_PASSWORD);
  });

  it('gives every demo account its own salted hash of the password', async () => {
    const rows = await t.ctx.db
      .selectFrom('users')
      .select(['email', 'passwordHash'])
      .where('email', 'like', `%${DEMO_EMAIL_DOMAIN}`)
      .where('email', '!=', `lookalike@${DEMO_EMAIL_DOMAIN}`)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.passwordHash)).size).toBe(rows.length);
    const salts = rows.map((r) => r.passwordHash.split('$')[4]);
    expect(new Set(salts).size).toBe(rows.length);
    for (const r of rows) expect(await verify(r.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect((await signInAs(t.app, ADMIN)).statusCode).toBe(200);
  });
});

describe('serve and the demo data', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'capstone-serve-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const quiet = { PORT: '0', HOST: '127.0.0.1', JOBS: 'off', LOG_LEVEL: 'silent', SESSION_SECRET: 'a test secret of at least thirty-two characters' };

  it('starts without the demo accounts in production: the demo admin cannot sign in', async () => {
    const serving = await serve({ ...quiet, DATA_DIR: dataDir(), NODE_ENV: 'production' }, { signals: false });
    try {
      const r = await signInAs(serving.app, ADMIN);
      expect([r.statusCode, r.json().code]).toEqual([401, 'BAD_CREDENTIALS']);
      expect((await serving.app.inject({ method: 'GET', url: '/sign-in' })).body).not.toContain(DEMO_PASSWORD);
    } finally {
      await serving.stop();
    }
  });

  it('starts without the demo accounts on PostgreSQL (DATABASE_URL=… npm start)', async () => {
    const db = await freshPostgresUrl();
    try {
      const serving = await serve({ ...quiet, DATABASE_URL: db.url }, { signals: false });
      try {
        expect((await signInAs(serving.app, ADMIN)).statusCode).toBe(401);
      } finally {
        await serving.stop();
      }
    } finally {
      await db.drop();
    }
  });

  it('refuses to start in production with DEMO_DATA=true, before touching the database', async () => {
    const dir = join(dataDir(), 'data');
    await expect(serve({ ...quiet, DATA_DIR: dir, NODE_ENV: 'production', DEMO_DATA: 'true' }, { signals: false })).rejects.toThrow(/DEMO_DATA=force/);
    expect(existsSync(dir)).toBe(false);
  });

  it('npm start exits non-zero with the reason when production is given demo data', () => {
    const dir = join(dataDir(), 'data');
    const run = spawnSync(process.execPath, ['src/main.ts'], {
      env: { PATH: process.env.PATH, ...quiet, DATA_DIR: dir, NODE_ENV: 'production', DEMO_DATA: 'true' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('DEMO_DATA=true with NODE_ENV=production would create the demo accounts');
    expect(existsSync(dir)).toBe(false);
  });
});
