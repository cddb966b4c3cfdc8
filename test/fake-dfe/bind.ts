// Model binding as the External API does it (Newtonsoft): property names case-insensitive on input,
// unknown members ignored, numbers and booleans read from strings where they convert; anything that
// does not convert fails the whole request (Transport and identity: "A body that does not bind (bad
// types, bad JSON) → 403"). Dates bind to their day, YYYY-MM-DD (date-times accepted).
import type { CertificateRequest, EpaRequest, SubmitRequest } from './types.ts';

export class BindError extends Error {}

type Kind = 'string' | 'int' | 'long' | 'date' | 'bool' | { object: Shape } | { array: Kind };
type Shape = Record<string, Kind>;

const STANDARD: Kind = { object: { standardCode: 'int', standardReference: 'string' } };
const LEARNER: Kind = { object: { uln: 'long', familyName: 'string' } };
const CONTACT_FIELDS = ['contactName', 'department', 'organisation', 'addressLine1', 'addressLine2', 'addressLine3', 'city', 'postCode'];
const CONTACT: Kind = { object: Object.fromEntries(CONTACT_FIELDS.map((f) => [f, 'string' as const])) };
const EPAS: Kind = { object: { epas: { array: { object: { epaDate: 'date', epaOutcome: 'string', resit: 'bool', retake: 'bool' } } } } };

// Create / update EPA: PUT adds a top-level epaReference; POST cannot carry one (Corrections).
const EPA_CREATE: Shape = {
  requestId: 'string',
  standard: STANDARD,
  learner: LEARNER,
  learningDetails: { object: { version: 'string', courseOption: 'string' } },
  epaDetails: EPAS,
};
const EPA_UPDATE: Shape = { ...EPA_CREATE, epaReference: 'string' };
// Create / update certificate: update adds certificateReference (create must leave it empty, so it binds there too).
const CERTIFICATE: Shape = {
  requestId: 'string',
  standard: STANDARD,
  learner: LEARNER,
  learningDetails: { object: { version: 'string', courseOption: 'string', overallGrade: 'string', achievementDate: 'date' } },
  postalContact: CONTACT,
  certificateReference: 'string',
};
// Submit certificate.
const SUBMIT: Shape = {
  requestId: 'string',
  uln: 'long',
  standardCode: 'int',
  standardReference: 'string',
  familyName: 'string',
  certificateReference: 'string',
};

const INTEGER = /^-?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function bindDate(value: unknown): string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) throw new BindError('date');
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) throw new BindError('date');
  return day;
}

function bindNumber(value: unknown, kind: 'int' | 'long'): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value) : Number.NaN;
  const max = kind === 'int' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(n) || Math.abs(n) > max) throw new BindError(kind);
  return n;
}

function bindObject(value: unknown, shape: Shape): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BindError('object');
  const given = Object.entries(value);
  const bound: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(shape)) {
    const entry = given.find(([key]) => key.toLowerCase() === name.toLowerCase());
    const v = entry === undefined ? undefined : bindValue(entry[1], kind);
    if (v !== undefined) bound[name] = v;
  }
  return bound;
}

function bindValue(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return undefined;
  if (kind === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new BindError('string');
  }
  if (kind === 'int' || kind === 'long') return bindNumber(value, kind);
  if (kind === 'date') return bindDate(value);
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw new BindError('bool');
  }
  if ('array' in kind) {
    if (!Array.isArray(value)) throw new BindError('array');
    return value.map((v) => bindValue(v, kind.array));
  }
  return bindObject(value, kind.object);
}

/** A batch body: a JSON array of request objects (an item that is null does not bind either). */
function bindBatch<T>(body: unknown, shape: Shape): T[] {
  if (!Array.isArray(body)) throw new BindError('array');
  return body.map((item) => bindObject(item, shape) as T);
}

export const bindEpaCreate = (body: unknown) => bindBatch<EpaRequest>(body, EPA_CREATE);
export const bindEpaUpdate = (body: unknown) => bindBatch<EpaRequest>(body, EPA_UPDATE);
export const bindCertificates = (body: unknown) => bindBatch<CertificateRequest>(body, CERTIFICATE);
export const bindSubmits = (body: unknown) => bindBatch<SubmitRequest>(body, SUBMIT);

/** A ULN in a path: Corrections — "a non-numeric ULN in a path → 403 invalid input". */
export function bindPathUln(text: string): number {
  return bindNumber(/^\d+$/.test(text) ? text : 'x', 'long');
}
