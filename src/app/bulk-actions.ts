// Work done to many records at once, each through its own use-case with all of its checks,
// one record at a time: a refusal for one record is that record's outcome and stops no
// other, and the report says, record by record, what was done and what was not.
import type { Actor } from '../domain/access/access.ts';
import { claimCertificate } from './certificates.ts';
import type { AppContext } from './context.ts';
import { AppError, badRequest, notFound } from './errors.ts';
import { isUuid } from './ids.ts';
import { getRecord } from './records.ts';

/** More than a page of the list at once is not a selection a person checks. */
export const MAX_BULK = 100;

export type BulkOutcome =
  | { recordId: string; name: string; done: true; certificateId: string }
  | { recordId: string; name: string; done: false; code: string; message: string };

function selection(recordIds: readonly string[]): string[] {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) throw badRequest('SELECTION_EMPTY', 'choose at least one apprentice');
  if (ids.length > MAX_BULK) throw badRequest('SELECTION_TOO_LARGE', `choose at most ${MAX_BULK} apprentices at once`);
  return ids;
}

/**
 * Claims the certificate of each selected record's released pass or distinction, in the
 * apprentice's name and ULN as the record holds them (004 Section 6: the EPAO claims on the
 * apprentice's behalf). Each claim is the single claim's use-case, checks and all.
 */
export async function claimCertificates(ctx: AppContext, actor: Actor, recordIds: readonly string[]): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const recordId of selection(recordIds)) {
    let name = '';
    try {
      if (!isUuid(recordId)) throw notFound(`EPA record ${recordId}`);
      const record = await getRecord(ctx, actor, recordId);
      name = `${record.apprentice.givenNames} ${record.apprentice.familyName}`;
      const { givenNames, familyName, uln } = record.apprentice;
      const certificate = await claimCertificate(ctx, actor, recordId, { givenNames, familyName, uln });
      outcomes.push({ recordId, name, done: true, certificateId: certificate.id });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
      outcomes.push({ recordId, name, done: false, code: error.code, message: error.message });
    }
  }
  return outcomes;
}
