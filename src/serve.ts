import { openApp } from './app/bootstrap.ts';
import { loadDemoIfEmpty } from './app/demo.ts';
import { mailerFromEnv } from './app/mailer.ts';
import { buildServer } from './http/server.ts';
import { startJobs } from './jobs/scheduler.ts';

export async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const opened = await openApp(env);
  const app = await buildServer(opened.ctx, {
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL ?? 'info' },
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY,
  });
  if (env.DEMO_DATA !== 'false') {
    const loaded = await loadDemoIfEmpty(opened.ctx);
    if (loaded) app.log.info(`demo data loaded: ${loaded.users.length} users (password "${loaded.password}")`);
  }
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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close(); // stops accepting, lets requests in flight finish
    await jobs?.stop();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port, host: env.HOST ?? '0.0.0.0' });
  app.log.info(
    `Capstone on http://localhost:${port} (${opened.handle.kind === 'pglite' ? 'embedded database, for trying and developing' : 'PostgreSQL'}); API docs at /api/docs`,
  );
}
