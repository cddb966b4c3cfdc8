import { describe, expect, it } from 'vitest';
import { workSubmittedOn } from '../../src/domain/planning/submitted.ts';

describe('when each piece of work reached the EPAO', () => {
  it('counts the latest of each kind of work: a reworked project replaces the first', () => {
    const on = workSubmittedOn(
      [
        { kind: 'project-report', submittedOn: '2026-03-02' },
        { kind: 'project-report', submittedOn: '2026-04-10' },
        { kind: 'showcase', submittedOn: '2026-03-20' },
      ],
      [],
    );
    expect(on).toEqual({ projectSubmittedOn: '2026-04-10', showcaseSubmittedOn: '2026-03-20' });
  });

  it('counts the portfolio and the evidence as submitted with the latest gateway submission (004 Section 4)', () => {
    const on = workSubmittedOn([], ['2026-01-05', '2026-02-14']);
    expect(on).toEqual({ portfolioSubmittedOn: '2026-02-14', evidenceSubmittedOn: '2026-02-14' });
  });

  it('has nothing submitted before any work or gateway submission', () => {
    expect(workSubmittedOn([], [])).toEqual({});
  });
});
