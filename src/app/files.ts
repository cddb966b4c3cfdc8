// Evidence files of an EPA record: gateway evidence (qualification certificates, portfolio
// pieces and their papers) and the apprentice's work. The type is read from the bytes, the
// bytes go through the storage port, and the row and its audit entry are one transaction.

import { type Actor, canSeeRecord, may } from '../domain/access/access.ts';
import { ACCEPTED_TYPES, detectFileType, type EvidencePurpose, type FileType, MEDIA_TYPES } from '../domain/evidence/file-type.ts';
import { transition } from '../domain/lifecycle/record-lifecycle.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { deleteUnsubmittedFile, filesOfRecord, findFile, insertFile, recordForUpload } from '../store/repositories/files.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import type { EvidenceUploadRequest } from './inputs-gateway.ts';
import { assertCanSee, recordParties } from './records.ts';

/** The largest evidence file accepted; the HTTP multipart limit is set from it. */
export const MAX_EVIDENCE_BYTES = 10 * 1_048_576;

/** The apprentice's own work, which the apprentice may upload too; the rest is gateway evidence. */
const WORK: readonly EvidencePurpose[] = ['project-report', 'showcase'];

export type EvidenceFileView = {
  id: string;
  recordId: string;
  purpose: EvidencePurpose;
  fileName: string;
  fileType: FileType;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  ksbs: string[];
  uploadedBy: string | null;
  uploadedAt: string;
};

export type EvidenceUpload = EvidenceUploadRequest & { fileName: string; bytes: Uint8Array };

const TYPE_BY_MEDIA = new Map(Object.entries(MEDIA_TYPES).map(([type, media]) => [media, type as FileType]));

type FileRow = {
  id: string;
  epaRecordId: string;
  purpose: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  ksbs: string[];
  uploadedBy: string | null;
  uploadedAt: Date;
};

export function toFileView(r: FileRow): EvidenceFileView {
  return {
    id: r.id,
    recordId: r.epaRecordId,
    purpose: r.purpose as EvidencePurpose,
    fileName: r.fileName,
    fileType: TYPE_BY_MEDIA.get(r.mediaType) as FileType,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    ksbs: r.ksbs,
    uploadedBy: r.uploadedBy,
    uploadedAt: new Date(r.uploadedAt).toISOString(),
  };
}

/** The name as given, without any path, control characters or excess length. */
function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  return base.slice(0, 200) || 'upload';
}

export async function uploadEvidence(ctx: AppContext, actor: Actor, recordId: string, upload: EvidenceUpload): Promise<EvidenceFileView> {
  const values = await checkedEvidence(ctx, actor, recordId, upload);
  const row = await inTransaction(ctx.db, (trx) => insertEvidence(trx, actor, values));
  return toFileView(row);
}

type EvidenceValues = Awaited<ReturnType<typeof checkedEvidence>>;

