// A CSV file streamed as it is made. The first chunk is read before the reply starts, so a
// refusal raised while making it (a bad cursor) is still answered with its 4xx, not a
// download cut short.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

async function* startingWith(first: IteratorResult<string>, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

export async function sendCsv(reply: FastifyReply, fileName: string, chunks: AsyncGenerator<string>): Promise<FastifyReply> {
  const first = await chunks.next();
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(startingWith(first, chunks)));
}
