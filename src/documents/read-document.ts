// Reading a document's text off the main thread, in a worker with a heap limit, under a
// time limit and a watch on what the process grows by. A worker that passes any of them
// is terminated and the document refused as too complex; one that crashes makes it
// unreadable. Nothing a worker does reaches the server beyond the answer it gives.
//
// Workers are kept between documents (loading the parsers costs more than reading a
// report), at most `concurrent` of them, each retired after a number of documents or a
// minute without one. This bounds one process's memory and CPU only, so it holds however
// many processes there are (DESIGN §6).
import { Worker } from 'node:worker_threads';
import { DOCUMENT_LIMITS, type DocumentLimits } from './limits.ts';
import type { TextResult } from './outcome.ts';

const WORKER = new URL('./text-worker.ts', import.meta.url);
const MB = 1_048_576;
const MEMORY_CHECK_MS = 100;
const IDLE_MS = 60_000;
const USES = 50;

type Reader = { worker: Worker; heapMb: number; uses: number; idle?: NodeJS.Timeout };

let reading = 0;
const waiting: (() => void)[] = [];
const idle: Reader[] = [];

async function take(concurrent: number): Promise<void> {
  if (reading < concurrent) {
    reading++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else reading--;
}

function reader(heapMb: number): Reader {
  const i = idle.findIndex((r) => r.heapMb === heapMb);
  const found = i >= 0 ? idle.splice(i, 1)[0] : undefined;
  if (found) {
    clearTimeout(found.idle);
    found.worker.ref();
    return found;
  }
  const r: Reader = { worker: new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: heapMb } }), heapMb, uses: 0 };
  // Whatever becomes of a worker, idle or not, is handled here: an 'error' nobody listens
  // to would be thrown in the main thread.
  r.worker.on('error', () => forget(r)).on('exit', () => forget(r));
  return r;
}

function forget(r: Reader): void {
  clearTimeout(r.idle);
  const i = idle.indexOf(r);
  if (i >= 0) idle.splice(i, 1);
  void r.worker.terminate();
}

function putBack(r: Reader): void {
  if (++r.uses >= USES) {
    void r.worker.terminate();
    return;
  }
  // An idle reader does not keep the process alive, and leaves after a minute unused.
  r.worker.unref();
  r.idle = setTimeout(() => forget(r), IDLE_MS).unref();
  idle.push(r);
}

/** The text of a .docx or .pdf, or why it was not read; never throws, never stops the process. */
export async function readDocumentText(mediaType: string, bytes: Uint8Array, limits: DocumentLimits = DOCUMENT_LIMITS): Promise<TextResult> {
  await take(limits.concurrent);
  try {
    return await inWorker(mediaType, bytes, limits);
  } finally {
    release();
  }
}

function inWorker(mediaType: string, bytes: Uint8Array, limits: DocumentLimits): Promise<TextResult> {
  return new Promise((resolve) => {
    const r = reader(limits.heapMb);
    const baseline = process.memoryUsage.rss();
    let settled = false;
    const settle = (result: TextResult, healthy = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      // Only these listeners: the Worker keeps its own on itself.
      r.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy) putBack(r);
      else void r.worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ kind: 'too-complex', reason: `not read within ${limits.timeMs / 1000} s` }), limits.timeMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.memoryMb * MB) settle({ kind: 'too-complex', reason: `needed more than ${limits.memoryMb} MB` });
    }, MEMORY_CHECK_MS);
    const onMessage = (result: TextResult) => settle(result, true);
    const onError = (error: Error & { code?: string }) =>
      settle(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'too-complex', reason: `needed more than ${limits.heapMb} MB of heap` }
          : { kind: 'unreadable', reason: error.message },
      );
    const onExit = (code: number) => settle({ kind: 'unreadable', reason: `the reader stopped (exit ${code})` });
    r.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // The worker gets its own copy: the caller's bytes may share a pooled buffer.
    const copy = new Uint8Array(bytes);
    r.worker.postMessage({ mediaType, bytes: copy, limits }, [copy.buffer]);
  });
}
