import type { FastifyInstance } from 'fastify';
import { openApp } from './app/bootstrap.ts';
import { loadDemoIfEmpty } from './app/demo.ts';
import { demoDataDecision } from './app/demo-decision.ts';
import type { ImportQueue } from './app/import-reports.ts';
import { mailerFromEnv } from './app/mailer.ts';
import { buildServer } from './http/server.ts';
import { type Jobs, startJobs } from './jobs/scheduler.ts';
import { startSequencer } from './store/audit-sequencer.ts';

/** How often a running Capstone looks whether its embedded database server is still up. */
const WATCHDOG_MS = 2_000;

export type Serving = { app: FastifyInstance; port: number; stop(): Promise<void> };

/**
 * Serves the API and pages until stopped. `signals: false` leaves SIGTERM and SIGINT
 * alone (a test stops the server itself with `stop`).
 */
export async function serve(env: NodeJS.ProcessEnv, options: { signals?: boolean } = {}): Promise<Serving> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  // Decided before the database is opened, so a refusal leaves it untouched: embedded
  // without DATABASE_URL, PostgreSQL from it otherwise.
  const demo = demoDataDecision(env, env.DATABASE_URL ? 'postgres' : 'embedded');
  if (demo.kind === 'refuse') throw new Error(demo.reason);
  const opened = await openApp(env, { log: (message) => console.info(message) });
  let jobs: Jobs | null = null;
  // The pages hand CSV imports to the jobs' queue, which starts below, before the server listens.
  const imports: ImportQueue = { enqueue: (runId) => (jobs ? jobs.imports.enqueue(runId) : Promise.reject(new Error('the jobs have not started'))) };
  const app = await buildServer(opened.ctx, {
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL ?? 'info', serializers: { req: loggedRequest } },
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY,
    ...(env.JOBS === 'off' ? {} : { imports }),
  });
  const loaded = demo.kind === 'load' ? await loadDemoIfEmpty(opened.ctx) : null;
  if (loaded) app.log.info(`demo data loaded: ${loaded.users.length} users (password "${loaded.password}")`);
  else app.log.info(demo.kind === 'load' ? 'demo data not loaded: the database is not empty' : demo.reason);
  const signer = opened.ctx.audit.signer;
  if (!signer) throw new Error('no audit signing key');
  const sequencer = startSequencer(opened.ctx.db, {
    signer,
    checkpointsFile: opened.ctx.audit.checkpointsFile ?? undefined,
    log: (message) => app.log.error(message),
  });
  jobs = env.JOBS === 'off' ? null : await startJobs(opened.ctx, { databaseUrl: opened.handle.url, mailer: mailerFromEnv(env), log: app.log });
  // The embedded server was killed (or crashed): start it again; it recovers from its WAL,
  // and requests meanwhile get 503 until it answers.
  let restarting = false;
  const watchdog = opened.embedded
    ? setInterval(() => {
        const server = opened.embedded;
        if (!server || server.running() || restarting) return;
        restarting = true;
        app.log.error('the embedded database stopped: starting it again');
        server
          .restart()
          .then(() => app.log.info('the embedded database is back'))
          .catch((error: Error) => app.log.error(`the embedded database did not start again: ${error.message}`))
          .finally(() => {
            restarting = false;
          });
      }, WATCHDOG_MS)
    : null;
  watchdog?.unref();
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (watchdog) clearInterval(watchdog);
      await app.close(); // stops accepting, lets requests in flight finish
      await jobs?.stop();
      await sequencer.stop();
      await opened.close(); // and a fast shutdown of the embedded server
    })();
    return stopping;
  };
  if (options.signals !== false) {
    const onSignal = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await stop();
      process.exit(0);
    };
    process.on('SIGTERM', () => void onSignal('SIGTERM'));
    process.on('SIGINT', () => void onSignal('SIGINT'));
  }
  await app.listen({ port, host: env.HOST ?? '0.0.0.0' });
  const address = app.server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  app.log.info(
    `Capstone on http://localhost:${listening} (${opened.embedded ? `embedded PostgreSQL in ${opened.embedded.dataDir}` : 'PostgreSQL from DATABASE_URL'}); API docs at /api/docs`,
  );
  return { app, port: listening, stop };
}

/** A request as the log keeps it: the secrets some URLs carry (a calendar feed's, a password link's token) are not written down. */
function loggedRequest(request: { method: string; url: string; ip?: string }) {
  const url = request.url.replace(/^\/calendar\/[^/?]+/, '/calendar/(secret)').replace(/([?&]token=)[^&]*/g, '$1(secret)');
  return { method: request.method, url, remoteAddress: request.ip };
}
