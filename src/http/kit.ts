// What every route needs: the signed-in actor, a body parsed by the use-case's Zod schema,
// and the same schema as OpenAPI for /api/docs (Zod validates; the JSON Schema documents).
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { type ZodType, z } from 'zod';
import { unauthorised } from '../app/errors.ts';
import type { Actor } from '../domain/access/access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorised();
  return request.actor;
}

export function parse<S extends ZodType>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value ?? {});
}

const jsonSchema = (schema: ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** What a route answers with on success: a JSON body's schema, or a file of a media type, or nothing. */
export type SuccessResponse = ZodType | { file: string; description: string } | { empty: string };

export type RouteDocs = {
  summary: string;
  tags: string[];
  body?: ZodType;
  querystring?: ZodType;
  params?: ZodType;
  /** By status. A JSON body is serialised from its schema: a field it does not name is not sent. */
  responses: Partial<Record<200 | 201 | 202 | 204, SuccessResponse>>;
  description?: string;
  public?: boolean;
};

function responseSchema(response: SuccessResponse): Record<string, unknown> {
  if ('file' in response && typeof response.file === 'string') {
    return { description: response.description, content: { [response.file]: { schema: { type: 'string', format: 'binary' } } } };
  }
  if ('empty' in response && typeof response.empty === 'string') return { description: response.empty, type: 'null' };
  return z.toJSONSchema(response as ZodType, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function docs(d: RouteDocs): FastifySchema & Record<string, unknown> {
  const schema: FastifySchema & Record<string, unknown> = { summary: d.summary, tags: d.tags };
  if (d.description) schema.description = d.description;
  if (d.body) schema.body = jsonSchema(d.body);
  if (d.querystring) schema.querystring = jsonSchema(d.querystring);
  if (d.params) schema.params = jsonSchema(d.params);
  schema.response = Object.fromEntries(Object.entries(d.responses).map(([status, response]) => [status, responseSchema(response)]));
  if (!d.public) schema.security = [{ session: [] }, { token: [] }];
  return schema;
}

export function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}

/** Replies with a stored or fresh {status, body}. */
export function sendStored(reply: FastifyReply, stored: { status: number; body: unknown }) {
  return reply.code(stored.status).send(stored.body);
}

export const SESSION_COOKIE = 'capstone_session';

export const IdParams = z.object({ id: z.string() });
