// A record's grades from its assessments: the latest submitted attempt of each method,
// judgements turned into the engine's request, the IQA's changed grades applied, the cap.
// The rules are the engine's (src/domain/grading); this only gathers the facts.

import { countedAttempt } from '../domain/appeals/reassessment.ts';
import { combineMethodGrades } from '../domain/grading/combine.ts';
import { gradeEpa } from '../domain/grading/grade-epa.ts';
import type { GradeRequest } from '../domain/grading/input.ts';
import type { MethodResult } from '../domain/grading/method-grade.ts';
import type { OverallGrade } from '../domain/grading/overall-grade.ts';
import type { StandardIndex } from '../domain/standards/catalogue.ts';
import type { Db } from '../store/database.ts';
import { submittedAssessments } from '../store/repositories/assessments.repository.ts';
import { appealReassessmentAttempts } from '../store/repositories/reattempts.repository.ts';
import type { Grade, Judgements } from '../store/schema.ts';

export type AssessmentFacts = {
  id: string;
  method: string;
  attempt: number;
  judgements: Judgements;
  moderationStatus: string | null;
  moderatedGrade: Grade | null;
  /** The IQA's reason, where moderation changed the grade. */
  moderationReason?: string | null;
  endedAt: Date | string | null;
  assessorUserId: string;
  /** The attempt as the re-sit rules count it (an appeal's re-assessment replaces the flawed attempt); set by latestAssessments. */
  countedAttempt?: number;
};

export type RecordGrades = {
  methods: Record<string, MethodResult & { moderatedGrade: Grade | null }>;
  grades: Record<string, Grade>;
  missing: string[];
  overall: OverallGrade;
  capped: boolean;
  latest: Map<string, AssessmentFacts>;
};

/**
 * The latest submitted attempt of each method of a record (plus a draft being submitted),
 * or, with `submittedBy`, as it stood then (what a released result graded).
 */
export async function latestAssessments(
  db: Db,
  recordId: string,
  including?: AssessmentFacts,
  submittedBy?: Date | string,
): Promise<Map<string, AssessmentFacts>> {
  const [rows, reassessed] = await Promise.all([
    submittedAssessments(db, recordId, submittedBy === undefined ? undefined : new Date(submittedBy)),
    appealReassessmentAttempts(db, recordId),
  ]);
  const latest = new Map<string, AssessmentFacts>();
  for (const row of rows) latest.set(row.method, row as AssessmentFacts);
  if (including) {
    const current = latest.get(including.method);
    if (!current || current.attempt <= including.attempt) latest.set(including.method, including);
  }
  for (const [method, facts] of latest) latest.set(method, { ...facts, countedAttempt: countedAttempt(method, facts.attempt, reassessed) });
  return latest;
}

/** The engine's request from judgements: met, not evidenced (for carry-over) and the attempt. */
export function gradeRequest(
  index: StandardIndex,
  latest: Map<string, AssessmentFacts>,
  channel: GradeRequest['context']['channel'],
  exceptional: boolean,
): GradeRequest {
  const methods: GradeRequest['methods'] = {};
  for (const [method, a] of latest) {
    const met: string[] = [];
    const notEvidenced: string[] = [];
    for (const [id, j] of Object.entries(a.judgements)) {
      if (!index.criteria.has(id)) continue;
      if (j.judgement === 'met') met.push(id);
      else if (j.judgement === 'not-evidenced' && index.criteria.get(id)?.method.id === method) notEvidenced.push(id);
    }
    methods[method] = { met, notEvidenced, attempt: a.countedAttempt ?? a.attempt };
  }
  return { standard: index.standard.id, exceptionalCircumstances: exceptional, context: { channel: channel ?? undefined }, methods };
}

export function gradeRecord(
  index: StandardIndex,
  latest: Map<string, AssessmentFacts>,
  channel: GradeRequest['context']['channel'],
  exceptional: boolean,
): RecordGrades {
  // Method grades as judged, before any cap: the cap is applied once, below, to the decided grades.
  const outcome = gradeEpa(index, gradeRequest(index, latest, channel, true));
  if (!outcome.ok) throw new Error(`stored judgements no longer grade: ${outcome.problem.message}`);
  // The IQA's changed grade is the method's grade (001, IQA: decisions confirmed after moderation).
  const decided: Record<string, Grade> = {};
  for (const [method, result] of Object.entries(outcome.value.methods)) {
    const facts = latest.get(method);
    decided[method] = facts?.moderationStatus === 'changed' && facts.moderatedGrade ? facts.moderatedGrade : result.grade;
  }
  const cap = exceptional ? null : index.standard.reassessment.cap.value;
  const attempts = new Map([...latest].map(([method, a]) => [method, a.countedAttempt ?? a.attempt]));
  const combined = combineMethodGrades(
    index.standard.methods.map((m) => m.id),
    decided,
    attempts,
    cap,
  );
  const methods: RecordGrades['methods'] = {};
  for (const [method, result] of Object.entries(outcome.value.methods))
    methods[method] = { ...result, grade: combined.grades[method] as Grade, moderatedGrade: latest.get(method)?.moderatedGrade ?? null };
  const grades = combined.grades as Record<string, Grade>;
  const overall = combined.overall;
  const capped = combined.capped;
  return { methods, grades, missing: combined.missing, overall, capped, latest };
}
