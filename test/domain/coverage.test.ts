import { describe, expect, it } from 'vitest';
import { portfolioCoverage } from '../../src/domain/gateway/coverage.ts';
import { data, resolved } from '../helpers.ts';

const DISCUSSION_KSBS = ['K2', 'K5', 'K7', 'K9', 'K10', 'K12', 'K18', 'S2', 'S9', 'B1', 'B2', 'B5', 'B8'];
const st0071 = resolved('ST0071@1.2').index.standard;

describe('portfolio KSB coverage', () => {
  it('lists the KSBs the portfolio underpins (ST0071 v1.2: the discussion), all uncovered with no pieces', () => {
    const c = portfolioCoverage(st0071, []);
    expect(c?.method).toBe('discussion');
    expect(c?.rows.map((r) => r.ksb)).toEqual(DISCUSSION_KSBS);
    expect(c?.rows.every((r) => !r.covered && r.pieces.length === 0 && r.statement.length > 0)).toBe(true);
    expect(c?.uncovered).toEqual(DISCUSSION_KSBS);
  });

  it('maps each KSB to the pieces covering it and keeps the rest uncovered', () => {
    const c = portfolioCoverage(st0071, [
      { id: 'a', name: 'Complaint log.pdf', ksbs: ['K2', 'S9'] },
      { id: 'b', name: 'Feedback.pdf', ksbs: ['K2', 'B8'] },
      { id: 'c', name: 'Not discussion.pdf', ksbs: ['K1'] },
    ]);
    const row = (ksb: string) => c?.rows.find((r) => r.ksb === ksb);
    expect(row('K2')).toMatchObject({ pieces: ['a', 'b'], covered: true });
    expect(row('S9')).toMatchObject({ pieces: ['a'], covered: true });
    expect(row('B8')).toMatchObject({ pieces: ['b'], covered: true });
    expect(row('K1')).toBeUndefined();
    expect(c?.uncovered).toEqual(DISCUSSION_KSBS.filter((k) => !['K2', 'S9', 'B8'].includes(k)));
  });

  it('is null for a standard without a gateway portfolio (ST0072)', () => {
    const without = [...data.standards.values()].map((s) => s.standard).filter((s) => !s.gateway.portfolio);
    expect(without.map((s) => s.id)).toContain('ST0072@1.1');
    for (const standard of without) expect(portfolioCoverage(standard, [{ id: 'a', ksbs: ['K1'] }])).toBeNull();
  });
});
