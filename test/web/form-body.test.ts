import formbody from '@fastify/formbody';
import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { formBody, many, multipartBody, one } from '../../src/web/journeys/kit.ts';

const sent = (body: unknown) => ({ body, url: '/x' }) as unknown as FastifyRequest;

describe('a form body, read without a cast', () => {
  it('reads a urlencoded form: texts and repeated texts', () => {
    // As @fastify/formbody's parser builds it: an object whose prototype is a bare object.
    const fields = Object.assign(Object.create(Object.create(null)), { name: 'Ada', standards: ['ST0071@1.2', 'ST0072@1.0'], _csrf: 't' });
    const body = formBody(sent(fields));
    expect(body).toEqual({ name: 'Ada', standards: ['ST0071@1.2', 'ST0072@1.0'], _csrf: 't' });
    expect(one(body, 'name')).toBe('Ada');
    expect(one(body, 'standards')).toBe('ST0071@1.2');
    expect(many(body, 'standards')).toEqual(['ST0071@1.2', 'ST0072@1.0']);
    expect(one(body, 'missing')).toBe('');
  });

  it('reads the body @fastify/formbody parses, as the pages get it', async () => {
    const app = Fastify();
    await app.register(formbody);
    app.post('/form', async (request) => ({ body: formBody(request) ?? null }));
    const sent = await app.inject({
      method: 'POST',
      url: '/form',
      payload: 'name=Ada&standards=ST0071%401.2&standards=ST0072%401.0&_csrf=t',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(sent.json()).toEqual({ body: { name: 'Ada', standards: ['ST0071@1.2', 'ST0072@1.0'], _csrf: 't' } });
    await app.close();
  });

  it('leaves out a field that holds anything but text (a JSON body sent to a page)', () => {
    const body = formBody(sent({ version: 3, nested: { a: 'b' }, list: ['a', 2], flag: true, none: null, reason: 'moved' }));
    expect(body).toEqual({ reason: 'moved' });
    expect(one(body, 'version')).toBe('');
    expect(many(body, 'list')).toEqual([]);
  });

  it('reads no form from a body that is not a plain object', () => {
    for (const body of [undefined, null, 'name=Ada', ['a'], 42, new Map([['name', 'Ada']]), Buffer.from('x')]) expect(formBody(sent(body))).toBeUndefined();
  });

  it("keeps a multipart body's token, where the pages' CSRF check looks for it", () => {
    const body = formBody(sent({ _csrf: 't', fields: { purpose: 'portfolio-piece' }, repeated: {}, file: null, problem: null }));
    expect(body).toEqual({ _csrf: 't' });
  });

  it('refuses to read a multipart form the route did not read first', () => {
    expect(() => multipartBody(sent({}))).toThrow(/was not read before the handler/);
  });
});