/** The upload checked (who, the record's status, the bytes' type, the KSBs) and its bytes stored; the row still to be written. */
async function checkedEvidence(ctx: AppContext, actor: Actor, recordId: string, upload: EvidenceUpload) {
  await assertCanSee(ctx, actor, recordId);
  const work = WORK.includes(upload.purpose);
  // Gateway evidence comes from the provider (or the EPAO); the apprentice may also upload their own work.
  if (!may(actor, work ? 'submission.upload' : 'gateway.submit'))
    throw forbidden(work ? 'your role may not upload submissions' : 'gateway evidence is uploaded by the training provider or the EPAO');
  const record = await recordForUpload(ctx.db, recordId);
  const open = transition(record.status, 'add-evidence');
  if (!open.ok) throw conflict(open.code, open.message);

  if (upload.bytes.byteLength === 0) throw badRequest('EMPTY_FILE', 'the file is empty');
  if (upload.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new AppError(413, 'TOO_LARGE', `the file is larger than ${MAX_EVIDENCE_BYTES / 1_048_576} MB`);
  const accepted = ACCEPTED_TYPES[upload.purpose];
  const fileType = detectFileType(upload.bytes);
  if (fileType === null)
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', `the file's content is not ${accepted.join(', ')} (the type is read from the content, not the name)`, {
      accepted,
    });
  if (!accepted.includes(fileType))
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', `${upload.purpose} evidence must be ${accepted.join(' or ')}; this file is ${fileType}`, {
      detected: fileType,
      accepted,
    });

  const index = ctx.catalogue.standards.get(record.standard);
  const ksbs = [...new Set(upload.ksbs)];
  const unknown = ksbs.filter((k) => !index?.ksbs.has(k));
  if (unknown.length > 0) throw badRequest('UNKNOWN_KSB', `${record.standard} has no KSB ${unknown.join(', ')}`, { ksbs: unknown });

  // Stored first: content-addressed, so bytes left by a failed transaction are harmless.
  const stored = await ctx.storage.put(upload.bytes);
  return {
    epaRecordId: recordId,
    purpose: upload.purpose,
    fileName: cleanFileName(upload.fileName),
    mediaType: MEDIA_TYPES[fileType],
    sizeBytes: stored.size,
    sha256: stored.sha256,
    storageKey: stored.key,
    ksbs,
    uploadedBy: actor.userId,
  };
}

async function insertEvidence(trx: Db, actor: Actor, values: EvidenceValues) {
  const inserted = await insertFile(trx, values);
  const { storageKey: _key, ...after } = values;
  await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'upload', entity: 'file', entityId: inserted.id, after });
  return inserted;
}

/**
 * An upload written in the caller's unit of work, so that what it belongs to (a signed
 * declaration record) is written with it or not at all: `write` runs on the checked,
 * stored file; bytes stored for a unit of work that fails are content-addressed and harmless.
 */
export async function uploadEvidenceWith<T>(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  upload: EvidenceUpload,
  write: (trx: Db, file: EvidenceFileView) => Promise<T>,
): Promise<T> {
  const values = await checkedEvidence(ctx, actor, recordId, upload);
  return inTransaction(ctx.db, async (trx) => write(trx, toFileView(await insertEvidence(trx, actor, values))));
}

export async function listFiles(ctx: AppContext, actor: Actor, recordId: string, purpose?: EvidencePurpose): Promise<EvidenceFileView[]> {
  await assertCanSee(ctx, actor, recordId);
  const rows = await filesOfRecord(ctx.db, recordId, purpose || undefined);
  return rows.map(toFileView);
}

/** The file and its bytes, for whoever may see its record; anyone else is told it does not exist. */
export async function downloadFile(ctx: AppContext, actor: Actor, fileId: string): Promise<{ file: EvidenceFileView; bytes: Uint8Array }> {
  const row = isUuid(fileId) ? await findFile(ctx.db, fileId) : undefined;
  const parties = row ? await recordParties(ctx.db, row.epaRecordId) : null;
  if (!row || !parties || !canSeeRecord(actor, parties)) throw notFound(`file ${fileId}`);
  return { file: toFileView(row), bytes: await ctx.storage.get(row.storageKey) };
}

/**
 * Removes a piece of work nobody submitted: the upload half of a submission the rules
 * refused, so that trying again does not leave a file per attempt on the record. Only the
 * actor's own upload, only work (gateway evidence is referred to by gateway submissions),
 * and only while no submission refers to it; false when there was nothing to remove.
 */
export async function discardUnsubmittedFile(ctx: AppContext, actor: Actor, fileId: string): Promise<boolean> {
  if (!isUuid(fileId)) return false;
  return inTransaction(ctx.db, async (trx) => {
    const removed = await deleteUnsubmittedFile(trx, fileId, actor.userId, WORK);
    if (!removed) return false;
    const { id, ...before } = removed;
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'discard', entity: 'file', entityId: id, before });
    return true;
  });
}
