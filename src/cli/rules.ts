// The rule commands: each parses its request, resolves the standard (and policy), asks
// the domain and prints the outcome. No rule is decided here.
import { checkGateway } from '../domain/gateway/eligibility.ts';
import { GatewayInput } from '../domain/gateway/input.ts';
import { gradeEpa } from '../domain/grading/grade-epa.ts';
import { GradeInput } from '../domain/grading/input.ts';
import { checkPlan, needsWorkingDays } from '../domain/planning/booking-check.ts';
import { PlanCheckInput, PlanInput } from '../domain/planning/input.ts';
import { planEpa } from '../domain/planning/window.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import { catalogue } from '../standards/load.ts';
import { EXIT, json, type Output, parseRequest, unwrap } from './io.ts';

export function grade(text: string): Output {
  const request = parseRequest(text, GradeInput);
  const { index } = unwrap(resolve(catalogue(), request.standard, null));
  const outcome = unwrap(gradeEpa(index, request));
  const passed = outcome.overall === 'pass' || outcome.overall === 'distinction';
  return json(outcome, passed ? EXIT.yes : EXIT.no);
}

export function gatewayCheck(text: string): Output {
  const request = parseRequest(text, GatewayInput);
  const data = catalogue();
  const resolved = unwrap(resolve(data, request.standard, request.policy));
  const outcome = unwrap(checkGateway(resolved, data.fundingRules, request));
  return json(outcome, outcome.eligible ? EXIT.yes : EXIT.no);
}

export function plan(text: string): Output {
  const request = parseRequest(text, PlanInput);
  const resolved = unwrap(resolve(catalogue(), request.standard, request.policy));
  return json(planEpa(resolved, request.gatewayApproved), EXIT.yes);
}

export async function planCheck(text: string): Promise<Output> {
  const request = parseRequest(text, PlanCheckInput);
  const resolved = unwrap(resolve(catalogue(), request.standard, request.policy));
  // The holiday library is loaded only when a policy counts working days (CLI start-up).
  const holidays = needsWorkingDays(resolved) ? (await import('../domain/calendar/bank-holidays.ts')).englandAndWalesBankHolidays() : null;
  const outcome = unwrap(checkPlan(resolved, request, holidays));
  return json(outcome, outcome.ok ? EXIT.yes : EXIT.no);
}
