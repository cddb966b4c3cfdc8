// Runs the migrations in src/store/migrations, in order, each once (Kysely's migrator).
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as platformCore from './migrations/001-platform-core.ts';
import * as assessmentToCertificate from './migrations/002-assessment-to-certificate.ts';
import * as auditAppendOnly from './migrations/003-audit-append-only.ts';
import * as onePerAttempt from './migrations/004-one-assessment-per-attempt.ts';
import * as signInThrottle from './migrations/005-sign-in-throttle.ts';
import * as apiTokenScope from './migrations/006-api-token-scope.ts';
import * as registrationClashes from './migrations/007-registration-clashes.ts';
import * as auditCheckpoints from './migrations/009-audit-checkpoints.ts';
import * as foreignKeyIndexes from './migrations/010-foreign-key-indexes.ts';
import * as recordSearch from './migrations/011-record-search.ts';
import * as bookingChanges from './migrations/012-booking-changes.ts';
import * as importRuns from './migrations/013-import-runs.ts';
import * as employerReferences from './migrations/014-employer-references.ts';
import * as recordStatusIndex from './migrations/015-record-status-index.ts';
import * as bookingConfirmation from './migrations/016-booking-confirmation.ts';
import * as appealSteps from './migrations/017-appeal-steps.ts';
import * as withdrawalRequests from './migrations/018-withdrawal-requests.ts';
import * as gatewayDeclarations from './migrations/019-gateway-declarations.ts';
import * as people from './migrations/020-people.ts';
import * as mailTemplates from './migrations/021-mail-templates.ts';
import * as malpracticeReports from './migrations/022-malpractice-reports.ts';
import * as complaints from './migrations/023-complaints.ts';
import * as calendarFeeds from './migrations/024-calendar-feeds.ts';
import * as weeklyAvailability from './migrations/025-weekly-availability.ts';
import * as bookingsByTime from './migrations/026-bookings-by-time.ts';
import * as signedDeclarationRecords from './migrations/027-signed-declaration-records.ts';
import * as appealReassessments from './migrations/028-appeal-reassessments.ts';
import * as dfeSubmissions from './migrations/029-dfe-submissions.ts';
import * as courseOptions from './migrations/030-course-options.ts';
import * as scheduling from './migrations/031-scheduling.ts';

/** Listed here, not read from a folder, so the set is fixed by the code that runs. */
const migrations: Record<string, Migration> = {
  '001-platform-core': platformCore,
  '002-assessment-to-certificate': assessmentToCertificate,
  '003-audit-append-only': auditAppendOnly,
  '004-one-assessment-per-attempt': onePerAttempt,
  '005-sign-in-throttle': signInThrottle,
  '006-api-token-scope': apiTokenScope,
  '007-registration-clashes': registrationClashes,
  '009-audit-checkpoints': auditCheckpoints,
  '010-foreign-key-indexes': foreignKeyIndexes,
  '011-record-search': recordSearch,
  '012-booking-changes': bookingChanges,
  '013-import-runs': importRuns,
  '014-employer-references': employerReferences,
  '015-record-status-index': recordStatusIndex,
  '016-booking-confirmation': bookingConfirmation,
  '017-appeal-steps': appealSteps,
  '018-withdrawal-requests': withdrawalRequests,
  '019-gateway-declarations': gatewayDeclarations,
  '020-people': people,
  '021-mail-templates': mailTemplates,
  '022-malpractice-reports': malpracticeReports,
  '023-complaints': complaints,
  '024-calendar-feeds': calendarFeeds,
  '025-weekly-availability': weeklyAvailability,
  '026-bookings-by-time': bookingsByTime,
  '027-signed-declaration-records': signedDeclarationRecords,
  '028-appeal-reassessments': appealReassessments,
  '029-dfe-submissions': dfeSubmissions,
  '030-course-options': courseOptions,
  '031-scheduling': scheduling,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows, in the order they run (a backup names the ones it had). */
export const knownMigrations = (): string[] => Object.keys(migrations).sort();

/** Runs the migrations up to and including `name` (a restore rebuilds a backup's schema level). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
