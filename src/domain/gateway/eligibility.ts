// Whether an apprentice may pass gateway into the EPA period.
import { addMonths, ageOn, daysBetween } from '../calendar/dates.ts';
import { englishMathsRuleOn, minimumDurationRuleFor } from '../funding/rules.ts';
import { type Finding, ok, problem, type Result } from '../outcome.ts';
import type { Resolved } from '../standards/catalogue.ts';
import type { FundingRules, QualificationLevelT } from '../standards/schema.ts';
import { portfolioCoverage } from './coverage.ts';
import type { GatewayRequest } from './input.ts';
import { ulnStatus } from './uln.ts';

export type GatewayOutcome = { eligible: boolean; failures: Finding[]; warnings: Finding[] };

const RANK: Record<QualificationLevelT, number> = { 'entry-3': 0, 'level-1': 1, 'level-2': 2 };
const LEVEL_NAME: Record<QualificationLevelT, string> = { 'entry-3': 'Entry Level 3', 'level-1': 'Level 1', 'level-2': 'Level 2' };

export function checkGateway(resolved: Resolved, funding: FundingRules, request: GatewayRequest): Result<GatewayOutcome> {
  const { standard } = resolved.index;
  const { startDate, gatewayDate } = request.programme;
  if (gatewayDate < startDate) return problem('DATES_OUT_OF_ORDER', `programme.gatewayDate ${gatewayDate} is before programme.startDate ${startDate}`);
  if (request.qualifications.maths === 'bsl')
    return problem('BAD_QUALIFICATION', 'qualifications.maths cannot be "bsl": British Sign Language is an alternative to English only');
  const portfolioRule = standard.gateway.portfolio;
  if (portfolioRule && request.portfolio) {
    const ids = new Set<string>();
    for (const piece of request.portfolio.pieces) {
      if (ids.has(piece.id)) return problem('DUPLICATE_PIECE', `portfolio piece "${piece.id}" is listed twice`);
      ids.add(piece.id);
      const unknown = piece.ksbs.find((k) => !resolved.index.ksbs.has(k));
      if (unknown !== undefined) return problem('UNKNOWN_KSB', `${standard.id} has no KSB "${unknown}" (portfolio piece "${piece.id}")`);
    }
  }

  const failures: Finding[] = [];
  const warnings: Finding[] = [];

  // ULN: the Learning Records Service check digit (ILR validation).
  const uln = ulnStatus(request.apprentice.uln);
  if (uln === 'invalid')
    failures.push({
      code: 'ULN_INVALID',
      message: `"${request.apprentice.uln}" is not a valid Unique Learner Number`,
      source: 'Learning Records Service ULN check digit (ILR validation)',
    });
  if (uln === 'temporary')
    warnings.push({
      code: 'ULN_TEMPORARY',
      message: '9999999999 is the temporary ULN: the real ULN is needed before the certificate can be claimed',
      source: 'Learning Records Service ULN check digit (ILR validation)',
    });

  failures.push(...minimumDuration(resolved, funding, startDate, gatewayDate));
  failures.push(...englishAndMaths(resolved, funding, request));

  // Source: the declarations the standard's documents require (001 §4; 004 Appendix One).
  const declarations = standard.gateway.declarations;
  const missingParties = declarations.value.filter((party) => request.declarations[party] !== true);
  if (missingParties.length > 0)
    failures.push({
      code: 'DECLARATION_MISSING',
      message: `the gateway declaration of the ${missingParties.join(', ')} is missing`,
      source: declarations.source,
      parties: missingParties,
    });

  if (portfolioRule) failures.push(...portfolio(resolved, request));

  const showcase = standard.gateway.showcaseFormat;
  if (showcase && request.showcaseFormat === null)
    failures.push({
      code: 'SHOWCASE_FORMAT_MISSING',
      message: `the apprentice must choose the showcase format at gateway (${showcase.value.join(' or ')})`,
      source: showcase.source,
      formats: showcase.value,
    });

  return ok({ eligible: failures.length === 0, failures, warnings });
}

