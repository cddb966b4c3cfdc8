// The fake Assessor Service External API over HTTP (shared/interop/dfe-assessor-external-api.md):
// the gateway first (Transport and identity: the Ocp-Apim-Subscription-Key header → 401, the sliding-window
// rate limit → 429 with Retry-After, the UKPRN → 400), then the controllers (Endpoints: everything under
// /api/v1; batches ≤ 25 answered 200 item by item; a body that does not bind → 403; Corrections: no JSON
// content type → 415; output without null, false or 0 members). Tests can make the next calls fail
// (failNext) and read every call received (requests).
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BindError, bindCertificates, bindEpaCreate, bindEpaUpdate, bindPathUln, bindSubmits } from './bind.ts';
import { BatchFailure, FakeAssessorService } from './service.ts';
import type { LearnerInput, Standard } from './types.ts';

export type FakeAssessorOptions = {
  subscriptionKey: string;
  /** The UKPRN APIM passes for the subscription (default the sandbox's 99999999); not 8 digits → every call 400. */
  ukprn?: string;
  approvals: Standard[];
  /** Standards the EPAO is not approved for (so a request can name one). */
  catalogue?: Standard[];
  learners?: LearnerInput[];
  now?: () => Date;
  rateLimit?: { calls: number; windowMs: number };
};
export type ReceivedRequest = {
  method: string;
  path: string;
  query: string;
  /** Every header received except the subscription key, which is kept apart in `subscriptionKeySent`. */
  headers: Record<string, string>;
  subscriptionKeySent: string | undefined;
  /** The body parsed as JSON, or its text when it is not JSON; undefined without one. */
  body: unknown;
  /** The status answered. */
  status?: number;
};
export type FakeAssessorServer = {
  url: string;
  service: FakeAssessorService;
  /** The next `times` calls answer `status` before anything else is checked; 429 and 503 carry Retry-After (default 1 s). */
  failNext(status: number, times?: number, options?: { retryAfterSeconds?: number }): void;
  requests: ReceivedRequest[];
  close(): Promise<void>;
};

const KEY_HEADER = 'ocp-apim-subscription-key';
const BATCH_LIMIT = 25;
// Transport and identity: "Your request contains invalid input…" (the rest of the sentence is not in the summary).
const INVALID_INPUT = { statusCode: 403, message: 'Your request contains invalid input. Please check the request and try again.' };

/** Corrections: output omits null, false and 0 members (Newtonsoft DefaultValueHandling.IgnoreAndPopulate). */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (!value || typeof value !== 'object') return value;
  const kept = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== false && v !== 0);
  return Object.fromEntries(kept.map(([k, v]) => [k, compact(v)]));
}

/** Corrections: "a body without a JSON content type → 415" (ASP.NET's JSON media types). */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type === 'text/json' || /^application\/[\w.-]+\+json$/.test(type);
}

/** Transport and identity: 120 calls per 60 s, a sliding window; answers the seconds to wait, or 0 to go ahead. */
function slidingWindow(limit: { calls: number; windowMs: number }) {
  const times: number[] = [];
  return (now = Date.now()) => {
    while (times.length && (times[0] as number) <= now - limit.windowMs) times.shift();
    if (times.length >= limit.calls) return Math.max(1, Math.ceil(((times[0] as number) + limit.windowMs - now) / 1000));
    times.push(now);
    return 0;
  };
}

