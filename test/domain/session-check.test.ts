import { describe, expect, it } from 'vitest';
import { checkSession } from '../../src/domain/assessment/session-check.ts';
import { resolved } from '../helpers.ts';

const method = (standard: string, id: string) => resolved(standard).index.methods.get(id)!;
const VTCT_IDS = ['A valid passport', 'A signed UK photo card driving licence', 'Employee ID card or travel card'];
const facts = (over: Partial<Parameters<typeof checkSession>[1]> = {}) => ({
  minutes: 60,
  questioningMinutes: 8,
  extraTimePercent: 0,
  identityChecked: true,
  idDocument: null,
  ...over,
});
const codes = (...args: Parameters<typeof checkSession>) => checkSession(...args).map((f) => f.code);

describe('a held assessment against its method (001 §5)', () => {
  const observation = method('ST0071@1.2', 'observation');
  it('allows 60 minutes ± 10%: 54 to 66', () => {
    expect(codes(observation, facts({ minutes: 54 }), null, null)).toEqual([]);
    expect(codes(observation, facts({ minutes: 66 }), null, null)).toEqual([]);
    expect(codes(observation, facts({ minutes: 53 }), null, null)).toEqual(['DURATION_OUTSIDE_TOLERANCE']);
    expect(codes(observation, facts({ minutes: 67 }), null, null)).toEqual(['DURATION_OUTSIDE_TOLERANCE']);
  });
  it('lengthens the time allowed by agreed extra time (25%: 75 minutes ± 10%)', () => {
    expect(codes(observation, facts({ minutes: 82, extraTimePercent: 25 }), null, null)).toEqual([]);
    expect(codes(observation, facts({ minutes: 84, extraTimePercent: 25 }), null, null)).toEqual(['DURATION_OUTSIDE_TOLERANCE']);
  });
  it('limits observation questioning to 15% of the time allowed: 9 minutes of 60', () => {
    expect(codes(observation, facts({ questioningMinutes: 9 }), null, null)).toEqual([]);
    const over = checkSession(observation, facts({ questioningMinutes: 10 }), null, null);
    expect(over).toEqual([expect.objectContaining({ code: 'QUESTIONING_OVER_LIMIT', maxMinutes: 9 })]);
    expect(over[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
  });
  it('treats the ST0072 observation as up to 90 minutes (003)', () => {
    const st0072 = method('ST0072@1.1', 'observation');
    expect(codes(st0072, facts({ minutes: 30, questioningMinutes: null }), null, null)).toEqual([]);
    expect(codes(st0072, facts({ minutes: 91, questioningMinutes: null }), null, null)).toEqual(['DURATION_OUTSIDE_TOLERANCE']);
  });
  it("checks identity, and the document against the policy's accepted list (000 ID Requirements)", () => {
    expect(codes(observation, facts({ identityChecked: false }), VTCT_IDS, 'src')).toEqual(['IDENTITY_NOT_CHECKED']);
    expect(codes(observation, facts({ idDocument: 'A valid passport' }), VTCT_IDS, 'src')).toEqual([]);
    expect(codes(observation, facts({ idDocument: 'Library card' }), VTCT_IDS, 'src')).toEqual(['ID_DOCUMENT_NOT_ACCEPTED']);
  });
});

describe('the time a session is planned for and may last, one rule for slot and check', () => {
  it('ST0072 showcase: a report has only the interview (up to 30 minutes); a presentation is planned at about 45 + 30, not limited', async () => {
    const { sessionTime } = await import('../../src/domain/assessment/time-allowed.ts');
    const { plannedLength } = await import('../../src/domain/booking/slot.ts');
    const showcase = method('ST0072@1.1', 'showcase');
    expect(sessionTime(showcase, 0, 'report')).toMatchObject({ plannedMinutes: 30, maxMinutes: 30, check: { min: 0, max: 30 } });
    expect(sessionTime(showcase, 0, 'presentation')).toMatchObject({ plannedMinutes: 75, check: { min: 0, max: null } });
    expect(plannedLength(showcase, 0, 'report').maxMinutes).toBe(30);
    expect(plannedLength(showcase, 25, 'report').maxMinutes).toBe(38);
    expect(codes(showcase, { ...facts({ minutes: 25 }), showcaseFormat: 'report' }, null, null)).toEqual([]);
    expect(codes(showcase, { ...facts({ minutes: 31 }), showcaseFormat: 'report' }, null, null)).toEqual(['DURATION_OUTSIDE_TOLERANCE']);
    expect(codes(showcase, { ...facts({ minutes: 80 }), showcaseFormat: 'presentation' }, null, null)).toEqual([]);
  });
  it('the slot booked is the longest the session may run: ST0071 observation with 25% extra time', async () => {
    const { plannedLength } = await import('../../src/domain/booking/slot.ts');
    const observation = method('ST0071@1.2', 'observation');
    const slot = plannedLength(observation, 25);
    expect(slot.maxMinutes).toBe(83);
    expect(codes(observation, facts({ minutes: 82.5, extraTimePercent: 25 }), null, null)).toEqual([]);
  });
});
