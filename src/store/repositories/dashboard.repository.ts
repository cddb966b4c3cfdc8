// What the home pages read: records counted by standard and status, organisation names,
// the demo accounts.
import type { Role } from '../../domain/access/access.ts';
import type { RecordStatus } from '../../domain/lifecycle/record-lifecycle.ts';
import type { Db } from '../database.ts';

export async function recordCounts(db: Db): Promise<{ standard: string; status: RecordStatus; count: string }[]> {
  return db
    .selectFrom('epaRecords')
    .select(['standard', 'status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['standard', 'status'])
    .orderBy('standard')
    .execute();
}

/** The first EPAO organisation recorded. */
export async function firstEpaoName(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('name').where('kind', '=', 'epao').orderBy('createdAt').limit(1).executeTakeFirst())?.name;
}

export async function organisationName(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** Users whose address ends in `domain`, by address. */
export async function usersOfDomain(db: Db, domain: string): Promise<{ email: string; name: string; role: Role }[]> {
  return db.selectFrom('users').select(['email', 'name', 'role']).where('email', 'like', `%${domain}`).orderBy('email').execute();
}
