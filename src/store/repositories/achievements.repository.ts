// Achievements in the database: released passes and distinctions by release date.
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Db } from '../database.ts';

/** Released passes and distinctions whose result was released from `from` to `to`, both days included. */
export async function releasedAchievements(db: Db, range: { from: IsoDate; to: IsoDate }) {
  return db
    .selectFrom('results')
    .innerJoin('epaRecords', 'epaRecords.id', 'results.epaRecordId')
    .innerJoin('apprentices', 'apprentices.id', 'epaRecords.apprenticeId')
    .select(['epaRecords.uln', 'apprentices.familyName', 'epaRecords.standardCode', 'epaRecords.standard', 'results.overall', 'results.releasedOn'])
    .where('results.status', '=', 'released')
    .where('results.overall', 'in', ['pass', 'distinction'])
    .where('results.releasedOn', '>=', range.from)
    .where('results.releasedOn', '<=', range.to)
    .orderBy('results.releasedOn')
    .orderBy('epaRecords.uln')
    .orderBy('results.id')
    .execute();
}
