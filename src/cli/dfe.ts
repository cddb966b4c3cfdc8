// `capstone dfe send [--dry-run] [--json]`: one run of the DfE queue now (src/app/dfe/run.ts),
// against the database from the environment. Without DFE_API_URL and DFE_SUBSCRIPTION_KEY
// only a dry run is possible: a real send says what is missing (exit 2).
import { EXIT, type Output } from './io.ts';

export async function dfeCommand(args: readonly string[], asJson: boolean): Promise<Output> {
  const dryRun = args.includes('--dry-run');
  if (args.filter((a) => a !== '--dry-run')[0] !== 'send')
    return { exitCode: EXIT.badInput, stderr: 'capstone: usage: capstone dfe send [--dry-run] [--json]\n' };
  const { dfeConnected, dfeSettings } = await import('../app/dfe/settings.ts');
  const settings = dfeSettings(process.env);
  if (!dryRun && !dfeConnected(settings))
    return {
      exitCode: EXIT.badInput,
      stderr:
        'capstone: not connected to the DfE Assessor Service: set DFE_API_URL and DFE_SUBSCRIPTION_KEY (README, "The DfE Assessor Service"), or use --dry-run\n',
    };
  const { openApp } = await import('../app/bootstrap.ts');
  const { dfeApiOf } = await import('../app/dfe/connection.ts');
  const { runDfe } = await import('../app/dfe/run.ts');
  const opened = await openApp(process.env);
  try {
    const api = dfeApiOf(opened.ctx);
    const report = await runDfe(opened.ctx, api, { dryRun, by: 'capstone dfe send' });
    if (asJson) return { exitCode: EXIT.yes, stdout: `${JSON.stringify(report, null, 2)}\n` };
    const lines = [
      dryRun ? 'dry run: nothing was sent or written' : `sent to ${settings.baseUrl}${settings.sandbox ? ' (sandbox)' : ''}`,
      `EPA outcomes: ${report.epa.accepted} accepted, ${report.epa.rejected} rejected, ${report.epa.held} held by Capstone's checks, ${report.epa.waiting} ready to send`,
      `certificates: ${report.certificates.accepted} created, ${report.certificates.submitted} submitted, ${report.certificates.rejected} rejected, ${report.certificates.held} held, ${report.certificates.waiting} waiting`,
      `statuses read: ${report.statuses.read} (${report.statuses.printed} printed, ${report.statuses.delivered} delivered)`,
      ...(report.stopped ? [`stopped: ${report.stopped}; the rest is retried on the next run`] : []),
    ];
    return { exitCode: EXIT.yes, stdout: `${lines.join('\n')}\n` };
  } finally {
    await opened.close();
  }
}
