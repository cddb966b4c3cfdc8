// The parts of a record its plan is checked on, as sub-selects of a statement over
// epa_records: its open re-sits and re-takes, its work's dates, its gateway submissions'
// dates and its results. A booking reads them for one record (booking-facts), a schedule
// for every record waiting (scheduling): the same columns, written once.
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IsoDate } from '../../domain/calendar/dates.ts';
import type { Database } from '../schema.ts';

type Records = ExpressionBuilder<Database, 'epaRecords'>;

export function recordPlanFacts(eb: Records) {
  return [
    jsonArrayFrom(
      eb
        .selectFrom('reattempts')
        .select(['reattempts.method', 'reattempts.windowEnds'])
        .whereRef('reattempts.epaRecordId', '=', 'epaRecords.id')
        .where('reattempts.usedByAssessmentId', 'is', null),
    ).as('openReattempts'),
    jsonArrayFrom(
      eb.selectFrom('submissions').select(['submissions.kind', 'submissions.submittedOn']).whereRef('submissions.epaRecordId', '=', 'epaRecords.id'),
    ).as('work'),
    eb
      .selectFrom('gatewaySubmissions')
      .select(sql<IsoDate[]>`coalesce(json_agg(gateway_submissions.submitted_on), '[]')`.as('dates'))
      .whereRef('gatewaySubmissions.epaRecordId', '=', 'epaRecords.id')
      .as('gatewaySubmittedOn'),
    jsonArrayFrom(
      eb
        .selectFrom('results')
        .select(['results.releasedOn', 'results.methodGrades', 'results.status', 'results.createdAt'])
        .whereRef('results.epaRecordId', '=', 'epaRecords.id'),
    ).as('results'),
  ] as const;
}
