import { openApp } from './app/bootstrap.ts';
import { loadDemoIfEmpty } from './app/demo.ts';
import { mailerFromEnv } from './app/mailer.ts';
import { buildServer } from './http/server.ts';
import { startJobs } from './jobs/scheduler.ts';
import { startSequencer } from './store/audit-sequencer.ts';

/** How often a running Capstone looks whether its embedded database server is still up. */
const WATCHDOG_MS = 2_000;

export async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const opened = await openApp(env, { log: (message) => console.info(message) });
  const app = await buildServer(opened.ctx, {
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL ?? 'info' },
    secureCookies: env.SECURE_COOKIES === 'true',
  });
  if (env.DEMO_DATA !== 'false') {
    const loaded = await loadDemoIfEmpty(opened.ctx);
    if (loaded) app.log.info(`demo data loaded: ${loaded.users.length} users (password "${loaded.password}")`);
  }
  const signer = opened.ctx.audit.signer;
  if (!signer) throw new Error('no audit signing key');
  const sequencer = startSequencer(opened.ctx.db, {
    signer,
    checkpointsFile: opened.ctx.audit.checkpointsFile ?? undefined,
    log: (message) => app.log.error(message),
  });
  const jobs = env.JOBS === 'off' ? null : await startJobs(opened.ctx, { databaseUrl: opened.handle.url, mailer: mailerFromEnv(env), log: app.log });
  // The embedded server was killed (or crashed): start it again; it recovers from its WAL,
  // and requests meanwhile get 503 until it answers.
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
  let restarting = false;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    if (watchdog) clearInterval(watchdog);
    await app.close(); // stops accepting, lets requests in flight finish
    await jobs?.stop();
    await sequencer.stop();
    await opened.close(); // and a fast shutdown of the embedded server
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port, host: env.HOST ?? '0.0.0.0' });
  app.log.info(
    `Capstone on http://localhost:${port} (${opened.embedded ? `embedded PostgreSQL in ${opened.embedded.dataDir}` : 'PostgreSQL from DATABASE_URL'}); API docs at /api/docs`,
  );
}
