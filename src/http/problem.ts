// application/problem+json (RFC 9457) with a stable machine `code`, for every error.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from '../app/errors.ts';
import { isConnectionLoss } from '../store/connection-loss.ts';

/** Seconds a client is asked to wait (Retry-After) when the database is away: a restart takes a few. */
export const RETRY_AFTER_SECONDS = 5;

export type Problem = { type: string; title: string; status: number; code: string; detail: string; [extra: string]: unknown };

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Refused by the rules',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://capstone.invalid/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

/** Maps anything thrown by a handler to a problem; only the unexpected is a 500. */
export function toProblem(error: unknown): Problem {
  // Before AppError: a use-case may wrap a lost connection in its own 500 (the import does).
  if (isConnectionLoss(error)) return databaseUnavailable();
  if (error instanceof AppError) return problem(error.status, error.code, error.message, error.details);
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return problem(400, 'VALIDATION_FAILED', first ? `${first.path || 'body'}: ${first.message}` : 'the request is not valid', { issues });
  }
  const e = error as FastifyError & { part?: unknown };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return problem(413, 'TOO_LARGE', e.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', e.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'MALFORMED_JSON', e.message);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'BAD_CONTENT_LENGTH', e.message);
  }
  if (error instanceof SyntaxError) return problem(400, 'MALFORMED_JSON', error.message);
  // A uniqueness or exclusion constraint the use-case did not name: two requests raced, one lost.
  const pgCode = (error as { code?: string })?.code;
  if (pgCode === '23505' || pgCode === '23P01') return problem(409, 'CONFLICT', 'another change got there first: reload and try again');
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return problem(e.statusCode, e.code ?? 'BAD_REQUEST', e.message);
  return problem(500, 'INTERNAL', 'something went wrong on our side; it has been logged');
}

/** The database cannot be reached (a restart, a failover): the request did not commit, and a retry may succeed. */
export function databaseUnavailable(): Problem {
  return problem(503, 'DATABASE_UNAVAILABLE', 'the database is not answering: try again in a few seconds');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  if (p.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(p.status).type('application/problem+json').send(p);
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(error);
  // An outage is the database's, already reported by the pool: one line each, not a stack.
  if (p.code === 'DATABASE_UNAVAILABLE')
    request.log.warn({ code: (error as { code?: unknown })?.code, message: (error as Error)?.message }, 'database unavailable');
  else if (p.status >= 500) request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, p);
}
