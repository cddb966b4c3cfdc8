// Grades a whole EPA: each method, carry-over, the re-sit/re-take cap and the overall grade.

import { ok, problem, type Result } from '../outcome.ts';
import type { StandardIndex } from '../standards/catalogue.ts';
import type { GradeT } from '../standards/schema.ts';
import type { GradeRequest } from './input.ts';
import { appliesTo, gradeMethod, type MethodResult } from './method-grade.ts';
import { capGrade, type OverallGrade, overallGrade } from './overall-grade.ts';

export type GradeOutcome = {
  methods: Record<string, MethodResult>;
  missing: string[];
  overall: OverallGrade;
  capped: boolean;
};

/** Checks every id in the request against the standard before anything is graded. */
function checkRequest(index: StandardIndex, request: GradeRequest): Result<null> {
  const { standard } = index;
  if (standard.channels && request.context.channel === undefined)
    return problem('CHANNEL_REQUIRED', `${standard.id} grades by channel: context.channel must be one of ${standard.channels.value.join(', ')}`);
  for (const [methodId, judgements] of Object.entries(request.methods)) {
    const method = index.methods.get(methodId);
    if (!method) return problem('UNKNOWN_METHOD', `${standard.id} has no method "${methodId}" (methods: ${[...index.methods.keys()].join(', ')})`);
    for (const [list, ids] of [
      ['met', judgements.met],
      ['notEvidenced', judgements.notEvidenced],
    ] as const) {
      for (const id of ids) {
        const found = index.criteria.get(id);
        if (!found) return problem('UNKNOWN_CRITERION', `${standard.id} has no criterion "${id}" (listed in ${methodId}.${list})`);
        // An observation criterion may be listed as met in the method it carries over to (ST0072).
        const carried = list === 'met' && found.criterion.carryOverTo === methodId;
        if (found.method.id !== methodId && !carried)
          return problem('CRITERION_WRONG_METHOD', `criterion "${id}" belongs to ${found.method.id}, not ${methodId} (listed in ${methodId}.${list})`);
      }
    }
    const met = new Set(judgements.met);
    const both = judgements.notEvidenced.find((id) => met.has(id));
    if (both !== undefined) return problem('CONFLICTING_JUDGEMENT', `criterion "${both}" is listed as both met and not evidenced in ${methodId}`);
  }
  return ok(null);
}

export function gradeEpa(index: StandardIndex, request: GradeRequest): Result<GradeOutcome> {
  const checked = checkRequest(index, request);
  if (!checked.ok) return checked;
  const { standard } = index;
  const channel = standard.channels ? request.context.channel : undefined;
  // Source: 001 §8 "The maximum grade awarded to a re-sit will be pass, unless the EPAO
  // identifies exceptional circumstances"; 003 sets no cap (cap: null in its data).
  const cap = request.exceptionalCircumstances ? null : standard.reassessment.cap.value;

  const methods: Record<string, MethodResult> = {};
  const grades: GradeT[] = [];
  const missing: string[] = [];
  let capped = false;
  let reattempted = false;

  for (const method of standard.methods) {
    const judgements = request.methods[method.id];
    if (!judgements) {
      missing.push(method.id);
      continue;
    }
    const met = new Set<string>();
    const carriedOver: string[] = [];
    for (const id of judgements.met) if (index.criteria.get(id)?.method.id === method.id) met.add(id);
    // Source: 003_16fb56b024b0b0ad.txt, Practical observation: criteria not evidenced because no
    // situation arose may be met in the professional discussion; not those attempted and failed.
    for (const id of judgements.notEvidenced) {
      const criterion = index.criteria.get(id)?.criterion;
      const target = criterion?.carryOverTo;
      // A criterion outside the apprentice's channel is ignored, carried or not.
      if (criterion && target && appliesTo(criterion, channel) && request.methods[target]?.met.includes(id)) {
        met.add(id);
        carriedOver.push(id);
      }
    }
    const result = gradeMethod(method, met, channel, carriedOver);
    if (judgements.attempt >= 2) {
      reattempted = true;
      if (cap) {
        const lowered = capGrade(result.grade, cap);
        if (lowered !== result.grade) {
          capped = true;
          result.grade = lowered;
        }
      }
    }
    methods[method.id] = result;
    grades.push(result.grade);
  }

  let overall = overallGrade(grades, missing);
  if (reattempted && cap) {
    const lowered = capGrade(overall, cap);
    if (lowered !== overall) {
      capped = true;
      overall = lowered;
    }
  }
  return ok({ methods, missing, overall, capped });
}
