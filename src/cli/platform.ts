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
  return { exitCode: EXIT.yes, stdout: `database migrated (${opened.handle.kind})\n` };
}

export async function auditVerifyCommand(asJson: boolean): Promise<Output> {
  const { openApp } = await import('../app/bootstrap.ts');
  const { verifyAudit } = await import('../store/audit.ts');
  const opened = await openApp(process.env);
  try {
    const result = await verifyAudit(opened.ctx.db);
    const intact = result.breaks.length === 0;
    if (asJson) return { exitCode: intact ? EXIT.yes : EXIT.no, stdout: `${JSON.stringify({ intact, ...result }, null, 2)}\n` };
    const lines = intact
      ? [`audit chain intact: ${result.entries} entries`]
      : [
          `audit chain BROKEN: ${result.breaks.length} problem(s) in ${result.entries} entries`,
          ...result.breaks.map((b) => `  ${b.code} at entry ${b.seq}: ${b.message}`),
        ];
    return { exitCode: intact ? EXIT.yes : EXIT.no, stdout: `${lines.join('\n')}\n` };
  } finally {
    await opened.close();
  }
}
