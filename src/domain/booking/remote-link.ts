// The remote link reaches the apprentice in time. VTCT (000, Scheduling – Remote End-point
// Assessments): "The Apprentice will receive an automated email containing a link to their
// video conferencing platform within 72 hours of the assessment being booked." Held as the
// policy's `remoteLinkWithinHours`. Capstone sends that email as the booking is made (or
// moved to another time or link); where it holds no email address for the apprentice it
// cannot, and the booking says so with the time the link must reach them by.
import { utcToLondon } from '../calendar/london-time.ts';
import type { Finding } from '../outcome.ts';
import type { Resolved } from '../standards/catalogue.ts';

export type RemoteLinkNotice =
  /** Email the link now: that is inside the policy's hours. */
  | { kind: 'send'; withinHours: number; source: string }
  /** No address to send it to: a warning with the deadline. */
  | { kind: 'cannot-send'; warning: Finding };

/**
 * What the policy asks of a booking with a remote link, or null (no remote link, no such
 * policy, or a move that changes neither the time nor the link: the apprentice has it).
 */
export function remoteLinkNotice(
  resolved: Resolved,
  booking: { method: string; remoteLink: string | null; changed: boolean },
  apprenticeEmail: string | null,
  bookedAt: Date,
): RemoteLinkNotice | null {
  const rule = resolved.policy?.remoteLinkWithinHours;
  if (!rule || !booking.remoteLink || !booking.changed) return null;
  if (apprenticeEmail) return { kind: 'send', withinHours: rule.value, source: rule.source };
  const due = new Date(bookedAt.getTime() + rule.value * 3_600_000);
  const uk = utcToLondon(due);
  return {
    kind: 'cannot-send',
    warning: {
      code: 'REMOTE_LINK_NOT_SENT',
      message: `the apprentice must receive the remote link within ${rule.value} hours of booking, by ${uk.date} ${uk.time} (UK time), and Capstone holds no email address for them: send it yourself or add their address`,
      source: rule.source,
      methods: [booking.method],
      due: due.toISOString(),
      withinHours: rule.value,
    },
  };
}
