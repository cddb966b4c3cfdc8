// The OpenAPI document lists, for each operation, the error responses it can give, written
// from the catalogue of codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSALS } from '../../src/app/refusals/catalogue.ts';
import { createTestApp, type TestApp } from './harness.ts';

type Responses = Record<string, { description: string; content?: Record<string, unknown> }>;
type Spec = { paths: Record<string, Record<string, { responses: Responses }>> };

describe('error responses in the OpenAPI document', () => {
  let t: TestApp;
  let spec: Spec;
  beforeAll(async () => {
    t = await createTestApp();
    spec = (await t.request('GET', '/api/docs/json')).json();
  }, 60_000);
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, responses: op.responses })));
  const codesIn = (r: Responses | undefined, status: string) => [...(r?.[status]?.description ?? '').matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]);

  it('gives every operation its problem+json error responses, by status', () => {
    expect(operations().length).toBeGreaterThan(40);
    for (const op of operations()) {
      expect(Object.keys(op.responses), `${op.method} ${op.path}`).toEqual(expect.arrayContaining(['400', '500', '503']));
      expect(op.responses['400']?.content, `${op.method} ${op.path}`).toHaveProperty(['application/problem+json']);
    }
  });

  it('gives every operation a success response that describes what it sends', () => {
    for (const op of operations()) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
      for (const [status, response] of success) {
        const described = status === '204' || Object.keys(response.content ?? {}).length > 0;
        expect(described, `${op.method} ${op.path} ${status}`).toBe(true);
      }
    }
    const record = spec.paths['/api/v1/records/{id}']?.get?.responses['200']?.content?.['application/json'] as {
      schema: { properties: Record<string, unknown> };
    };
    expect(Object.keys(record.schema.properties)).toEqual(expect.arrayContaining(['id', 'version', 'status', 'apprentice', 'warnings']));
  });

  it('names only catalogued codes, each under its own status', () => {
    for (const op of operations())
      for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400))
        for (const code of codesIn(op.responses, status)) expect(REFUSALS.get(code as string)?.status, `${op.method} ${op.path} ${code}`).toBe(Number(status));
  });

  it('lists the rules an operation can refuse with: a late rework on a submission, a policy on a registration', () => {
    const submissions = spec.paths['/api/v1/records/{id}/submissions']?.post?.responses;
    expect(codesIn(submissions, '422')).toEqual(expect.arrayContaining(['REWORK_AFTER_DEADLINE', 'WORD_COUNT_TOO_LOW', 'PROJECT_AFTER_DEADLINE']));
    const register = spec.paths['/api/v1/records']?.post?.responses;
    expect(codesIn(register, '422')).toEqual(expect.arrayContaining(['ULN_INVALID', 'POLICY_NOT_FOR_STANDARD']));
    expect(codesIn(register, '409')).toContain('DUPLICATE_REGISTRATION');
    expect(codesIn(spec.paths['/api/v1/records/{id}']?.get?.responses, '404')).toEqual(['NOT_FOUND']);
    expect(spec.paths['/api/v1/records/{id}']?.get?.responses['422']).toBeUndefined();
  });
});
