// What every journey shares: the services pageRoutes passes it (each journey's routes are
// registered by a short function that binds them to its named handlers), and small readers
// of a urlencoded or multipart form body. Journeys are adapters: they read the form, call use-cases in
// src/app and render; the rules are decided in src/domain.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { AppError, notFound } from '../../app/errors.ts';
import type { ImportQueue } from '../../app/import-reports.ts';
import { type EpaRecordView, getRecord } from '../../app/records.ts';
import type { Actor } from '../../domain/access/access.ts';
import { CSRF_FIELD } from '../csrf.ts';
import type { Terminology } from '../terminology.ts';

// The error summary's list, beside the readers every journey imports.
export { type ErrorItem, errorsOf } from '../field-errors.ts';

export type PageView = (request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status?: number) => Promise<unknown>;
/**
 * The pages' composition root, passed to every journey's routes and from them to each
 * handler (hmpps-template-typescript's `services`): the use-cases' context, the renderer
 * pageRoutes builds (layout, navigation, CSRF token, headers) and the terminology.
 */
/** What every page handler is given: the use-cases' context, the renderer, the EPAO's words, and where imports are queued. */
export type Services = { ctx: AppContext; view: PageView; terms: Terminology; imports: ImportQueue };
/** One page's handler: a named function given the services rather than closing over them. */
export type PageHandler<S extends Services = Services> = (services: S, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** A handler bound to the services, as Fastify's route handler. */
export const handle =
  <S extends Services>(services: S, handler: PageHandler<S>) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> =>
    handler(services, request, reply);

/** A form as sent: each field's text, or its texts when repeated (checkboxes). */
export type FormBody = Readonly<Record<string, string | readonly string[]>> | undefined;

const isFieldValue = (value: unknown): value is string | string[] =>
  typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/**
 * The request's body as a form. A urlencoded form is read by @fastify/formbody into just
 * this; a page is also sent JSON, or a multipart body readMultipart made, so anything that
 * is not a plain object is no form at all, and a field holding anything but text is left out.
 */
export function formBody(request: FastifyRequest): FormBody {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  // A record: Object's, a bare one, or fast-querystring's (whose prototype's own is null).
  const prototype = Object.getPrototypeOf(body);
  if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null) return undefined;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => isFieldValue(value)));
}

/** One text field of a form ('' when absent; the first when repeated). */
export const one = (body: FormBody, name: string): string => {
  const value = body?.[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
};

/** Every value of a repeated field (checkboxes), blanks left out. */
export const many = (body: FormBody, name: string): string[] => {
  const value = body?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
};

export const actorOf = (request: FastifyRequest): Actor => request.actor as Actor;

/** For `.catch`: a use-case's "not found" (not there, or not the actor's) becomes the "Page not found" page. */
export const asPage = (error: unknown): never => {
  throw error instanceof AppError && error.status === 404 ? notFound('page') : error;
};

/** The record named by :id, as the actor may see it; a 404 page when it is not there or not theirs. */
export async function pageRecord(ctx: AppContext, request: FastifyRequest): Promise<EpaRecordView> {
  const { id } = request.params as { id: string };
  return getRecord(ctx, actorOf(request), id).catch(asPage);
}

// --- Multipart (file upload) forms ----------------------------------------------

export type UploadedFile = { fileName: string; bytes: Uint8Array };
/** Why an upload's body could not be read; the form shows it on its file field. */
export type UploadProblem = { kind: 'too-large' | 'too-many-files' | 'too-many-fields' | 'malformed'; status: 400 | 413 };
/** A multipart form as read: the CSRF token where the pages' check looks for it, the named fields, the file. */
export type MultipartBody = {
  [CSRF_FIELD]?: string;
  fields: Record<string, string>;
  repeated: Record<string, string[]>;
  file: UploadedFile | null;
  problem: UploadProblem | null;
};
export type MultipartShape = {
  /** Text fields read once (the first when repeated). */
  fields: readonly string[];
  /** Fields read as lists (checkboxes). */
  repeated?: readonly string[];
  /** The file field; any other file is read past. */
  file: string;
  /** This form's limits where the server-wide ones (10 MB, 1 file, 20 fields, 25 parts) do not fit it. */
  limits?: { fileSize?: number; fields?: number; parts?: number };
};

/** @fastify/multipart's limit errors; anything else without a 5xx status is a body that is not well-formed multipart. */
const LIMIT_PROBLEMS: Record<string, UploadProblem> = {
  FST_REQ_FILE_TOO_LARGE: { kind: 'too-large', status: 413 },
  FST_FILES_LIMIT: { kind: 'too-many-files', status: 400 },
  FST_FIELDS_LIMIT: { kind: 'too-many-fields', status: 400 },
  FST_PARTS_LIMIT: { kind: 'too-many-fields', status: 400 },
};

/** The multipart forms read, by request: the handler gets its body typed, without a cast. */
const multipartBodies = new WeakMap<FastifyRequest, MultipartBody>();

/** The multipart form readMultipart read for this request (in the route's preValidation). */
export function multipartBody(request: FastifyRequest): MultipartBody {
  const body = multipartBodies.get(request);
  if (!body) throw new Error(`${request.url}: the multipart form was not read before the handler (readMultipart in preValidation)`);
  return body;
}

/**
 * Reads a multipart form into request.body (and returns it). Call it in the route's
 * preValidation so the pages' CSRF check, which runs after, applies to the token in it.
 * A body that cannot be read (too large, too many parts, cut short or not multipart at
 * all) is not thrown: it becomes `problem`, for the form to show on its file field.
 */
export async function readMultipart(request: FastifyRequest, shape: MultipartShape): Promise<MultipartBody> {
  const repeated = shape.repeated ?? [];
  const body: MultipartBody = { fields: {}, repeated: Object.fromEntries(repeated.map((name) => [name, []])), file: null, problem: null };
  request.body = body;
  multipartBodies.set(request, body);
  if (!request.isMultipart()) return body;
  try {
    for await (const part of request.parts(shape.limits ? { limits: shape.limits } : undefined)) {
      if (part.type === 'file') {
        if (part.fieldname === shape.file && part.filename && !body.file) body.file = { fileName: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
        else part.file.resume();
        continue;
      }
      const value = String(part.value);
      if (part.fieldname === CSRF_FIELD) body[CSRF_FIELD] ??= value;
      else if (shape.fields.includes(part.fieldname)) body.fields[part.fieldname] ??= value;
      else if (repeated.includes(part.fieldname)) body.repeated[part.fieldname]?.push(value);
    }
  } catch (error) {
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (typeof statusCode === 'number' && statusCode >= 500) throw error;
    body.problem = LIMIT_PROBLEMS[code ?? ''] ?? { kind: 'malformed', status: 400 };
  }
  return body;
}

/** What the file field says about an upload that could not be read. */
export function uploadProblemText(problem: UploadProblem, maxBytes: number): string {
  switch (problem.kind) {
    case 'too-large':
      return `The selected file must be smaller than ${Math.round(maxBytes / 1_048_576)} MB`;
    case 'too-many-files':
      return 'Select only one file';
    case 'too-many-fields':
      return 'The form was sent with more answers than it takes: check them and upload the file again';
    default:
      return 'The selected file could not be uploaded – try again';
  }
}
