import { describe, expect, it } from 'vitest';
import { gatewayChecks } from '../../src/domain/gateway/checks.ts';
import { checkGateway } from '../../src/domain/gateway/eligibility.ts';
import { GatewayInput } from '../../src/domain/gateway/input.ts';
import { data, resolved } from '../helpers.ts';

/** A request failing every check it can at once (and warning on the temporary ULN where it is valid). */
const failing = (standard: string, policy: string | null, overrides: Record<string, unknown> = {}) =>
  GatewayInput.parse({
    standard,
    policy,
    apprentice: { uln: '1234567890', dateOfBirth: '2007-05-01', ehcp: false },
    programme: { startDate: '2025-09-01', gatewayDate: '2026-01-12' },
    qualifications: { english: null, maths: null },
    declarations: { employer: false, provider: false, apprentice: false },
    portfolio: standard.startsWith('ST0071')
      ? { pieces: [{ id: 'E1', ksbs: ['K2'] }], mappingDocument: false, employerValidation: false, authenticityDeclaration: false }
      : null,
    showcaseFormat: null,
    ...overrides,
  });

const CASES: [string, string | null][] = [
  ['ST0071@1.2', null],
  ['ST0071@1.2', 'PAL'],
  ['ST0071@1.1', 'VTCT'],
  ['ST0072@1.1', 'HIGHFIELD'],
  ['ST0072@1.1', null],
];

describe('the checks the gateway engine applies', () => {
  it.each(CASES)('%s with policy %s: every finding belongs to exactly one listed check, with the same source', (standard, policy) => {
    const r = resolved(standard, policy);
    for (const request of [
      failing(standard, policy),
      failing(standard, policy, { apprentice: { uln: '9999999999', dateOfBirth: '2007-05-01', ehcp: false } }),
    ]) {
      const outcome = checkGateway(r, data.fundingRules, request);
      if (!outcome.ok) throw new Error(outcome.problem.message);
      const checks = gatewayChecks(r, data.fundingRules, request);
      const findings = [...outcome.value.failures, ...outcome.value.warnings];
      expect(findings.length).toBeGreaterThan(2);
      for (const finding of findings) {
        const owners = checks.filter((c) => c.codes.includes(finding.code));
        expect(owners, finding.code).toHaveLength(1);
        expect(owners[0]?.source, finding.code).toBe(finding.source);
      }
    }
  });

  it('lists the portfolio checks only where the standard and policy have them', () => {
    const ids = (standard: string, policy: string | null) =>
      gatewayChecks(resolved(standard, policy), data.fundingRules, failing(standard, policy)).map((c) => c.id);
    expect(ids('ST0071@1.2', 'PAL')).toEqual([
      'uln',
      'duration',
      'english-maths',
      'declarations',
      'portfolio-size',
      'portfolio-coverage',
      'mappingDocument',
      'employerValidation',
    ]);
    expect(ids('ST0071@1.2', null)).toEqual(['uln', 'duration', 'english-maths', 'declarations', 'portfolio-size']);
    expect(ids('ST0072@1.1', null)).toEqual(['uln', 'duration', 'english-maths', 'declarations', 'showcase-format']);
  });

  it('names each check and its source', () => {
    for (const check of gatewayChecks(resolved('ST0071@1.2', 'PAL'), data.fundingRules, failing('ST0071@1.2', 'PAL'))) {
      expect(check.name.length).toBeGreaterThan(5);
      expect(check.source.length).toBeGreaterThan(10);
      expect(check.codes.length).toBeGreaterThan(0);
    }
  });
});
