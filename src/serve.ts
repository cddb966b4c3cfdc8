import type { FastifyInstance } from 'fastify';
import { openApp } from './app/bootstrap.ts';
import { loadDemoIfEmpty } from './app/demo.ts';
import { demoDataDecision } from './app/demo-decision.ts';
import { mailerFromEnv } from './app/mailer.ts';
import { buildServer } from './http/server.ts';
import { startJobs } from './jobs/scheduler.ts';

export type Serving = { app: FastifyInstance; port: number; stop(): Promise<void> };

/**
 * Serves the API and pages until stopped. `signals: false` leaves SIGTERM and SIGINT
 * alone (a test stops the server itself with `stop`).
 */
export async function serve(env: NodeJS.ProcessEnv, options: { signals?: boolean } = {}): Promise<Serving> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  // Decided before the database is opened, so a refusal leaves it untouched. The engine
  // is the one openApp picks: PostgreSQL when DATABASE_URL is set.
  const demo = demoDataDecision(env, env.DATABASE_URL ? 'postgres' : 'pglite');
  if (demo.kind === 'refuse') throw new Error(demo.reason);
  const opened = await openApp(env);
  const app = await buildServer(opened.ctx, {
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL ?? 'info' },
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY,
  });
  const loaded = demo.kind === 'load' ? await loadDemoIfEmpty(opened.ctx) : null;
  if (loaded) app.log.info(`demo data loaded: ${loaded.users.length} users (password "${loaded.password}")`);
  else app.log.info(demo.kind === 'load' ? 'demo data not loaded: the database is not empty' : demo.reason);
  const jobs =
    env.JOBS === 'off'
      ? null
      : await startJobs(opened.ctx, {
          engine: opened.handle.kind,
          databaseUrl: env.DATABASE_URL,
          pglite: opened.handle.pglite,
          mailer: mailerFromEnv(env),
          log: app.log,
        });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.close(); // stops accepting, lets requests in flight finish
      await jobs?.stop();
      await opened.close();
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
    `Capstone on http://localhost:${listening} (${opened.handle.kind === 'pglite' ? 'embedded database, for trying and developing' : 'PostgreSQL'}); API docs at /api/docs`,
  );
  return { app, port: listening, stop };
}
