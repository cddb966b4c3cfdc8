// A training provider is known by its UKPRN, the UK Register of Learning Providers' number:
// eight digits, beginning with 1 (the Assessor Service External API takes 8 digits too,
// shared/interop/dfe-assessor-external-api.md). The database holds the same check.
import type { Finding } from '../outcome.ts';

export function ukprnProblem(ukprn: string): Finding | null {
  if (/^1\d{7}$/.test(ukprn)) return null;
  return {
    code: 'UKPRN_INVALID',
    message: `"${ukprn.slice(0, 20)}" is not a UKPRN: eight digits beginning with 1, like 10012345`,
    source: 'UK Register of Learning Providers (UKPRN: 8 digits, beginning with 1); shared/interop/dfe-assessor-external-api.md',
  };
}
