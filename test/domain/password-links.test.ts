// The one-time links that set a password (domain/access/password-links.ts).
import { describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MINUTES, linkExpiresAt, linkRefusal, mayResend } from '../../src/domain/access/password-links.ts';

const now = new Date('2026-12-04T09:00:00Z');

describe('a link that sets a password', () => {
  it('lasts 7 days as an invitation and 1 hour as a reset', () => {
    expect(linkExpiresAt('invite', now).toISOString()).toBe('2026-12-11T09:00:00.000Z');
    expect(linkExpiresAt('reset', now).toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(LINK_LIFETIME_MINUTES.reset).toBe(60);
  });

  it('is refused when unknown, for a disabled account, used, or expired, and never after its last minute', () => {
    const link = { purpose: 'reset' as const, expiresAt: linkExpiresAt('reset', now), usedAt: null, userDisabled: false };
    expect(linkRefusal(link, now)).toBeNull();
    expect(linkRefusal(link, new Date('2026-12-04T09:59:59Z'))).toBeNull();
    expect(linkRefusal(link, new Date('2026-12-04T10:00:00Z'))?.code).toBe('LINK_EXPIRED');
    expect(linkRefusal(undefined, now)?.code).toBe('LINK_NOT_VALID');
    expect(linkRefusal({ ...link, userDisabled: true }, now)?.code).toBe('LINK_NOT_VALID');
    expect(linkRefusal({ ...link, usedAt: now }, now)?.code).toBe('LINK_USED');
    expect(linkRefusal({ ...link, purpose: 'invite', expiresAt: now }, now)?.message).toContain('7 days');
  });

  it('is sent at most 3 times an hour to one account', () => {
    expect([0, 1, 2, 3, 4].map(mayResend)).toEqual([true, true, true, false, false]);
  });
});
