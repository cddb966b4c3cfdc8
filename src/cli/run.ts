// Dispatches `capstone <command>`; each command returns its output, written here once,
// so a command that fails writes nothing to stdout.
import { BadInput, EXIT, type Output, readAll } from './io.ts';

const USAGE = `usage: capstone <command>

  standards list [--json]        the standard versions and EPAO policies
  standards show <id> [--json]   one standard version, e.g. ST0071@1.2
  standards check [--json]       validate every data file and report conflicts
  grade                          grade an EPA        (JSON on stdin)
  gateway check                  check gateway       (JSON on stdin)
  plan                           the EPA window      (JSON on stdin)
  plan check                     check bookings      (JSON on stdin)
  schedule [--replan] [--moves N]
                                 propose every waiting assessment's assessor, date and time
                                 (JSON on stdin; exit 1 when some cannot be placed)
  serve                          the API on PORT (default 3000)
  import <file.csv> --as <email> register apprentices from a CSV file
  migrate                        bring the database schema up to date
  audit verify [--json] [--public-key K] [--checkpoints FILE]
                                 check every audit entry against the signed checkpoints
  audit verify --entry PROOF     check one entry's inclusion proof, with no database
  audit prove ENTRY_ID           print one entry's inclusion proof
  audit public-key               the key that verifies the checkpoints
  dfe send [--dry-run] [--json]  send what is due to the DfE Assessor Service now
  backup FILE                    the database and evidence files to one archive
  restore FILE                   a backup into an empty database

the platform commands use DATABASE_URL, or the embedded database in DATA_DIR (./data)

exit 0: the rule says yes; 1: it says no; 2: bad input (reason on stderr)`;

type Stream = NodeJS.ReadableStream;

async function dispatch(args: string[], stdin: Stream): Promise<Output> {
  const [command, sub, ...rest] = args;
  const flags = new Set([sub, ...rest].filter((a): a is string => a?.startsWith('--') ?? false));
  const positional = [sub, ...rest].filter((a): a is string => a !== undefined && !a.startsWith('--'));
  const asJson = flags.has('--json');
  switch (command) {
    case 'standards': {
      const { standardsList, standardsShow, standardsCheck } = await import('./standards.ts');
      if (positional[0] === 'list') return standardsList(asJson);
      if (positional[0] === 'show') {
        if (!positional[1]) throw new BadInput('usage: capstone standards show <id> [--json]');
        return standardsShow(positional[1], asJson);
      }
      if (positional[0] === 'check') return standardsCheck(asJson);
      break;
    }
    case 'grade': {
      const { grade } = await import('./rules.ts');
      return grade(await readAll(stdin));
    }
    case 'gateway': {
      if (positional[0] !== 'check') break;
      const { gatewayCheck } = await import('./rules.ts');
      return gatewayCheck(await readAll(stdin));
    }
    case 'plan': {
      const rules = await import('./rules.ts');
      if (positional[0] === undefined) return rules.plan(await readAll(stdin));
      if (positional[0] === 'check') return await rules.planCheck(await readAll(stdin));
      break;
    }
    case 'schedule': {
      const { scheduleCommand } = await import('./schedule.ts');
      return scheduleCommand(
        await readAll(stdin),
        [sub, ...rest].filter((a): a is string => a !== undefined),
      );
    }
    case 'serve':
      return (await import('./platform.ts')).serveCommand();
    case 'migrate':
      return (await import('./platform.ts')).migrateCommand();
    case 'audit': {
      return (await import('./platform.ts')).auditCommand(
        [sub, ...rest].filter((a): a is string => a !== undefined && a !== '--json'),
        asJson,
      );
    }
    case 'backup':
      return (await import('./backup.ts')).backupCommand([sub, ...rest].filter((a): a is string => a !== undefined));
    case 'restore':
      return (await import('./backup.ts')).restoreCommand([sub, ...rest].filter((a): a is string => a !== undefined));
    case 'dfe':
      return (await import('./dfe.ts')).dfeCommand(
        [sub, ...rest].filter((a): a is string => a !== undefined && a !== '--json'),
        asJson,
      );
    case 'import':
      return (await import('./import.ts')).importCommand([sub, ...rest].filter((a): a is string => a !== undefined));
    case undefined:
      return { exitCode: EXIT.badInput, stderr: 'capstone: no command given (capstone --help lists them)\n' };
    case 'help':
    case '--help':
      return { exitCode: EXIT.yes, stdout: `${USAGE}\n` };
  }
  throw new BadInput(`unknown command "${args.join(' ')}" (capstone --help lists them)`);
}

export async function main(args: string[], stdin: Stream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const output = await runCommand(args, stdin);
  if (output.stdout) stdout.write(output.stdout);
  if (output.stderr) stderr.write(output.stderr);
  return output.exitCode;
}

/** Runs one command and returns what it would print; never throws. */
export async function runCommand(args: string[], stdin: Stream): Promise<Output> {
  try {
    return await dispatch(args, stdin);
  } catch (error) {
    if (error instanceof BadInput) return { exitCode: EXIT.badInput, stderr: `capstone: ${error.message.split('\n')[0]}\n` };
    return { exitCode: EXIT.badInput, stderr: `capstone: ${(error as Error).message.split('\n').join(' ')}\n` };
  }
}
