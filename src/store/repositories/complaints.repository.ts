// Complaints in the database.
import type { Db } from '../database.ts';

export async function insertComplaint(
  tx: Db,
  values: { complainantId: string; epaRecordId: string | null; subject: string; details: string; receivedOn: string },
): Promise<{ id: string }> {
  return tx.insertInto('complaints').values(values).returning('id').executeTakeFirstOrThrow();
}

const detailQuery = (db: Db) =>
  db
    .selectFrom('complaints')
    .innerJoin('users as complainant', 'complainant.id', 'complaints.complainantId')
    .leftJoin('epaRecords', 'epaRecords.id', 'complaints.epaRecordId')
    .leftJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .selectAll('complaints')
    .select([
      'complainant.name as complainantName',
      'complainant.email as complainantEmail',
      'complainant.role as complainantRole',
      'apprentices.givenNames',
      'apprentices.familyName',
    ]);

export async function complaintDetail(db: Db, id: string) {
  return detailQuery(db).where('complaints.id', '=', id).executeTakeFirst();
}

export type ComplaintDetail = NonNullable<Awaited<ReturnType<typeof complaintDetail>>>;

export async function lockComplaint(tx: Db, id: string) {
  return tx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function acknowledgeComplaintRow(tx: Db, id: string, on: string, by: string): Promise<void> {
  await tx.updateTable('complaints').set({ acknowledgedOn: on, acknowledgedBy: by }).where('id', '=', id).execute();
}

export async function respondToComplaintRow(tx: Db, id: string, response: { respondedOn: string; respondedBy: string; response: string }): Promise<void> {
  await tx
    .updateTable('complaints')
    .set((eb) => ({ ...response, acknowledgedOn: eb.fn.coalesce('acknowledgedOn', eb.val(response.respondedOn)) }))
    .where('id', '=', id)
    .execute();
}

/** Complaints oldest first, a page at a time (keyset on received and id): the open ones, or one person's. */
export async function complaintsPage(db: Db, options: { open?: boolean; complainantId?: string; after?: { receivedOn: string; id: string }; limit: number }) {
  let query = detailQuery(db);
  if (options.open) query = query.where('complaints.respondedOn', 'is', null);
  if (options.complainantId) query = query.where('complaints.complainantId', '=', options.complainantId);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('complaints.receivedOn', '>', after.receivedOn),
        eb.and([eb('complaints.receivedOn', '=', after.receivedOn), eb('complaints.id', '>', after.id)]),
      ]),
    );
  return query.orderBy('complaints.receivedOn').orderBy('complaints.id').limit(options.limit).execute();
}
