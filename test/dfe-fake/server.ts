// The fake Assessor Service over HTTP, as the External API's gateway and controllers behave
// (shared/interop/dfe-assessor-external-api.md, "Transport and identity", "Endpoints",
// "Corrections"): the subscription key header, the 120-a-minute sliding window (429 with
// Retry-After), 403 for a batch over 25 or a body that does not bind, 415 without JSON,
// 200 with per-item validationErrors, output without null, false or 0 members. Tests can
// make the next calls fail (failNext) and read every call received (requests).
import Fastify from 'fastify';
import type { Approval, Learner } from './rules.ts';
import { FakeAssessorService } from './service.ts';

export type FakeOptions = {
  subscriptionKey: string;
  approvals: Approval[];
  learners?: Learner[];
  now?: () => Date;
  rateLimit?: { calls: number; windowMs: number };
};
export type ReceivedCall = { method: string; path: string; body: unknown; subscriptionKey: string | undefined };

const BATCH_LIMIT = 25;

/** Newtonsoft's IgnoreAndPopulate: null, false, 0 and absent members are left out. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined && v !== false && v !== 0)
        .map(([k, v]) => [k, compact(v)]),
    );
  return value;
}

export async function startFakeAssessorService(options: FakeOptions) {
  const service = new FakeAssessorService(options.learners ?? [], options.approvals, options.now ?? (() => new Date()));
  const requests: ReceivedCall[] = [];
  const failures: number[] = [];
  const window = options.rateLimit ?? { calls: 120, windowMs: 60_000 };
  const calls: number[] = [];
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(null, Symbol.for('unbound'));
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const key = request.headers['ocp-apim-subscription-key'];
    requests.push({
      method: request.method,
      path: request.url.split('?')[0] as string,
      body: undefined,
      subscriptionKey: typeof key === 'string' ? key : undefined,
    });
    const now = Date.now();
    while (calls.length && (calls[0] as number) <= now - window.windowMs) calls.shift();
    if (calls.length >= window.calls) {
      const wait = Math.ceil(((calls[0] as number) + window.windowMs - now) / 1000);
      return reply
        .code(429)
        .header('Retry-After', String(wait))
        .send({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${wait} seconds.` });
    }
    calls.push(now);
    const failure = failures.shift();
    if (failure !== undefined) return reply.code(failure).header('Retry-After', '1').send({ statusCode: failure, message: 'injected failure' });
    if (key !== options.subscriptionKey)
      return reply
        .code(401)
        .send({ statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' });
  });
  app.addHook('preHandler', async (request, reply) => {
    const last = requests.at(-1);
    if (last) last.body = request.body;
    if ((request.method === 'POST' || request.method === 'PUT') && !String(request.headers['content-type'] ?? '').startsWith('application/json'))
      return reply.code(415).send({ statusCode: 415, message: 'Unsupported Media Type' });
  });

  const invalid = { statusCode: 403, message: 'Your request contains invalid input. Please check the request and try again.' };
  /** A batch endpoint: an array of objects, at most 25; each item answered in order. */
  const batch =
    (handle: (item: Record<string, unknown>) => { errors: string[]; [k: string]: unknown }, answer: (r: ReturnType<typeof handle>) => object) =>
    async (request: { body: unknown }, reply: { code(n: number): { send(b: unknown): unknown } }) => {
      const body = request.body;
      if (!Array.isArray(body) || body.some((i) => !i || typeof i !== 'object' || Array.isArray(i))) return reply.code(403).send(invalid);
      if (body.length > BATCH_LIMIT) return reply.code(403).send({ statusCode: 403, message: `Batch limited to ${BATCH_LIMIT} requests` });
      return reply.code(200).send(
        compact(
          body.map((item: Record<string, unknown>) => {
            const done = handle(item);
            return { requestId: item.requestId, ...answer(done), validationErrors: done.errors };
          }),
        ),
      );
    };
  const epaAnswer = (r: { errors: string[]; epaReference?: unknown }) => (r.errors.length ? {} : { epaReference: r.epaReference });
  const certAnswer = (r: { errors: string[]; certificate?: unknown }) => (r.errors.length ? {} : { certificate: r.certificate });
  app.post(
    '/api/v1/epa',
    batch((i) => service.createEpa(i), epaAnswer),
  );
  app.put(
    '/api/v1/epa',
    batch((i) => service.updateEpa(i), epaAnswer),
  );
  app.post(
    '/api/v1/certificate',
    batch((i) => service.createCertificate(i), certAnswer),
  );
  app.put(
    '/api/v1/certificate',
    batch((i) => service.createCertificate(i, true), certAnswer),
  );
  app.post(
    '/api/v1/certificate/submit',
    batch((i) => service.submit(i), certAnswer),
  );
  app.get('/api/v1/certificate/grades', async () => ['Pass', 'Credit', 'Merit', 'Distinction', 'Pass with excellence', 'Outstanding', 'No grade awarded']);

  type Path = { uln: string; familyName: string; standard: string };
  const lookup =
    (read: (uln: number, familyName: string, standard: string) => { errors: string[]; [k: string]: unknown }, field: string) =>
    async (request: { params: unknown }, reply: { code(n: number): { send(b?: unknown): unknown } }) => {
      const p = request.params as Path;
      if (!/^\d+$/.test(p.uln)) return reply.code(403).send(invalid);
      const found = read(Number(p.uln), decodeURIComponent(p.familyName), decodeURIComponent(p.standard));
      if (found.errors.length) return reply.code(403).send({ statusCode: 403, message: found.errors.join('; ') });
      if (!found[field]) return reply.code(204).send();
      return reply.code(200).send(compact(found[field]));
    };
  app.get(
    '/api/v1/certificate/:uln/:familyName/:standard',
    lookup((u, f, s) => service.certificateOf(u, f, s), 'certificate'),
  );
  app.get(
    '/api/v1/learner/:uln/:familyName/:standard',
    lookup((u, f, s) => service.learnerOf(u, f, s), 'learner'),
  );

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    service,
    requests,
    /** The next `times` calls answer `status` (a 429 or 5xx, with Retry-After: 1); 0 clears any left. */
    failNext(status: number, times = 1) {
      if (times === 0) failures.length = 0;
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () => app.close(),
  };
}
