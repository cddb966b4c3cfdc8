// The news of a record that reaches its people by e-mail: a gateway decided, a result
// released. Composed from the EPAO's templates (src/app/mail-templates.ts) and written to the
// outbox in the change's own transaction, once per record, step and address.
import type { Db } from '../store/database.ts';
import { recordPartyAddresses, writeMail } from '../store/repositories/outbox.repository.ts';
import { publicUrl } from './epao-settings.ts';
import { composeMail } from './mail-templates.ts';

export async function gatewayDecidedMail(
  trx: Db,
  recordId: string,
  apprentice: string,
  decision: { approved: boolean; reasons: readonly string[] },
  key: string,
) {
  const to = await recordPartyAddresses(trx, recordId);
  const values = {
    apprentice,
    decision: decision.approved ? 'approved' : 'not approved',
    reasons: decision.reasons.length ? `Why: ${decision.reasons.join('; ')}` : '',
    link: `${publicUrl()}/records/${recordId}`,
  };
  const addresses = [...new Set([...to.provider, ...to.employer, ...to.apprentice])];
  await writeMail(trx, await Promise.all(addresses.map((a) => composeMail(trx, 'gateway-decided', a, values, `gateway:${key}:${a}`))));
}

export async function resultReleasedMail(trx: Db, recordId: string, releasedOn: string, resultId: string) {
  const to = await recordPartyAddresses(trx, recordId);
  const values = { apprentice: to.name, releasedOn, link: `${publicUrl()}/records/${recordId}/result` };
  const addresses = [...new Set([...to.apprentice, ...to.provider, ...to.employer])];
  await writeMail(trx, await Promise.all(addresses.map((a) => composeMail(trx, 'result-released', a, values, `result:${resultId}:${a}`))));
}
