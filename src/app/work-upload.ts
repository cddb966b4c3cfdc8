// The pages' one step for the apprentice's work: upload the document and submit it. The
// rules can only count the words once the file is stored, so a document they refuse (too
// many words, after the deadline, unreadable) is removed again: nothing is half-saved, and
// trying again does not leave a file per attempt on the record.
import type { Actor } from '../domain/access/access.ts';
import type { AppContext } from './context.ts';
import { discardUnsubmittedFile, uploadEvidence } from './files.ts';
import { submitWork } from './submissions.ts';

export type WorkUpload = { kind: 'project-report' | 'showcase'; fileName: string; bytes: Uint8Array; annexMarker?: string };

export async function submitWorkUpload(ctx: AppContext, actor: Actor, recordId: string, upload: WorkUpload): ReturnType<typeof submitWork> {
  const file = await uploadEvidence(ctx, actor, recordId, { purpose: upload.kind, ksbs: [], fileName: upload.fileName, bytes: upload.bytes });
  try {
    return await submitWork(ctx, actor, recordId, { kind: upload.kind, fileId: file.id, ...(upload.annexMarker ? { annexMarker: upload.annexMarker } : {}) });
  } catch (error) {
    await discardUnsubmittedFile(ctx, actor, file.id);
    throw error;
  }
}
