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

export type RouteDocs = { summary: string; tags: string[]; body?: ZodType; querystring?: ZodType; params?: ZodType; description?: string; public?: boolean };

export function docs(d: RouteDocs): FastifySchema & Record<string, unknown> {
  const schema: FastifySchema & Record<string, unknown> = { summary: d.summary, tags: d.tags };
  if (d.description) schema.description = d.description;
  if (d.body) schema.body = jsonSchema(d.body);
  if (d.querystring) schema.querystring = jsonSchema(d.querystring);
  if (d.params) schema.params = jsonSchema(d.params);
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
