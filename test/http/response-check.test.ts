import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docs } from '../../src/http/kit.ts';
import { checkResponsesAgainstSchemas, firstDifference } from '../../src/http/response-check.ts';

const Answer = z.object({ id: z.string(), count: z.number().int() });

async function appAnswering(body: unknown, check: boolean) {
  const app = Fastify();
  if (check) checkResponsesAgainstSchemas(app);
  app.get('/answer', { schema: docs({ summary: 'an answer', tags: ['test'], public: true, responses: { 200: Answer } }) }, async () => body);
  await app.ready();
  return app;
}

describe('responses serialised from their schema', () => {
  it('are on under test, so every API test checks its schemas', () => {
    expect(process.env.NODE_ENV).toBe('test');
  });

  it('leave out a field the schema does not name', async () => {
    const app = await appAnswering({ id: 'a', count: 2, passwordHash: 'x' }, false);
    const reply = await app.inject('/answer');
    expect(reply.json()).toEqual({ id: 'a', count: 2 });
  });

  it('fail, under test, when the schema would change the reply, naming the path', async () => {
    const app = await appAnswering({ id: 'a', count: 2, passwordHash: 'x' }, true);
    const reply = await app.inject('/answer');
    expect(reply.statusCode).toBe(500);
    expect(reply.json().message).toMatch(/GET \/answer: the response schema for 200 changes the reply at \$\.passwordHash/);
  });

  it('pass a reply the schema describes exactly', async () => {
    const app = await appAnswering({ id: 'a', count: 2 }, true);
    const reply = await app.inject('/answer');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ id: 'a', count: 2 });
  });

  it('name the first path that differs', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('$.a.1.b: sent 2, returned 3');
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeNull();
  });
});
