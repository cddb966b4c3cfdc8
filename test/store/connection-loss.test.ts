import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/app/errors.ts';
import { isConnectionLoss } from '../../src/store/connection-loss.ts';

/** An error as pg gives it: a message and a code (a socket errno or a SQLSTATE). */
const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isConnectionLoss', () => {
  it('knows the socket errors of a server that is down or unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
      expect(isConnectionLoss(withCode(code)), code).toBe(true);
  });

  it('knows the SQLSTATEs of a server that ends or refuses sessions, and all of class 08', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004', '08007', '08P01'])
      expect(isConnectionLoss(withCode(code)), code).toBe(true);
  });

  it("knows pg's and pg-pool's messages for a lost or timed-out connection", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated',
      'timeout exceeded when trying to connect',
      'timeout expired',
      'Client has encountered a connection error and is not queryable',
    ])
      expect(isConnectionLoss(new Error(message)), message).toBe(true);
  });

  it('looks inside a wrapped error and an AggregateError (one error per address tried)', () => {
    const wrapped = new AppError(500, 'IMPORT_FAILED', 'nothing was imported');
    wrapped.cause = withCode('57P01', 'terminating connection due to administrator command');
    expect(isConnectionLoss(wrapped)).toBe(true);
    expect(isConnectionLoss(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'))).toBe(true);
  });

  it('leaves everything else alone: a bad query, a constraint, a rule, a programming error', () => {
    for (const error of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('23P01'),
      withCode('22P02', 'invalid input syntax for type uuid'),
      withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      withCode('57014', 'canceling statement due to statement timeout'),
      withCode('40001', 'could not serialize access'),
      withCode('FST_ERR_CTP_INVALID_JSON_BODY'),
      new AppError(409, 'CONFLICT', 'Connection terminated unexpectedly, said the user'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('Cannot use a pool after calling end on the pool'),
      null,
      undefined,
      'ECONNREFUSED',
      { code: 57 },
    ])
      expect(isConnectionLoss(error), String((error as Error)?.message ?? error)).toBe(false);
  });

  it('does not loop on an error that causes itself', () => {
    const e = new Error('x') as Error & { cause?: unknown };
    e.cause = e;
    expect(isConnectionLoss(e)).toBe(false);
  });
});
