// Which records the changes since an audit entry touched: every change appends an entry
// naming what it changed, and each of those things belongs to one record. What needs the
// EPAO's attention is then gathered again for those records alone.
import type { Db } from '../database.ts';

/** The tables whose rows belong to one record, by the audit log's name for them. */
const OF_RECORD = {
  booking: 'bookings',
  assessment: 'assessments',
  result: 'results',
  submission: 'submissions',
  'gateway-submission': 'gatewaySubmissions',
  appeal: 'appeals',
  'malpractice-case': 'malpracticeCases',
  certificate: 'certificates',
  reattempt: 'reattempts',
  file: 'files',
} as const;

/** Changes that touch no record's reminders. */
const NOT_OF_RECORDS = new Set(['api-token', 'assessor', 'organisation', 'achievement-batch']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records the audit entries after `afterId` (up to `upTo`) touched; null when that cannot
 * be told cheaply (more than `limit` entries, or a change of many records at once, such as a
 * moderation batch signed off), and everything must be gathered again.
 */
export async function recordsChangedBetween(db: Db, afterId: number, upTo: number, limit = 2000): Promise<string[] | null> {
  const entries = await db
    .selectFrom('auditLog')
    .select(['entity', 'entityId'])
    .where('id', '>', afterId)
    .where('id', '<=', upTo)
    .limit(limit + 1)
    .execute();
  if (entries.length > limit) return null;
  const records = new Set<string>();
  const byTable = new Map<(typeof OF_RECORD)[keyof typeof OF_RECORD], string[]>();
  for (const { entity, entityId } of entries) {
    if (NOT_OF_RECORDS.has(entity)) continue;
    if (!UUID.test(entityId)) return null;
    if (entity === 'epa-record') records.add(entityId);
    else if (entity in OF_RECORD) {
      const table = OF_RECORD[entity as keyof typeof OF_RECORD];
      byTable.set(table, [...(byTable.get(table) ?? []), entityId]);
    } else return null;
  }
  for (const [table, ids] of byTable) {
    const rows = await db.selectFrom(table).select('epaRecordId').where('id', 'in', ids).execute();
    for (const row of rows) records.add(row.epaRecordId);
  }
  return [...records];
}
