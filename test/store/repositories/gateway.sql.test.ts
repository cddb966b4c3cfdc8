import { it } from 'vitest';
import {
  applyGatewayDecision,
  evidenceFilesOf,
  gatewayDatesOf,
  gatewaySubmission,
  gatewaySubmissionsOf,
  insertGatewaySubmission,
  markGatewayDecided,
  markGatewaySubmitted,
  submissionForDecision,
} from '../../../src/store/repositories/gateway.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');

it('keeps the SQL the gateway repository sends', async () => {
  await expectSqlSnapshot('gateway', {
    evidenceFilesOf: (db) => evidenceFilesOf(db, ID),
    markGatewaySubmitted: (db) => markGatewaySubmitted(db, ID, { showcaseFormat: 'report', openStatuses: ['registered', 'gateway-rejected'], at: AT }),
    insertGatewaySubmission: (db) => insertGatewaySubmission(db, { recordId: ID, submittedBy: USER, submittedOn: '2026-02-10', request: {}, outcome: {} }),
    gatewaySubmission: (db) => gatewaySubmission(db, ID),
    gatewaySubmissionsOf: (db) => gatewaySubmissionsOf(db, ID),
    submissionForDecision: (db) => submissionForDecision(db, ID),
    markGatewayDecided: (db) => markGatewayDecided(db, ID, { status: 'rejected', decidedBy: USER, decidedAt: AT, reasons: ['no portfolio'] }),
    gatewayDatesOf: (db) => gatewayDatesOf(db, ID),
    applyGatewayDecision: (db) =>
      applyGatewayDecision(db, ID, { status: 'gateway-approved', gatewayApprovedOn: '2026-02-10', epaStart: '2026-02-10', epaEnd: '2026-05-10' }, AT),
  });
});
