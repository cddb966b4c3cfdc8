// A use-case's refusal: a stable code, an HTTP-shaped status and a human message, plus
// the rule findings behind it. Thrown inside a transaction so nothing is half-written,
// and turned into application/problem+json (or exit 2) by the adapters, which send the
// details as they are: a kind of error with details of its own is a subclass that types
// them, so a reader never guesses their shape.
import type { Finding } from '../domain/outcome.ts';
import type { CheckedWordCount } from '../domain/submissions/word-count.ts';
import { refusalOf } from './refusals/catalogue.ts';

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    // The catalogue decides a refusal's status, so a code passed on from the domain (a
    // lifecycle or plan problem) is answered as every other throw of it is.
    const catalogued = refusalOf(code);
    this.status = catalogued?.kind === 'refusal' && catalogued.status !== null ? catalogued.status : status;
    this.code = code;
    this.details = details;
  }
}

/** What a refusal by the rules carries: the findings behind it, and what a use-case adds to them. */
export type RefusalDetails = {
  findings: Finding[];
  /** Every finding's code, in the findings' order. */
  codes?: string[];
  /** What the rules warned of beside the refusal (a booking, a gateway submission). */
  warnings?: Finding[];
  /** The criteria an assessment was submitted without a judgement for. */
  criteria?: string[];
  /** A submission's words as counted, and the rule they were checked against. */
  wordCount?: number | null;
  words?: CheckedWordCount | null;
};

/** The rules engine said no (422): the request was well formed but breaks a rule. */
export class Refusal extends AppError {
  declare readonly details: RefusalDetails;

  constructor(code: string, message: string, details: RefusalDetails) {
    super(422, code, message, details);
  }
}

/** Too many attempts (429): the client waits this many seconds (Retry-After) before the next. */
export class Throttled extends AppError {
  declare readonly details: { retryAfterSeconds: number };

  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfterSeconds });
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) => new AppError(400, code, message, details);
export const unauthorised = (message = 'sign in first') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'your role may not do this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found`);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(409, code, message, details);
/** The rules engine said no: the request was well formed but breaks a rule. `codes`: every finding's code, so a client needs not read each finding to see them all. */
export const refused = (code: string, message: string, findings: Finding[], extra: Omit<RefusalDetails, 'findings' | 'codes'> = {}) =>
  new Refusal(code, message, { findings, ...(findings.length > 0 ? { codes: [...new Set(findings.map((f) => f.code))] } : {}), ...extra });

// Readers of the typed details, for adapters that show them: an error of another kind has none.

/** The findings behind a refusal; none for any other error. */
export const findingsOf = (error: AppError): Finding[] => (error instanceof Refusal ? error.details.findings : []);
/** The warnings a refusal carries beside its findings. */
export const warningsOf = (error: AppError): Finding[] => (error instanceof Refusal ? (error.details.warnings ?? []) : []);
/** The criteria left without a judgement (NOT_ALL_JUDGED). */
export const unjudgedOf = (error: AppError): string[] => (error instanceof Refusal ? (error.details.criteria ?? []) : []);
/** A refused submission's word count and its rule; null where no word rule applied. */
export const wordCountOf = (error: AppError): CheckedWordCount | null => (error instanceof Refusal ? (error.details.words ?? null) : null);
/** How long a throttled client waits, in seconds; null for any other error. */
export const retryAfterOf = (error: AppError): number | null => (error instanceof Throttled ? error.details.retryAfterSeconds : null);
