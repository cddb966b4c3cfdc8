// `capstone import <file.csv> --as <email> [--create-employers]`: registers the apprentices in
// a CSV file as that user (with --create-employers, an EPAO user creates the employers the
// file names by a reference not on record) (the columns are listed in src/app/bulk-import.ts), on the database the
// environment names (DATABASE_URL, or the embedded one in DATA_DIR). Progress goes to
// stderr, the report as JSON to stdout. Exit 0: every row imported; 1: some rows were
// rejected (the report says which and why); 2: bad input (no file, unknown user, a file
// that cannot be read as an import), with nothing imported.
import { readFile, stat } from 'node:fs/promises';
import { actorForUser } from '../app/auth.ts';
import { type Environment, openApp } from '../app/bootstrap.ts';
import { importRegistrations } from '../app/bulk-import.ts';
import { AppError } from '../app/errors.ts';
import { IMPORT_LIMITS } from '../app/import-file.ts';
import { BadInput, EXIT, json, type Output } from './io.ts';

const USAGE = 'usage: capstone import <file.csv> --as <email> [--create-employers]';

export async function importCommand(args: string[], env: Environment = process.env, progress: NodeJS.WritableStream = process.stderr): Promise<Output> {
  const { file, email, createEmployers } = parseArgs(args);
  const size = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new BadInput(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!size.isFile()) throw new BadInput(`${file} is not a file`);
  if (size.size > IMPORT_LIMITS.bytes) throw new BadInput(`TOO_LARGE: ${file} is over ${IMPORT_LIMITS.bytes / 1_048_576} MB; split it`);
  const csv = await readFile(file, 'utf8');

  const opened = await openApp(env);
  try {
    const { ctx } = opened;
    const user = await ctx.db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    const actor = user ? await actorForUser(ctx, user.id) : null;
    if (!actor) throw new BadInput(`no user with the email address ${email}`);
    const report = await importRegistrations(ctx, actor, csv, {
      createEmployers,
      onProgress: ({ validated, total }) => progress.write(`validated ${validated}/${total}\n`),
    });
    progress.write(`imported ${report.imported}, rejected ${report.rejected} of ${report.total}\n`);
    return json(report, report.rejected === 0 ? EXIT.yes : EXIT.no);
  } catch (error) {
    if (error instanceof AppError) throw new BadInput(`${error.code}: ${error.message}`);
    throw error;
  } finally {
    await opened.close();
  }
}

function parseArgs(args: string[]): { file: string; email: string; createEmployers: boolean } {
  let file: string | undefined;
  let email: string | undefined;
  let createEmployers = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--create-employers') createEmployers = true;
    else if (arg === '--as') email = args[++i];
    else if (arg.startsWith('--as=')) email = arg.slice(5);
    else if (arg.startsWith('--')) throw new BadInput(`unknown option ${arg} (${USAGE})`);
    else if (file === undefined) file = arg;
    else throw new BadInput(`one file at a time (${USAGE})`);
  }
  if (!file || !email) throw new BadInput(USAGE);
  return { file, email, createEmployers };
}
