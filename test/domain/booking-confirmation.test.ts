import { describe, expect, it } from 'vitest';
import { CHASE_UNCONFIRMED, chaseUnconfirmedUntil, keepsConfirmation } from '../../src/domain/booking/confirmation.ts';

describe("the assessor's confirmation of a booking", () => {
  const slot = { startsAt: '2026-03-02T10:00:00.000Z', assessorId: 'a' };

  it('is kept by a move to another place, and asked again for another time or assessor', () => {
    expect(keepsConfirmation(slot, { ...slot, startsAt: new Date('2026-03-02T10:00:00Z') })).toBe(true);
    expect(keepsConfirmation(slot, { ...slot, startsAt: '2026-03-02T11:00:00.000Z' })).toBe(false);
    expect(keepsConfirmation(slot, { ...slot, assessorId: 'b' })).toBe(false);
  });

  it('is chased for bookings in the next two weeks, this EPAO’s setting', () => {
    expect(CHASE_UNCONFIRMED.days).toBe(14);
    expect(chaseUnconfirmedUntil(new Date('2026-02-20T12:00:00Z')).toISOString()).toBe('2026-03-06T12:00:00.000Z');
  });
});
