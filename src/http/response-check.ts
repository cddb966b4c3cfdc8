// Responses are serialised from their route's schema (Fastify compiles it), which leaves out
// any field the schema does not name. In tests that must change nothing: every JSON reply a
// schema serialises is compared with what the handler returned, and a difference is a 500
// naming the route and the first path that differs, so a schema that drops or reshapes a
// field fails the test that reached it instead of changing the API quietly.
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const RETURNED = Symbol('returned');

/** What the handler returned, and the status it was to go with. */
type Checked = FastifyRequest & { [RETURNED]?: { status: number; json: string } };

/** The first path at which two JSON values differ, for the error's message. */
export function firstDifference(sent: unknown, returned: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(sent, returned)) return null;
  if (sent && returned && typeof sent === 'object' && typeof returned === 'object' && Array.isArray(sent) === Array.isArray(returned)) {
    const keys = new Set([...Object.keys(sent), ...Object.keys(returned)]);
    for (const key of keys) {
      const found = firstDifference((sent as Record<string, unknown>)[key], (returned as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: sent ${JSON.stringify(sent) ?? 'nothing'}, returned ${JSON.stringify(returned) ?? 'nothing'}`;
}

function hasResponseSchema(reply: FastifyReply): boolean {
  const response = (reply.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
  return Boolean(response?.[String(reply.statusCode)]);
}

export function checkResponsesAgainstSchemas(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request: Checked, reply, payload) => {
    if (hasResponseSchema(reply)) request[RETURNED] = { status: reply.statusCode, json: JSON.stringify(payload) };
    return payload;
  });
  app.addHook('onSend', async (request: Checked, reply, payload) => {
    const returned = request[RETURNED];
    // Read once: the error reply sent when this check fails passes through here again.
    request[RETURNED] = undefined;
    // Another status means the schema could not write the reply at all: the error reply says why.
    if (returned === undefined || returned.status !== reply.statusCode || typeof payload !== 'string') return payload;
    const difference = firstDifference(JSON.parse(payload), JSON.parse(returned.json));
    if (difference)
      throw new Error(`${request.method} ${reply.routeOptions.url}: the response schema for ${reply.statusCode} changes the reply at ${difference}`);
    return payload;
  });
}
