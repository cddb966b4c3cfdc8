// Evidence files: multipart upload to a record (type read from the content), the record's
// list, and a scoped download.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { AppError, badRequest } from '../../app/errors.ts';
import { downloadFile, listFiles, uploadEvidence } from '../../app/files.ts';
import { idempotent } from '../../app/idempotency.ts';
import { EvidencePurpose, EvidenceUploadInput } from '../../app/inputs-gateway.ts';
import { ACCEPTED_TYPES } from '../../domain/evidence/file-type.ts';
import { assertValidText } from '../input-guard.ts';
import { actorOf, docs, IdParams, idempotencyKey, parse, sendStored } from '../kit.ts';
import { EvidenceFileListResponse, EvidenceFileResponse } from '../responses/files.ts';
import type { RouteModule } from './index.ts';

const ListQuery = z.object({ purpose: EvidencePurpose.optional() });

/** OpenAPI for the form (Zod validates the fields once read; the file is checked by content). */
const UploadForm = {
  type: 'object',
  required: ['purpose', 'file'],
  properties: {
    purpose: { type: 'string', enum: EvidencePurpose.options },
    ksbs: { type: 'string', description: 'the KSBs the file evidences, as a comma list: K1,S3,B2' },
    file: {
      type: 'string',
      format: 'binary',
      description: 'PDF or .docx; PNG or JPEG also for qualification certificates and portfolio pieces; at most 10 MB',
    },
  },
};

/** attachment; with an ASCII fallback name and the UTF-8 name (RFC 6266). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const fileRoutes: RouteModule = (ctx) => async (app) => {
  fileUploadRoute(app, ctx);
  fileReadRoutes(app, ctx);
};

function fileUploadRoute(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/records/:id/files',
    {
      schema: {
        ...docs({
          summary: 'Upload evidence to an EPA record (multipart/form-data: purpose, ksbs, file)',
          tags: ['evidence'],
          params: IdParams,
          responses: { 201: EvidenceFileResponse },
          description: `The type is read from the file's content, not its name. Accepted: ${Object.entries(ACCEPTED_TYPES)
            .map(([purpose, types]) => `${purpose}: ${types.join('/')}`)
            .join('; ')}. Unknown content gets 415 UNSUPPORTED_FILE_TYPE; over 10 MB gets 413 TOO_LARGE. Accepts an Idempotency-Key header.`,
        }),
        consumes: ['multipart/form-data'],
        body: UploadForm,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parse(IdParams, request.params);
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'upload the file as multipart/form-data');
      const fields: Record<string, string[]> = {};
      let file: { fileName: string; bytes: Uint8Array } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.fieldname !== 'file') throw badRequest('UNEXPECTED_FILE', `the file goes in the "file" field, not "${part.fieldname}"`);
          file = { fileName: part.filename, bytes: new Uint8Array(bytes) };
        } else fields[part.fieldname] = [...(fields[part.fieldname] ?? []), String(part.value)];
      }
      if (!file) throw badRequest('FILE_REQUIRED', 'the form has no "file" part');
      assertValidText('form', { ...fields, fileName: file.fileName });
      const ksbs = (fields.ksbs ?? [])
        .flatMap((v) => v.split(','))
        .map((k) => k.trim())
        .filter((k) => k.length > 0);
      const input = parse(EvidenceUploadInput, { purpose: fields.purpose?.[0], ksbs });
      const upload = { ...input, ...file };
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const fingerprint = { recordId: id, ...input, fileName: file.fileName, sha256 };
      const stored = await idempotent(ctx, actor.userId, idempotencyKey(request), fingerprint, async () => ({
        status: 201,
        body: await uploadEvidence(ctx, actor, id, upload),
      }));
      return sendStored(reply, stored);
    },
  );
}

function fileReadRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/records/:id/files',
    {
      schema: docs({
        summary: "An EPA record's evidence files (?purpose= narrows)",
        tags: ['evidence'],
        params: IdParams,
        querystring: ListQuery,
        responses: { 200: EvidenceFileListResponse },
      }),
    },
    async (request) => {
      const query = parse(ListQuery, request.query);
      return { files: await listFiles(ctx, actorOf(request), parse(IdParams, request.params).id, query.purpose) };
    },
  );

  app.get(
    '/files/:id',
    {
      schema: docs({
        summary: 'Download an evidence file (for those who may see its record)',
        tags: ['evidence'],
        params: IdParams,
        responses: { 200: { file: 'application/octet-stream', description: 'the file as uploaded, with its own media type (PDF, .docx, PNG or JPEG)' } },
      }),
    },
    async (request, reply) => {
      const { file, bytes } = await downloadFile(ctx, actorOf(request), parse(IdParams, request.params).id);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes));
    },
  );
}
