// A CSV import sent from the pages: run once per form (the form's key is its idempotency
// key, so sending the same form again returns the first report and imports nothing more),
// and its report kept so the page can redirect after the POST and show it.

import type { Actor } from '../domain/access/access.ts';
import { storedKey as storedKeyRow } from '../store/repositories/idempotency.repository.ts';
import { type ImportReport, importRegistrations } from './bulk-import.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { idempotent } from './idempotency.ts';
import { isUuid } from './ids.ts';

const storedKey = (key: string) => `web-import:${key}`;

/** Imports the file once for this form key; a key already used for a different file is refused (IDEMPOTENCY_KEY_REUSED). */
export async function importOnce(ctx: AppContext, actor: Actor, key: string, csvText: string): Promise<ImportReport> {
  if (!isUuid(key)) throw new AppError(400, 'BAD_IMPORT_KEY', 'the form has no import key: reload the page and try again');
  const stored = await idempotent(ctx, actor.userId, storedKey(key), csvText, async () => ({
    status: 200,
    body: await importRegistrations(ctx, actor, csvText),
  }));
  return stored.body as ImportReport;
}

/** The report of this actor's import under `key`; null when there is none (or it is someone else's). */
export async function storedImportReport(ctx: AppContext, actor: Actor, key: string): Promise<ImportReport | null> {
  if (!isUuid(key)) return null;
  const row = await storedKeyRow(ctx.db, actor.userId, storedKey(key));
  return row && row.status === 200 ? (row.response as ImportReport) : null;
}
