// The error responses each operation documents in the OpenAPI document, written from the
// catalogue of codes (src/app/refusals/catalogue.ts). Every operation can answer the
// request's own refusals (malformed, too deep, who you are, not found, the database away);
// a change can also answer its area's refusals, by the operation's tag. The area's list is
// what the operation's use-cases and their rules can refuse with, so it may name a code a
// particular operation never reaches; it never leaves one out. Documentation only: the
// route's own schema, and so its validation and serialisation, are untouched.
import { AREAS, type CatalogueEntry, REFUSALS } from '../app/refusals/catalogue.ts';

/** The catalogue's areas whose refusals a change under each tag can answer. */
const AREAS_OF_TAG: Readonly<Record<string, readonly string[]>> = {
  records: ['registration'],
  gateway: ['gateway'],
  evidence: ['gateway'],
  assessors: ['planning', 'registration'],
  bookings: ['planning', 'gateway'],
  submissions: ['planning', 'gateway'],
  assessment: ['outcomes'],
  quality: ['outcomes'],
  results: ['outcomes'],
  appeals: ['outcomes'],
  certification: ['outcomes'],
  accounts: [],
  operations: [],
};

const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details; `findings` (each with its code and source) and `codes` where a rule said no',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    codes: { type: 'array', items: { type: 'string' } },
    findings: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
  additionalProperties: true,
};

type Operation = { method: string; tags: readonly string[]; isPublic: boolean; hasParams: boolean; hasBody: boolean; takesVersion: boolean };

/** The codes an operation can answer with, by status. */
export function errorCodesOf(op: Operation): Map<number, CatalogueEntry[]> {
  const change = op.method !== 'GET' && op.method !== 'HEAD';
  const codes = ['VALIDATION_FAILED', 'INVALID_CHARACTER', 'TOO_DEEP', 'INTERNAL', 'DATABASE_UNAVAILABLE'];
  if (!op.isPublic) codes.push('UNAUTHENTICATED', 'FORBIDDEN', 'TOKEN_SCOPE');
  if (op.hasParams) codes.push('NOT_FOUND');
  if (change) codes.push('CONFLICT', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED', 'BAD_IDEMPOTENCY_KEY');
  if (change && !op.isPublic) codes.push('CSRF_TOKEN_INVALID');
  if (op.hasBody) codes.push('MALFORMED_JSON', 'BAD_CONTENT_LENGTH', 'TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (op.takesVersion) codes.push('STALE_VERSION');
  const areas = new Set(op.tags.flatMap((tag) => AREAS_OF_TAG[tag] ?? []));
  if (change)
    for (const area of AREAS)
      if (areas.has(area.id)) for (const [code, status, kind] of area.entries) if (kind === 'refusal' && status !== null) codes.push(code);
  const byStatus = new Map<number, CatalogueEntry[]>();
  for (const code of new Set(codes)) {
    const r = REFUSALS.get(code);
    if (!r || r.status === null) continue;
    byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  }
  return byStatus;
}

/** The OpenAPI responses for those codes: one per status, its codes listed in the description. */
export function errorResponses(op: Operation): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, refusals] of [...errorCodesOf(op)].sort(([a], [b]) => a - b))
    responses[String(status)] = {
      description: refusals.map((r) => `\`${r.code}\`: ${r.title}`).join('\n\n'),
      content: { 'application/problem+json': { schema: PROBLEM } },
    };
  return responses;
}

type RouteSchema = {
  tags?: string[];
  security?: unknown;
  params?: unknown;
  body?: { properties?: Record<string, unknown> };
  response?: Record<string, unknown>;
};

/** @fastify/swagger's transform: each operation's documented responses gain its error responses. */
export function withErrorResponses<T extends { schema: unknown; url: string; route: { method: string | string[] } }>(
  input: T,
): { schema: unknown; url: string } {
  const schema = (input.schema ?? {}) as RouteSchema;
  if (!input.url.startsWith('/api/')) return { schema: input.schema, url: input.url };
  const method = String(Array.isArray(input.route.method) ? input.route.method[0] : input.route.method).toUpperCase();
  const op: Operation = {
    method,
    tags: schema.tags ?? [],
    isPublic: !schema.security,
    hasParams: Boolean(schema.params) || input.url.includes(':'),
    hasBody: Boolean(schema.body) || (method !== 'GET' && method !== 'DELETE'),
    takesVersion: Boolean(schema.body?.properties && 'version' in schema.body.properties),
  };
  const success = schema.response ?? { 200: { description: 'Success' } };
  return { schema: { ...schema, response: { ...success, ...errorResponses(op) } }, url: input.url };
}
