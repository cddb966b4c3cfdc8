import { describe, expect, it } from 'vitest';
import { type Actor, canSeeRecord, recordScope } from '../../src/domain/access/access.ts';

const assessor: Actor = { userId: 'u1', role: 'assessor', organisationId: null, apprenticeId: null, assessorId: 'a1', name: 'Helen' };
const record = (bookings: { assessorId: string; status: string }[], assessmentAssessorIds: string[] = []) => ({
  providerId: 'p',
  employerId: 'e',
  apprenticeId: 'ap',
  bookings,
  assessmentAssessorIds,
});

describe("an assessor's view of a record", () => {
  it('comes from a live booking of theirs: booked or held', () => {
    expect(canSeeRecord(assessor, record([{ assessorId: 'a1', status: 'booked' }]))).toBe(true);
    expect(canSeeRecord(assessor, record([{ assessorId: 'a1', status: 'held' }]))).toBe(true);
    expect(canSeeRecord(assessor, record([{ assessorId: 'a2', status: 'booked' }]))).toBe(false);
  });
  it('is gone with a cancelled booking, unless they judged the record themselves', () => {
    expect(canSeeRecord(assessor, record([{ assessorId: 'a1', status: 'cancelled' }]))).toBe(false);
    expect(canSeeRecord(assessor, record([{ assessorId: 'a1', status: 'cancelled' }], ['a1']))).toBe(true);
    expect(canSeeRecord(assessor, record([{ assessorId: 'a1', status: 'cancelled' }], ['a2']))).toBe(false);
  });
  it('is given to the store as live statuses only', () => {
    expect(recordScope(assessor)).toEqual({ kind: 'assessor', assessorId: 'a1', bookingStatuses: ['booked', 'held'] });
  });
});
