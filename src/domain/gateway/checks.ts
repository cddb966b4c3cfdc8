// The checks the gateway engine (eligibility.ts, checkGateway) applies to one request, each
// with the codes it can fail or warn with and the document it comes from, so the EPAO
// reviewing a submission sees what was checked, not only what failed. The sources are the
// ones checkGateway's findings carry: test/domain/gateway-checks.test.ts holds the two together.
import { englishMathsRuleOn, minimumDurationRuleFor } from '../funding/rules.ts';
import type { Resolved } from '../standards/catalogue.ts';
import type { FundingRules } from '../standards/schema.ts';
import type { GatewayRequest } from './input.ts';

export type GatewayCheck = { id: string; name: string; codes: string[]; source: string };

/** The Learning Records Service's ULN check digit, as ILR validation applies it. */
export const ULN_SOURCE = 'Learning Records Service ULN check digit (ILR validation)';

export function gatewayChecks(resolved: Resolved, funding: FundingRules, request: GatewayRequest): GatewayCheck[] {
  const { standard } = resolved.index;
  const checks: GatewayCheck[] = [{ id: 'uln', name: 'Unique learner number', codes: ['ULN_INVALID', 'ULN_TEMPORARY'], source: ULN_SOURCE }];

  const duration = minimumDurationRuleFor(funding, request.programme.startDate);
  const policyDays = resolved.policy?.minimumDaysOnProgramme;
  checks.push({
    id: 'duration',
    name: 'Minimum time on programme',
    codes: ['MIN_DURATION'],
    source: [duration.source, ...(policyDays ? [policyDays.source] : [])].join('; '),
  });

  const { englishMaths } = standard.gateway;
  const rule = englishMathsRuleOn(funding, request.programme.gatewayDate);
  checks.push({
    id: 'english-maths',
    name: 'English and maths',
    codes: ['ENGLISH_REQUIRED', 'MATHS_REQUIRED'],
    source: rule.appliesTo === 'standard' ? englishMaths.source : `${rule.source}; level: ${englishMaths.source}`,
  });

  checks.push({ id: 'declarations', name: 'Declarations', codes: ['DECLARATION_MISSING'], source: standard.gateway.declarations.source });

  const portfolio = standard.gateway.portfolio;
  if (portfolio) {
    checks.push({ id: 'portfolio-size', name: 'Number of portfolio pieces', codes: ['PORTFOLIO_TOO_FEW', 'PORTFOLIO_TOO_MANY'], source: portfolio.source });
    const policy = resolved.policy?.portfolio;
    if (policy?.everyKsbCovered?.value)
      checks.push({
        id: 'portfolio-coverage',
        name: 'Every KSB covered by the portfolio',
        codes: ['PORTFOLIO_KSB_UNCOVERED'],
        source: policy.everyKsbCovered.source,
      });
    const papers = [
      ['mappingDocument', 'PORTFOLIO_MAPPING_MISSING', 'Portfolio mapping document'],
      ['employerValidation', 'PORTFOLIO_VALIDATION_MISSING', 'Employer validation statement'],
      ['authenticityDeclaration', 'PORTFOLIO_AUTHENTICITY_MISSING', 'Declaration of authenticity'],
    ] as const;
    for (const [field, code, name] of papers) {
      const required = policy?.[field];
      if (required?.value) checks.push({ id: field, name, codes: [code], source: required.source });
    }
  }

  const showcase = standard.gateway.showcaseFormat;
  if (showcase) checks.push({ id: 'showcase-format', name: 'Showcase format chosen', codes: ['SHOWCASE_FORMAT_MISSING'], source: showcase.source });
  return checks;
}