const rateLimited = (seconds: number) => ({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` });

function logEntry(request: FastifyRequest): ReceivedRequest {
  const [path = '', query = ''] = request.url.split('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (name !== KEY_HEADER && value !== undefined) headers[name] = String(value);
  const key = request.headers[KEY_HEADER];
  let body: unknown = request.body;
  if (typeof body === 'string')
    try {
      body = JSON.parse(body);
    } catch {
      // kept as text
    }
  return { method: request.method, path, query, headers, subscriptionKeySent: Array.isArray(key) ? key.join(',') : key, body };
}

type Batch = (items: never[]) => unknown[];
/** Endpoints: a batch endpoint — JSON, binds, at most 25 items, then 200 with one answer per item. */
function batchRoute(bind: (body: unknown) => unknown[], run: Batch) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isJson(request.headers['content-type'])) return reply.code(415).send({ statusCode: 415, message: 'Unsupported Media Type' }); // wording not in the summary
    let items: unknown[];
    try {
      items = bind(typeof request.body === 'string' ? JSON.parse(request.body) : undefined);
    } catch (e) {
      if (e instanceof SyntaxError || e instanceof BindError) return reply.code(403).send(INVALID_INPUT);
      throw e;
    }
    if (items.length > BATCH_LIMIT) return reply.code(403).send({ statusCode: 403, message: `Batch limited to ${BATCH_LIMIT} requests` });
    try {
      return reply.code(200).send(compact(run(items as never[])));
    } catch (e) {
      if (e instanceof BatchFailure) return reply.code(500).send({ statusCode: 500, message: 'An error has occurred.' }); // wording not in the summary
      throw e;
    }
  };
}

type PathParams = { uln: string; familyName: string; standard: string; reference?: string };
type Found = { errors: string[]; value?: unknown };
/** Endpoints: the GET and DELETE routes keyed by ULN, family name and standard — 403 with the `; `-joined messages. */
function pathRoute(run: (uln: number, familyName: string, standard: string, reference: string) => Found) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as PathParams;
    let uln: number;
    try {
      uln = bindPathUln(p.uln);
    } catch {
      return reply.code(403).send(INVALID_INPUT);
    }
    const found = run(uln, p.familyName, p.standard, p.reference ?? '');
    if (found.errors.length) return reply.code(403).send({ statusCode: 403, message: found.errors.join('; ') });
    if (found.value === undefined || found.value === null) return reply.code(204).send();
    return reply.code(200).send(compact(found.value));
  };
}

type Failure = { status: number; retryAfterSeconds?: number };
type Gate = { subscriptionKey: string; ukprnValid: boolean; failures: Failure[]; rateLimit: () => number; log: (request: FastifyRequest) => ReceivedRequest };

/** The gateway, in APIM's order: injected failures (tests), the key, the rate limit, the UKPRN note. */
function gateway(gate: Gate) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const entry = gate.log(request);
    const failure = gate.failures.shift();
    if (failure) {
      const wait = failure.retryAfterSeconds ?? (failure.status === 429 || failure.status === 503 ? 1 : undefined);
      if (wait !== undefined) reply.header('Retry-After', String(wait));
      const body = failure.status === 429 ? rateLimited(wait ?? 1) : { statusCode: failure.status, message: 'Failure injected by the test' };
      return reply.code(failure.status).send(body);
    }
    const key = entry.subscriptionKeySent;
    if (key !== gate.subscriptionKey) {
      // APIM's own wording; not in the summary.
      const message = key
        ? 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.'
        : 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
      return reply.code(401).send({ statusCode: 401, message });
    }
    const wait = gate.rateLimit();
    if (wait) return reply.code(429).header('Retry-After', String(wait)).send(rateLimited(wait));
    if (!gate.ukprnValid) return reply.code(400).send({ statusCode: 400, message: 'A UKPRN of 8 digits is required' }); // wording not in the summary
  };
}

/** Endpoints: everything under /api/v1 (`{standard}` the LARS code or the IfATE reference). */
function routes(app: FastifyInstance, service: FakeAssessorService) {
  const v1 = '/api/v1';
  app.get(
    `${v1}/learner/:uln/:familyName/:standard`,
    pathRoute((u, f, s) => service.getLearner(u, f, s)),
  );
  app.post(
    `${v1}/epa`,
    batchRoute(bindEpaCreate, (items) => service.createEpas(items)),
  );
  app.put(
    `${v1}/epa`,
    batchRoute(bindEpaUpdate, (items) => service.updateEpas(items)),
  );
  app.delete(
    `${v1}/epa/:uln/:familyName/:standard/:reference`,
    pathRoute((u, f, s, r) => service.deleteEpa(u, f, s, r)),
  );
  app.get(`${v1}/certificate/grades`, async () => service.grades());
  app.get(
    `${v1}/certificate/:uln/:familyName/:standard`,
    pathRoute((u, f, s) => service.getCertificate(u, f, s)),
  );
  app.post(
    `${v1}/certificate`,
    batchRoute(bindCertificates, (items) => service.createCertificates(items)),
  );
  app.put(
    `${v1}/certificate`,
    batchRoute(bindCertificates, (items) => service.updateCertificates(items)),
  );
  app.post(
    `${v1}/certificate/submit`,
    batchRoute(bindSubmits, (items) => service.submitCertificates(items)),
  );
  app.delete(
    `${v1}/certificate/:uln/:familyName/:standard/:reference`,
    pathRoute((u, f, s, r) => service.deleteCertificate(u, f, s, r)),
  );
}

/** Starts the fake on 127.0.0.1, a free port. */
export async function startFakeAssessorService(options: FakeAssessorOptions): Promise<FakeAssessorServer> {
  const ukprn = options.ukprn ?? '99999999';
  const ukprnValid = /^\d{8}$/.test(ukprn) && Number(ukprn) >= 10_000_000;
  const service = new FakeAssessorService({ ...options, ukprn: ukprnValid ? Number(ukprn) : 0 });
  const requests: ReceivedRequest[] = [];
  const entries = new WeakMap<FastifyRequest, ReceivedRequest>();
  const failures: Failure[] = [];
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const log = (request: FastifyRequest) => {
    const entry = logEntry(request);
    requests.push(entry);
    entries.set(request, entry);
    return entry;
  };
  const rateLimit = slidingWindow(options.rateLimit ?? { calls: 120, windowMs: 60_000 });
  app.addHook('preHandler', gateway({ subscriptionKey: options.subscriptionKey, ukprnValid, failures, rateLimit, log }));
  app.addHook('onSend', async (request, reply) => {
    const entry = entries.get(request);
    if (entry) entry.status = reply.statusCode;
  });
  routes(app, service);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    service,
    requests,
    failNext(status, times = 1, o = {}) {
      for (let i = 0; i < times; i++) failures.push({ status, retryAfterSeconds: o.retryAfterSeconds });
    },
    close: () => app.close(),
  };
}
