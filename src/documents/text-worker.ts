// The reading worker: a document in, its text or the reason it was refused out, one at a
// time. It runs under the heap, time and memory limits read-document.ts sets, so a
// document that defeats the cheap look costs this thread, never the server.
import { parentPort } from 'node:worker_threads';
import type { DocumentLimits } from './limits.ts';
import { readText } from './read-text.ts';

parentPort?.on('message', async ({ mediaType, bytes, limits }: { mediaType: string; bytes: Uint8Array; limits: DocumentLimits }) => {
  const result = await readText(mediaType, bytes, limits).catch((error: unknown) => ({ kind: 'unreadable' as const, reason: String(error) }));
  parentPort?.postMessage(result);
});
