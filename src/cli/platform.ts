// Platform commands: serve, migrate, audit verify. They open the database from the
// environment (DATABASE_URL, or the embedded one in DATA_DIR).
import { EXIT, type Output } from './io.ts';

export async function serveCommand(): Promise<Output> {
  const { serve } = await import('../serve.ts');
  await serve(process.env);
  // The server runs until a signal stops the process.
  return new Promise<Output>(() => {});
}

export async function migrateCommand(): Promise<Output> {
  const { openApp } = await import('../app/bootstrap.ts');
  const opened = await openApp(process.env);
  await opened.close();
  return { exitCode: EXIT.yes, stdout: `database migrated (${opened.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})\n` };
}

export { auditCommand } from './audit.ts';
