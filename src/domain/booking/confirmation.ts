// The assessor's confirmation of a booking: that they will be there. Capstone's own rule,
// as the EPAO sets it; no seed speaks of it.

/** How far ahead a booking no one has confirmed is chased: this EPAO's setting, two weeks. */
export const CHASE_UNCONFIRMED = { days: 14, source: "this EPAO's setting" } as const;

const DAY_MS = 86_400_000;

/** The instant before which a booking still unconfirmed waits in the EPAO's queue. */
export function chaseUnconfirmedUntil(now: Date): Date {
  return new Date(now.getTime() + CHASE_UNCONFIRMED.days * DAY_MS);
}

type Slot = { startsAt: Date | string; assessorId: string };

/** A move keeps the confirmation only when the assessor and the start stay the same: a new place, link or end does not ask again. */
export function keepsConfirmation(before: Slot, after: Slot): boolean {
  return before.assessorId === after.assessorId && new Date(before.startsAt).getTime() === new Date(after.startsAt).getTime();
}
