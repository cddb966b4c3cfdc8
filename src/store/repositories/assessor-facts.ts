// The parts of an assessor a booking and a schedule are both decided on, as sub-selects of a
// statement over assessors: their declared relationships (with the apprentice's ULN, the same
// person registered again) and their weekly hours. Written once for booking-facts and scheduling.
import type { ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../schema.ts';

type Assessors = ExpressionBuilder<Database, 'assessors'>;

export function relationshipsOf(eb: Assessors) {
  return jsonArrayFrom(
    eb
      .selectFrom('assessorRelationships')
      .leftJoin('apprentices', 'apprentices.id', 'assessorRelationships.apprenticeId')
      .select([
        'assessorRelationships.apprenticeId',
        'assessorRelationships.organisationId',
        'assessorRelationships.nature',
        'apprentices.uln as apprenticeUln',
      ])
      .whereRef('assessorRelationships.assessorId', '=', 'assessors.id'),
  ).as('relationships');
}

export function weeklyHoursOf(eb: Assessors) {
  return jsonArrayFrom(
    eb
      .selectFrom('assessorWeeklyHours')
      .select(['assessorWeeklyHours.weekday', 'assessorWeeklyHours.starts', 'assessorWeeklyHours.ends'])
      .whereRef('assessorWeeklyHours.assessorId', '=', 'assessors.id'),
  ).as('weeklyHours');
}
