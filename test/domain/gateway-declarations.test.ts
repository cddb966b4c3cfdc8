// Who declared at gateway (004 Appendix One; Section 4: "signed and dated by all parties, or
// email/DVR confirmation provided").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeclarationOnFile, declarationsMade, signedRecordDateProblem } from '../../src/domain/gateway/declarations.ts';

const none = { employer: false, provider: false, apprentice: false };
const own = (party: 'employer' | 'apprentice', by: 'self' | 'signed-record' = 'self'): DeclarationOnFile => ({
  party,
  by,
  name: by === 'self' ? 'Jo Employer' : 'Sam Signer',
  on: '2026-01-02',
  fileId: by === 'self' ? null : 'f1',
});

describe('declarationsMade', () => {
  it('counts a declaration on file whatever the provider ticks, and says how it was made', () => {
    const { flags, made } = declarationsMade({ ...none, provider: true }, [own('employer'), own('apprentice', 'signed-record')]);
    expect(flags).toEqual({ employer: true, provider: true, apprentice: true });
    expect(made).toEqual([
      { party: 'provider', by: 'self', name: null, on: null, fileId: null },
      { party: 'employer', by: 'self', name: 'Jo Employer', on: '2026-01-02', fileId: null },
      { party: 'apprentice', by: 'signed-record', name: 'Sam Signer', on: '2026-01-02', fileId: 'f1' },
    ]);
  });

  it('takes the provider’s word for a signed record it holds but did not upload', () => {
    const { flags, made } = declarationsMade({ employer: true, provider: true, apprentice: false }, []);
    expect(flags).toEqual({ employer: true, provider: true, apprentice: false });
    expect(made.find((d) => d.party === 'employer')).toEqual({ party: 'employer', by: 'signed-record', name: null, on: null, fileId: null });
  });

  it('never declares the provider for it, and never declares a party with neither', () => {
    fc.assert(
      fc.property(
        fc.record({ employer: fc.boolean(), provider: fc.boolean(), apprentice: fc.boolean() }),
        fc.subarray(['employer', 'apprentice'] as const),
        (says, onFile) => {
          const { flags } = declarationsMade(
            says,
            onFile.map((p) => own(p)),
          );
          expect(flags.provider).toBe(says.provider);
          for (const party of ['employer', 'apprentice'] as const) expect(flags[party]).toBe(says[party] || onFile.includes(party));
        },
      ),
    );
  });
});

describe('signedRecordDateProblem', () => {
  it('accepts a record signed today or before, and refuses one dated after today', () => {
    expect(signedRecordDateProblem('2026-01-05', '2026-01-05')).toBeNull();
    expect(signedRecordDateProblem('2025-12-31', '2026-01-05')).toBeNull();
    expect(signedRecordDateProblem('2026-01-06', '2026-01-05')?.code).toBe('SIGNED_IN_FUTURE');
  });
});
