// The EPAO's edited e-mail templates in the database.
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export type StoredTemplate = { kind: string; subject: string; body: string; version: number; updatedAt: Date };

export async function storedTemplates(db: Db): Promise<StoredTemplate[]> {
  return db.selectFrom('mailTemplates').select(['kind', 'subject', 'body', 'version', 'updatedAt']).orderBy('kind').execute();
}

/**
 * The new words at the version the editor read (0: Capstone's own, never edited); undefined
 * when someone saved meanwhile.
 */
export async function saveTemplate(tx: Db, t: { kind: string; subject: string; body: string; version: number; by: string; at: Date }) {
  if (t.version === 0)
    return tx
      .insertInto('mailTemplates')
      .values({ kind: t.kind, subject: t.subject, body: t.body, updatedBy: t.by, updatedAt: t.at })
      .onConflict((oc) => oc.column('kind').doNothing())
      .returning(['version'])
      .executeTakeFirst();
  return tx
    .updateTable('mailTemplates')
    .set({ subject: t.subject, body: t.body, version: sql`version + 1`, updatedBy: t.by, updatedAt: t.at })
    .where('kind', '=', t.kind)
    .where('version', '=', t.version)
    .returning(['version'])
    .executeTakeFirst();
}

/** Back to Capstone's own words. */
export async function deleteTemplate(tx: Db, kind: string): Promise<void> {
  await tx.deleteFrom('mailTemplates').where('kind', '=', kind).execute();
}
