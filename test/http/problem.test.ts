import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/app/errors.ts';
import { errorHandler, RETRY_AFTER_SECONDS, toProblem } from '../../src/http/problem.ts';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('problems for a database that is away', () => {
  it('maps every kind of lost connection to 503 DATABASE_UNAVAILABLE, and nothing else', () => {
    const lost = [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('ECONNRESET'),
      withCode('EPIPE'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P02'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new AppError(500, 'IMPORT_FAILED', 'nothing was imported'), { cause: withCode('57P01') }),
    ];
    for (const error of lost) expect([toProblem(error).status, toProblem(error).code], error.message).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect(toProblem(withCode('23505')).status).toBe(409);
    expect(toProblem(new TypeError('x')).status).toBe(500);
    expect(toProblem(new AppError(500, 'IMPORT_FAILED', 'nothing was imported')).code).toBe('IMPORT_FAILED');
  });

  it('answers 503 problem+json with Retry-After', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/lost', async () => {
      throw withCode('57P01', 'terminating connection due to administrator command');
    });
    const r = await app.inject({ method: 'GET', url: '/lost' });
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(r.json().code).toBe('DATABASE_UNAVAILABLE');
    await app.close();
  });
});
