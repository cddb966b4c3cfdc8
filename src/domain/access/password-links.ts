// The one-time links that set a password. No seed speaks of accounts; these are this EPAO's
// settings, after the NCSC's password guidance (a recovery link is single-use and
// short-lived, and never says whether an account exists): an invitation lasts 7 days, a
// reset 1 hour, and an account is sent at most 3 resets an hour.
import type { Finding } from '../outcome.ts';

export type LinkPurpose = 'invite' | 'reset';

const SOURCE = 'this EPAO’s setting (NCSC password guidance: recovery links single-use and short-lived)';

export const LINK_LIFETIME_MINUTES: Readonly<Record<LinkPurpose, number>> = { invite: 7 * 24 * 60, reset: 60 };

/** How many reset links one account is sent in an hour; more asked for are quietly not sent. */
export const RESETS_PER_HOUR = 3;

export const linkExpiresAt = (purpose: LinkPurpose, now: Date): Date => new Date(now.getTime() + LINK_LIFETIME_MINUTES[purpose] * 60_000);

export type StoredLink = { purpose: LinkPurpose; expiresAt: Date; usedAt: Date | null; userDisabled: boolean };

/** Whether a link may still set a password now; a finding saying why not otherwise. */
export function linkRefusal(link: StoredLink | undefined, now: Date): Finding | null {
  if (!link || link.userDisabled) return { code: 'LINK_NOT_VALID', message: 'this link is not valid: ask for a new one', source: SOURCE };
  if (link.usedAt) return { code: 'LINK_USED', message: 'this link has already been used: ask for a new one', source: SOURCE };
  if (link.expiresAt.getTime() <= now.getTime()) {
    const lasted = link.purpose === 'invite' ? '7 days' : '1 hour';
    return { code: 'LINK_EXPIRED', message: `this link has expired (it lasts ${lasted}): ask for a new one`, source: SOURCE };
  }
  return null;
}

/** Whether another reset link may be sent to an account that was sent `sentInLastHour` already. */
export const mayResend = (sentInLastHour: number): boolean => sentInLastHour < RESETS_PER_HOUR;
