// `capstone audit verify | prove | public-key`: the signed audit log from the command line.
// verify checks every entry against the signed checkpoints (the database's and the file's);
// prove prints one entry's inclusion proof; verify --entry checks such a proof on its own,
// with no database, as an external quality assurer would.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../app/context.ts';
import { type EntryProof, verifyEntryProof } from '../domain/audit/log.ts';
import { CHECKPOINTS_FILE, KEY_FILE, keyIdOf, loadSigner } from '../store/audit-key.ts';
import type { sequenceOnce as Sequence } from '../store/audit-sequencer.ts';
import { BadInput, EXIT, type Output } from './io.ts';

const dataDir = () => process.env.DATA_DIR ?? './data';

/** The value after a flag (`--public-key K`), or undefined when the flag is absent. */
function option(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new BadInput(`${flag} needs a value`);
  return value;
}

/** A PEM given inline or as a file; else the public half of this installation's key. */
function publicKey(args: readonly string[]): string {
  const given = option(args, '--public-key');
  if (given) {
    const text = given.includes('-----BEGIN') ? given : existsSync(given) ? readFileSync(given, 'utf8') : null;
    if (!text) throw new BadInput(`--public-key: no such file "${given}" (give a PEM file or the PEM text)`);
    try {
      keyIdOf(text);
    } catch {
      throw new BadInput('--public-key is not a public key in PEM form (capstone audit public-key prints one)');
    }
    return text;
  }
  const signer = loadSigner(process.env, dataDir(), false);
  if (!signer) throw new BadInput(`no audit key here (AUDIT_SIGNING_KEY, or ${join(dataDir(), KEY_FILE)}): give --public-key`);
  return signer.publicKeyPem;
}

export async function auditCommand(args: readonly string[], asJson: boolean): Promise<Output> {
  const [sub, ...rest] = args;
  if (sub === 'public-key') return publicKeyCommand();
  if (sub === 'verify') return rest.includes('--entry') ? verifyProofCommand(rest, asJson) : verifyCommand(rest, asJson);
  if (sub === 'prove') return proveCommand(rest);
  throw new BadInput('usage: capstone audit verify [--public-key K] [--checkpoints FILE] [--entry PROOF] | prove ENTRY_ID | public-key');
}

/**
 * Where this installation holds the key, what waits for the sequencer is signed first, as a
 * running Capstone would within a second; elsewhere (a copy checked with --public-key) it
 * stays pending.
 */
async function signWhatWaits(ctx: AppContext, sequenceOnce: typeof Sequence): Promise<void> {
  if (ctx.audit.signer) await sequenceOnce(ctx.db, { signer: ctx.audit.signer, checkpointsFile: ctx.audit.checkpointsFile ?? undefined });
}

function publicKeyCommand(): Output {
  const signer = loadSigner(process.env, dataDir(), false);
  if (!signer) throw new BadInput(`no audit key yet: it is made in ${join(dataDir(), KEY_FILE)} when Capstone first starts`);
  return { exitCode: EXIT.yes, stdout: signer.publicKeyPem };
}

async function verifyCommand(args: readonly string[], asJson: boolean): Promise<Output> {
  const key = publicKey(args);
  const file = option(args, '--checkpoints') ?? join(dataDir(), CHECKPOINTS_FILE);
  if (option(args, '--checkpoints') && !existsSync(file)) throw new BadInput(`--checkpoints: no such file "${file}"`);
  const { openApp } = await import('../app/bootstrap.ts');
  const { verifyAudit } = await import('../store/audit.ts');
  const { sequenceOnce } = await import('../store/audit-sequencer.ts');
  const opened = await openApp(process.env, { noNewAuditKey: true });
  try {
    await signWhatWaits(opened.ctx, sequenceOnce);
    const report = await verifyAudit(opened.ctx.db, { publicKeyPem: key, checkpointsFile: existsSync(file) ? file : undefined });
    const intact = report.breaks.length === 0;
    if (asJson) return { exitCode: intact ? EXIT.yes : EXIT.no, stdout: `${JSON.stringify({ intact, ...report }, null, 2)}\n` };
    const pending = report.pending > 0 ? `; ${report.pending} pending (not yet signed, so not yet verified)` : '';
    const lines = intact
      ? [`audit log intact: ${report.entries - report.pending} entries match ${report.checkpoints} signed checkpoints${pending}`]
      : [
          `audit log BROKEN: ${report.breaks.length} problem(s) in ${report.entries} entries${pending}`,
          ...report.breaks.map((b) => `  ${b.code} at entry ${b.seq}: ${b.message}`),
        ];
    return { exitCode: intact ? EXIT.yes : EXIT.no, stdout: `${lines.join('\n')}\n` };
  } finally {
    await opened.close();
  }
}

async function proveCommand(args: readonly string[]): Promise<Output> {
  const id = args.find((a) => !a.startsWith('--'));
  if (!id || !/^\d{1,15}$/.test(id)) throw new BadInput('usage: capstone audit prove ENTRY_ID (the entry id, a whole number)');
  const { openApp } = await import('../app/bootstrap.ts');
  const { proveEntry } = await import('../store/audit.ts');
  const { sequenceOnce } = await import('../store/audit-sequencer.ts');
  const opened = await openApp(process.env, { noNewAuditKey: true });
  try {
    await signWhatWaits(opened.ctx, sequenceOnce);
    const proof = await proveEntry(opened.ctx.db, Number(id));
    if (!proof) return { exitCode: EXIT.no, stderr: `no signed audit entry ${id}\n` };
    return { exitCode: EXIT.yes, stdout: `${JSON.stringify(proof, null, 2)}\n` };
  } finally {
    await opened.close();
  }
}

function verifyProofCommand(args: readonly string[], asJson: boolean): Output {
  const file = option(args, '--entry') as string;
  let proof: EntryProof;
  try {
    proof = JSON.parse(readFileSync(file, 'utf8')) as EntryProof;
  } catch (error) {
    throw new BadInput(`--entry: "${file}" is not a proof from capstone audit prove (${(error as Error).message})`);
  }
  if (!proof?.entry || !proof.checkpoint || !Array.isArray(proof.path)) throw new BadInput(`--entry: "${file}" is not a proof from capstone audit prove`);
  const result = verifyEntryProof(proof, publicKey(args));
  return { exitCode: result.ok ? EXIT.yes : EXIT.no, stdout: asJson ? `${JSON.stringify(result)}\n` : `${result.message}\n` };
}
