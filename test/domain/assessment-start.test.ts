import { describe, expect, it } from 'vitest';
import { notBeforeStart } from '../../src/domain/assessment/not-before-start.ts';

describe('an assessment is judged only once its booked start has come', () => {
  // 10:00 in London on 2 February 2026 (GMT) and on 2 July 2026 (BST).
  const winter = '2026-02-02T10:00:00.000Z';
  const summer = '2026-07-02T09:00:00.000Z';

  it('refuses before the start, with a stable code, the source and the start in London time', () => {
    const finding = notBeforeStart(winter, '2026-02-02T09:59:59.000Z', 'observation');
    expect(finding).toMatchObject({ code: 'ASSESSMENT_NOT_STARTED', startsAt: winter });
    expect(finding?.message).toContain('10:00 on 2026-02-02');
    expect(finding?.source).toMatch(/001 §5/);
    expect(notBeforeStart(summer, '2026-07-01T12:00:00.000Z')?.message).toContain('10:00 on 2026-07-02');
  });

  it('allows it from the start itself onwards', () => {
    expect(notBeforeStart(winter, winter)).toBeNull();
    expect(notBeforeStart(winter, '2026-02-02T10:00:01.000Z')).toBeNull();
    expect(notBeforeStart(new Date(summer), new Date('2026-08-01T00:00:00Z'))).toBeNull();
  });
});
