// VTCT (000, Scheduling – Remote End-point Assessments): the apprentice receives the link
// within 72 hours of the assessment being booked.
import { describe, expect, it } from 'vitest';
import { remoteLinkNotice } from '../../src/domain/booking/remote-link.ts';
import { resolved } from '../helpers.ts';

const vtct = resolved('ST0071@1.1', 'VTCT');
const bookedAt = new Date('2026-03-27T09:30:00Z');
const remote = { method: 'project', remoteLink: 'https://meet.example/x', changed: true };

describe('the remote link within the policy’s hours', () => {
  it('is emailed as the booking is made where the apprentice has an address', () => {
    expect(remoteLinkNotice(vtct, remote, 'a@test.invalid', bookedAt)).toEqual({
      kind: 'send',
      withinHours: 72,
      source: expect.stringContaining('000_105fd02c04a4443e.txt'),
    });
  });
  it('warns with the deadline in UK time where there is no address (72 hours over the clocks going forward)', () => {
    const notice = remoteLinkNotice(vtct, remote, null, bookedAt);
    expect(notice).toMatchObject({ kind: 'cannot-send', warning: { code: 'REMOTE_LINK_NOT_SENT', due: '2026-03-30T09:30:00.000Z', withinHours: 72 } });
    expect(notice?.kind === 'cannot-send' && notice.warning.message).toContain('by 2026-03-30 10:30 (UK time)');
  });
  it('asks nothing without a remote link, without the policy, or for a move that keeps the time and link', () => {
    expect(remoteLinkNotice(vtct, { ...remote, remoteLink: null }, null, bookedAt)).toBeNull();
    expect(remoteLinkNotice(resolved('ST0071@1.2'), remote, null, bookedAt)).toBeNull();
    expect(remoteLinkNotice(resolved('ST0071@1.2', 'PAL'), remote, null, bookedAt)).toBeNull();
    expect(remoteLinkNotice(vtct, { ...remote, changed: false }, null, bookedAt)).toBeNull();
  });
});
