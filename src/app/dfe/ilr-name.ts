// The family name as the ILR holds it, where it differs from the record's (a hyphen, a second
// surname, an old spelling): DfE matches it exactly, case aside, and refuses a result or a
// certificate that does not ("ULN, FamilyName and Standard not found."). Setting it puts the
// record's held or refused DfE items back in the queue: the fix-and-resend path.
import type { Actor } from '../../domain/access/access.ts';
import { appendAudit } from '../../store/audit.ts';
import { requeueRefusedOfRecord, setIlrFamilyName } from '../../store/repositories/dfe.repository.ts';
import { inTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { forbidden } from '../errors.ts';
import { getRecord } from '../records.ts';

export async function recordIlrFamilyName(ctx: AppContext, actor: Actor, recordId: string, ilrFamilyName: string | null) {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO records the name DfE knows the apprentice by');
  const record = await getRecord(ctx, actor, recordId);
  const name = ilrFamilyName?.trim() || null;
  return inTransaction(ctx.db, async (trx) => {
    await setIlrFamilyName(trx, record.apprentice.id, name);
    const requeued = await requeueRefusedOfRecord(trx, recordId, ctx.now());
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'update',
      entity: 'epa-record',
      entityId: recordId,
      after: { ilrFamilyName: name, dfeItemsRequeued: requeued },
    });
    return { recordId, familyName: record.apprentice.familyName, ilrFamilyName: name, requeued };
  });
}
