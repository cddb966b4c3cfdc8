// A use-case's refusal: a stable code, an HTTP-shaped status and a human message, plus
// the rule findings behind it. Thrown inside a transaction so nothing is half-written,
// and turned into application/problem+json (or exit 2) by the adapters.
import type { Finding } from '../domain/outcome.ts';

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) => new AppError(400, code, message, details);
export const unauthorised = (message = 'sign in first') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'your role may not do this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found`);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(409, code, message, details);
/** The rules engine said no: the request was well formed but breaks a rule. `codes`: every finding's code, so a client needs not read each finding to see them all. */
export const refused = (code: string, message: string, findings: Finding[], extra: Record<string, unknown> = {}) =>
  new AppError(422, code, message, { findings, ...(findings.length > 0 ? { codes: [...new Set(findings.map((f) => f.code))] } : {}), ...extra });
