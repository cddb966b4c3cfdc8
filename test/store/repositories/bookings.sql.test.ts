import { it } from 'vitest';
import { assessorFacts, recordFacts } from '../../../src/store/repositories/booking-facts.repository.ts';
import {
  bookingForChange,
  cancelBookingRow,
  findBooking,
  insertBooking,
  listBookingRows,
  moveBookingRow,
  recordIdOfBooking,
} from '../../../src/store/repositories/bookings.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-02-10T10:00:00Z');
const UNTIL = new Date('2026-02-10T11:30:00Z');
const AUDIT = [{ actorId: ID, actor: 'Admin', action: 'book', entity: 'booking', entityId: OTHER, after: {} }];
const RECORD = { id: ID, changes: { status: 'in-epa' as const }, at: AT, version: 3, bookingChanges: 2 };

it('keeps the SQL the bookings repository sends', async () => {
  await expectSqlSnapshot('bookings', {
    findBooking: (db) => findBooking(db, { kind: 'provider', organisationId: ID }, OTHER),
    listBookingRows: (db) =>
      listBookingRows(
        db,
        { kind: 'assessor', assessorId: ID, bookingStatuses: ['booked', 'held'] },
        { status: 'booked', from: AT, before: UNTIL, limit: 100, offset: 0 },
      ),
    recordIdOfBooking: (db) => recordIdOfBooking(db, ID),
    recordFacts: (db) => recordFacts(db, ID, { lock: true, leaveOut: OTHER }),
    'recordFacts (dry run)': (db) => recordFacts(db, ID, { lock: false }),
    assessorFacts: (db) => assessorFacts(db, ID, { startsAt: AT, endsAt: UNTIL, leaveOut: OTHER }, { lock: true }),
    bookingForChange: (db) => bookingForChange(db, ID, { lock: true }),
    insertBooking: (db) =>
      insertBooking(
        db,
        {
          id: OTHER,
          epaRecordId: ID,
          method: 'observation',
          assessorId: ID,
          startsAt: AT,
          endsAt: UNTIL,
          bookedOn: '2026-01-05',
          venue: 'Leeds',
          remoteLink: null,
          warnings: [],
        },
        RECORD,
        AUDIT,
      ),
    moveBookingRow: (db) =>
      moveBookingRow(
        db,
        OTHER,
        1,
        { assessorId: ID, startsAt: AT, endsAt: UNTIL, bookedOn: '2026-01-05', venue: 'Leeds', remoteLink: null, warnings: [], keepsConfirmation: false },
        { ...RECORD, changes: null },
        AUDIT,
      ),
    cancelBookingRow: (db) =>
      cancelBookingRow(db, OTHER, { cancelledOn: '2026-01-05', charge: null, reason: 'ill' }, { ...RECORD, changes: { epaStart: null, epaEnd: null } }, AUDIT),
  });
});
