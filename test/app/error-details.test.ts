import { describe, expect, it } from 'vitest';
import {
  AppError,
  badRequest,
  conflict,
  findingsOf,
  Refusal,
  refused,
  retryAfterOf,
  Throttled,
  unjudgedOf,
  warningsOf,
  wordCountOf,
} from '../../src/app/errors.ts';
import type { Finding } from '../../src/domain/outcome.ts';
import { toProblem } from '../../src/http/problem.ts';

const finding: Finding = { code: 'VENUE_REQUIRED', message: 'a venue is needed', source: 'Assessment plan §3' };
const warning: Finding = { code: 'ASSESSOR_BUSY_THAT_WEEK', message: 'three bookings that week', source: 'EPAO policy' };
const words = { counted: 2900, total: 3100, annexes: null, rule: { min: 2250, max: 2750, source: 'Assessment plan §5' } };

describe("an error's details, read by their type", () => {
  it('reads the findings, warnings, unjudged criteria and word count a refusal carries', () => {
    const booking = refused('REMOTE_NOT_ALLOWED', 'not remotely', [finding], { warnings: [warning] });
    expect(booking).toBeInstanceOf(Refusal);
    expect(booking).toBeInstanceOf(AppError);
    expect(booking.status).toBe(422);
    expect(findingsOf(booking)).toEqual([finding]);
    expect(warningsOf(booking)).toEqual([warning]);
    expect(unjudgedOf(refused('NOT_ALL_JUDGED', 'judge them all', [], { criteria: ['K1', 'S2'] }))).toEqual(['K1', 'S2']);
    expect(wordCountOf(refused('WORD_COUNT_OVER', 'too long', [finding], { wordCount: 2900, words }))).toEqual(words);
  });

  it('reads nothing from an error of another kind, whatever its details hold', () => {
    const lookalike = new AppError(422, 'X', 'not a refusal', { findings: [finding], warnings: [warning], criteria: ['K1'], words, retryAfterSeconds: 5 });
    for (const error of [lookalike, badRequest('UNKNOWN_KSB', 'no such KSB', { ksbs: ['K99'] }), conflict('STALE_VERSION', 'changed')]) {
      expect(findingsOf(error)).toEqual([]);
      expect(warningsOf(error)).toEqual([]);
      expect(unjudgedOf(error)).toEqual([]);
      expect(wordCountOf(error)).toBeNull();
      expect(retryAfterOf(error)).toBeNull();
    }
    expect(warningsOf(refused('REMOTE_NOT_ALLOWED', 'not remotely', [finding]))).toEqual([]);
    expect(wordCountOf(refused('SESSION_TIMES_MISSING', 'record the times', []))).toBeNull();
  });

  it("reads a throttle's wait", () => {
    const throttled = new Throttled('TOO_MANY_ATTEMPTS', 'wait', 120);
    expect(throttled.status).toBe(429);
    expect(retryAfterOf(throttled)).toBe(120);
  });

  it('sends the details in problem+json as they were given, in their order', () => {
    const body = (error: AppError) => JSON.stringify(toProblem(error));
    expect(body(refused('WORD_COUNT_OVER', 'too long', [finding], { wordCount: 2900, words }))).toBe(
      JSON.stringify({
        type: 'https://capstone.invalid/problems/word-count-over',
        title: 'Refused by the rules',
        status: 422,
        code: 'WORD_COUNT_OVER',
        detail: 'too long',
        findings: [finding],
        codes: [finding.code],
        wordCount: 2900,
        words,
      }),
    );
    expect(toProblem(new Throttled('TOO_MANY_ATTEMPTS', 'wait', 120))).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 120 });
  });
});
