// Funding rules change over time; the engine picks the rule in force by date (the
// published Apprenticeship funding rules for each year):
// English and maths by the gateway date, the minimum duration by the start date.
import type { IsoDate } from '../calendar/dates.ts';
import type { FundingRules } from '../standards/schema.ts';

function inForce<R extends { from: IsoDate }>(rules: readonly R[], on: IsoDate): R {
  let chosen = rules[0] as R;
  for (const rule of rules) if (rule.from <= on) chosen = rule;
  return chosen;
}

export function englishMathsRuleOn(rules: FundingRules, gatewayDate: IsoDate) {
  return inForce(rules.englishMaths, gatewayDate);
}

export function minimumDurationRuleFor(rules: FundingRules, startDate: IsoDate) {
  return inForce(rules.minimumDuration, startDate);
}