/** The funding rule by start date, made stricter (never looser) by the EPAO's own minimum. */
function minimumDuration(resolved: Resolved, funding: FundingRules, startDate: string, gatewayDate: string): Finding[] {
  const rule = minimumDurationRuleFor(funding, startDate);
  const daysOnProgramme = daysBetween(startDate, gatewayDate);
  const unmet: { months?: number; days?: number; source: string }[] = [];
  if (gatewayDate < addMonths(startDate, rule.months)) unmet.push({ months: rule.months, source: rule.source });
  const policyDays = resolved.policy?.minimumDaysOnProgramme;
  if (policyDays && daysOnProgramme < policyDays.value) unmet.push({ days: policyDays.value, source: policyDays.source });
  if (unmet.length === 0) return [];
  const wording = unmet.map((u) => (u.months ? `${u.months} months` : `${u.days} days`)).join(' and ');
  return [
    {
      code: 'MIN_DURATION',
      message: `${daysOnProgramme} days on programme from ${startDate} to gateway on ${gatewayDate}: the minimum is ${wording}`,
      source: unmet.map((u) => u.source).join('; '),
      daysOnProgramme,
      required: unmet.map(({ source: _s, ...r }) => r),
    },
  ];
}

function englishAndMaths(resolved: Resolved, funding: FundingRules, request: GatewayRequest): Finding[] {
  const { englishMaths } = resolved.index.standard.gateway;
  const rule = englishMathsRuleOn(funding, request.programme.gatewayDate);
  const appliesTo = rule.appliesTo === 'standard' ? englishMaths.value.appliesTo : rule.appliesTo;
  const age = ageOn(request.apprentice.dateOfBirth, request.programme.startDate);
  // "Aged 16–18 at start": optional from the 19th birthday on (003, Readiness for end-point assessment).
  if (appliesTo === 'aged-16-18-at-start' && age > 18) return [];
  const source = rule.appliesTo === 'standard' ? englishMaths.source : `${rule.source}; level: ${englishMaths.source}`;
  const withEhcp = request.apprentice.ehcp && englishMaths.value.ehcpLevel !== undefined;
  const failures: Finding[] = [];
  for (const subject of ['english', 'maths'] as const) {
    const required = withEhcp ? (englishMaths.value.ehcpLevel as QualificationLevelT) : englishMaths.value[subject];
    const held = request.qualifications[subject];
    const met = held === 'bsl' ? subject === 'english' && englishMaths.value.bslForEnglish : held !== null && RANK[held] >= RANK[required];
    if (!met)
      failures.push({
        code: subject === 'english' ? 'ENGLISH_REQUIRED' : 'MATHS_REQUIRED',
        message: `${subject === 'english' ? 'English' : 'maths'} at ${LEVEL_NAME[required]} is required before gateway${held ? ` (held: ${held})` : ' (none recorded)'}`,
        source,
        required,
        held,
      });
  }
  return failures;
}

function portfolio(resolved: Resolved, request: GatewayRequest): Finding[] {
  const rule = resolved.index.standard.gateway.portfolio;
  if (!rule) return [];
  const failures: Finding[] = [];
  const pieces = request.portfolio?.pieces ?? [];
  // Source: 001 §5 professional discussion, "a minimum of 10 pieces of evidence to a maximum of 15".
  if (pieces.length < rule.value.min)
    failures.push({
      code: 'PORTFOLIO_TOO_FEW',
      message: `the portfolio has ${pieces.length} pieces; at least ${rule.value.min} are needed`,
      source: rule.source,
      pieces: pieces.length,
      min: rule.value.min,
    });
  if (pieces.length > rule.value.max)
    failures.push({
      code: 'PORTFOLIO_TOO_MANY',
      message: `the portfolio has ${pieces.length} pieces; at most ${rule.value.max} are allowed`,
      source: rule.source,
      pieces: pieces.length,
      max: rule.value.max,
    });
  const policy = resolved.policy?.portfolio;
  if (!policy) return failures;
  if (policy.everyKsbCovered?.value) {
    const uncovered = portfolioCoverage(resolved.index.standard, pieces)?.uncovered ?? [];
    if (uncovered.length > 0)
      failures.push({
        code: 'PORTFOLIO_KSB_UNCOVERED',
        message: `no portfolio piece covers ${uncovered.join(', ')}`,
        source: policy.everyKsbCovered.source,
        ksbs: uncovered,
      });
  }
  const documents = [
    ['mappingDocument', 'PORTFOLIO_MAPPING_MISSING', 'a mapping document'],
    ['employerValidation', 'PORTFOLIO_VALIDATION_MISSING', "the employer's validation statement"],
    ['authenticityDeclaration', 'PORTFOLIO_AUTHENTICITY_MISSING', 'a declaration of authenticity'],
  ] as const;
  for (const [field, code, name] of documents) {
    const required = policy[field];
    if (required?.value && request.portfolio?.[field] !== true)
      failures.push({ code, message: `the portfolio must come with ${name}`, source: required.source });
  }
  return failures;
}
