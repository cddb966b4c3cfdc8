// What reading a document comes to, as plain data that crosses the worker boundary.

export type Refusal = { kind: 'too-complex' | 'unreadable'; reason: string };

/** A cheap look's verdict: what to read next, or why not to read at all. */
export type Look<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

export type TextResult = { kind: 'text'; text: string } | Refusal;

export const tooComplex = (reason: string): { ok: false } & Refusal => ({ ok: false, kind: 'too-complex', reason });
export const unreadable = (reason: string): { ok: false } & Refusal => ({ ok: false, kind: 'unreadable', reason });
