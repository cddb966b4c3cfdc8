// The Assessor Service External API over HTTP: the subscription key in its header, JSON in
// and out, at most `callsPerMinute` calls a minute (the API's gateway allows 120 per caller),
// and a call the network or the service lost (429, 5xx, no answer) retried with backoff,
// honouring Retry-After. A 4xx answer is the API's word and is returned, never retried.
// shared/interop/dfe-assessor-external-api.md: Transport and identity; Endpoints.

export type DfeAnswer = { status: number; body: unknown };

/**
 * How long a caller can wait. The queue's runs wait their turn and retry; a person's request
 * (a learner lookup from a page) is `interactive`: one try, a shorter timeout, and refused at
 * once when the calls already waiting would keep it more than a few seconds, so that many
 * lookups cannot hold requests open or crowd out the queue's calls.
 */
export type Patience = 'queue' | 'interactive';

/** The port the send run talks to; tests give it the fake service's address. */
export interface DfeApi {
  call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, patience?: Patience): Promise<DfeAnswer>;
}

/** An interactive call is refused when its turn is further off than this. */
const INTERACTIVE_WAIT_MS = 5_000;
const INTERACTIVE_TIMEOUT_MS = 10_000;

export class DfeUnavailable extends Error {
  readonly code = 'DFE_UNAVAILABLE';
}

type Options = {
  baseUrl: string;
  subscriptionKey: string;
  callsPerMinute: number;
  /** Tries per call before giving up for this run (the item is retried on a later run). */
  tries?: number;
  /** The first backoff; doubled each try. */
  backoffMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const ANSWERS = new Set([200, 204, 403]);

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpDfeApi implements DfeApi {
  readonly #key: string;
  readonly #base: string;
  readonly #tries: number;
  readonly #backoffMs: number;
  readonly #timeoutMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #gapMs: number;
  #nextCallAt = 0;

  constructor(options: Options) {
    this.#key = options.subscriptionKey;
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#tries = options.tries ?? 4;
    this.#backoffMs = options.backoffMs ?? 1_000;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#sleep = options.sleep ?? pause;
    this.#gapMs = Math.ceil(60_000 / options.callsPerMinute);
  }

  /** Spaces the calls evenly: never more than the minute's allowance, whatever the bursts. */
  async #turn(patience: Patience): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.#nextCallAt);
    if (patience === 'interactive' && at - now > INTERACTIVE_WAIT_MS)
      throw new DfeUnavailable('the DfE Assessor Service is busy with other calls: try again in a minute');
    this.#nextCallAt = at + this.#gapMs;
    if (at > now) await this.#sleep(at - now);
  }

  async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, patience: Patience = 'queue'): Promise<DfeAnswer> {
    let wait = this.#backoffMs;
    const tries = patience === 'interactive' ? 1 : this.#tries;
    const timeoutMs = patience === 'interactive' ? Math.min(this.#timeoutMs, INTERACTIVE_TIMEOUT_MS) : this.#timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await this.#turn(patience);
      const answer = await this.#once(method, path, body, timeoutMs).catch(() => null);
      const retryable = answer === null || answer.status === 429 || answer.status >= 500;
      // 200 and 204 are answers, 403 the API's refusal with its message; anything else (401 a key
      // refused, 404 a wrong address, 400 a gateway without the EPAO's identity) is not about the
      // items: the run stops instead of marking each one refused.
      if (!retryable && ANSWERS.has(answer.status)) return { status: answer.status, body: answer.body };
      if (!retryable)
        throw new DfeUnavailable(
          `the Assessor Service answered ${answer.status}${answer.status === 401 ? ': the subscription key was refused' : ''}: check DFE_API_URL and DFE_SUBSCRIPTION_KEY`,
        );
      if (attempt >= tries)
        throw new DfeUnavailable(
          answer ? `the Assessor Service answered ${answer.status} ${attempt} times` : `the Assessor Service did not answer ${attempt} times`,
        );
      await this.#sleep(Math.max(wait, (answer?.retryAfterSeconds ?? 0) * 1_000));
      wait *= 2;
    }
  }

  async #once(method: string, path: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: unknown; retryAfterSeconds: number | null }> {
    const response = await fetch(`${this.#base}/api/v1/${path}`, {
      method,
      headers: { 'Ocp-Apim-Subscription-Key': this.#key, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text.slice(0, 500);
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    return { status: response.status, body: parsed, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 120) : null };
  }
}
