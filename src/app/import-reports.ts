// A CSV import sent from the pages runs as background work: the upload is checked as a whole
// file at once (so a file that cannot be imported is refused on the form), then becomes a
// run that a worker (a pg-boss job, or this process) takes. The run records its progress
// row by row and ends with its report, kept for whoever sent it. The form's key is the run's
// id, so sending the same form again shows the same run and imports nothing more.

import { createHash } from 'node:crypto';
import { type Actor, may } from '../domain/access/access.ts';
import {
  claimRun,
  createRun,
  finishRun,
  type ImportRunState,
  queuedRunIds,
  recordProgress,
  runOwner,
  runReport,
  runState,
} from '../store/repositories/import-runs.repository.ts';
import { checkImportFile, type ImportReport, type ImportRow, importRegistrations } from './bulk-import.ts';
import type { AppContext } from './context.ts';
import { csvField } from './csv.ts';
import { AppError, forbidden } from './errors.ts';
import { isUuid } from './ids.ts';
import { IMPORT_COLUMNS, PROBLEM_COLUMN, PROVIDER_UKPRN_COLUMN } from './import-file.ts';

export type { ImportRunState };

/** Where a queued run is handed to be run: a pg-boss queue (src/jobs/imports.ts), or this process. */
export type ImportQueue = { enqueue(runId: string): Promise<void> };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Checks the file as a whole and queues its rows' import under the form's key. The same file
 * sent again under the key is the same run; another file under it is refused
 * (IDEMPOTENCY_KEY_REUSED), as is a key that is not the form's (BAD_IMPORT_KEY).
 */
/** What an import from the pages is asked to do beyond its file. */
export type ImportRunOptions = { createEmployers?: boolean };

export async function startImport(
  ctx: AppContext,
  actor: Actor,
  key: string,
  csvText: string,
  queue: ImportQueue,
  options: ImportRunOptions = {},
): Promise<void> {
  if (!isUuid(key)) throw new AppError(400, 'BAD_IMPORT_KEY', 'the form has no import key: reload the page and try again');
  const { records } = checkImportFile(actor, csvText);
  if (options.createEmployers && !may(actor, 'organisation.create')) throw forbidden('only the EPAO may create employers from an import');
  const fileSha256 = sha256(csvText);
  const made = await createRun(ctx.db, {
    id: key,
    userId: actor.userId,
    actor,
    fileSha256,
    file: csvText,
    total: records.length,
    options: { createEmployers: options.createEmployers === true },
  });
  if (!made) {
    const owner = await runOwner(ctx.db, key);
    if (owner?.userId === actor.userId && owner.fileSha256 === fileSha256) {
      // Sent again while it still waits (its job may never have been queued): queue it again; it is taken once.
      if (owner.status === 'queued') await queue.enqueue(key);
      return;
    }
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'this import form was already used for another file: start a new import');
  }
  await queue.enqueue(key);
}

/** Runs a queued import: nothing when another worker has it. Its progress is written as it goes. */
export async function runImport(ctx: AppContext, runId: string): Promise<void> {
  const claimed = await claimRun(ctx.db, runId);
  if (!claimed) return;
  let progress = Promise.resolve();
  // Progress is for the page to show: a write of it that fails is skipped, never the import's failure.
  const onProgress = (p: { validated: number; total: number }) => {
    progress = progress.then(() => recordProgress(ctx.db, runId, p)).catch(() => {});
  };
  try {
    const { createEmployers } = claimed.options as ImportRunOptions;
    const report = await importRegistrations(ctx, claimed.actor as Actor, claimed.file, {
      keepCells: true,
      onProgress,
      createEmployers: createEmployers === true,
    });
    await progress;
    await finishRun(ctx.db, runId, { report });
  } catch (error) {
    await progress.catch(() => {});
    if (error instanceof AppError) return finishRun(ctx.db, runId, { problem: { code: error.code, message: error.message } });
    // The rows are written in one transaction, so a run that stops writes nothing.
    await finishRun(ctx.db, runId, {
      problem: { code: 'IMPORT_STOPPED', message: 'the import stopped before it finished and nothing was imported: upload the file again' },
    });
    throw error;
  }
}

/** The queue that runs each import in this process, one at a time, as soon as it is queued (without pg-boss: JOBS=off, the tests). */
export function inProcessImports(ctx: AppContext, log: (error: Error) => void = () => {}): ImportQueue & { resume(): Promise<void>; idle(): Promise<void> } {
  let running = Promise.resolve();
  const run = (id: string) => {
    running = running.then(() => runImport(ctx, id).catch(log));
  };
  return {
    async enqueue(runId) {
      run(runId);
    },
    /** Takes up the runs a process that stopped left queued. */
    async resume() {
      for (const id of await queuedRunIds(ctx.db)) run(id);
    },
    idle: () => running,
  };
}

/** This actor's run under `key` as it stands; null when there is none (or it is someone else's). */
export async function importRunState(ctx: AppContext, actor: Actor, key: string): Promise<ImportRunState | null> {
  if (!isUuid(key)) return null;
  return (await runState(ctx.db, actor.userId, key)) ?? null;
}

/** The report of this actor's finished import under `key`; null when there is none yet (or it is someone else's). */
export async function storedImportReport(ctx: AppContext, actor: Actor, key: string): Promise<ImportReport | null> {
  if (!isUuid(key)) return null;
  return ((await runReport(ctx.db, actor.userId, key)) as ImportReport | undefined) ?? null;
}

type Rejected = Extract<ImportRow, { status: 'rejected' }>;

/** A reason as one sentence that names its column. */
const problemText = (row: Rejected) =>
  row.reasons.map((r) => (r.column && !r.message.startsWith(`${r.column}: `) ? `${r.column}: ${r.message}` : r.message)).join('; ');

/**
 * The rejected rows as a CSV file to put right and import again: the file's own columns (in
 * the import's order) with each cell as it was, and a last column saying what was wrong,
 * which the import ignores when the file comes back.
 */
export function rejectedRowsCsv(report: ImportReport): string {
  const rejected = report.rows.filter((r): r is Rejected => r.status === 'rejected');
  const present = new Set(rejected.flatMap((r) => (r.values ?? []).map((v) => v.column)));
  const columns = [...Object.keys(IMPORT_COLUMNS), PROVIDER_UKPRN_COLUMN].filter((c) => present.has(c));
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  return (
    line([...columns, PROBLEM_COLUMN]) +
    rejected.map((r) => line([...columns.map((c) => r.values?.find((v) => v.column === c)?.value ?? ''), problemText(r)])).join('')
  );
}
