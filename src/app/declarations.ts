// Each party's own gateway declaration: the employer and the apprentice confirm theirs from
// their home page, signed in, while the record is open for gateway; the provider's gateway
// submission then counts them (domain/gateway/declarations.ts declarationsMade).
import type { z } from 'zod';
import { type Actor, may } from '../domain/access/access.ts';
import { DECLARATION_SOURCE, DECLARATION_STATEMENTS, signedRecordDateProblem } from '../domain/gateway/declarations.ts';
import { statusesAllowing } from '../domain/lifecycle/record-lifecycle.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { awaitingDeclaration, declarationsOf, insertDeclaration } from '../store/repositories/declarations.repository.ts';
import { findFile } from '../store/repositories/files.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import { type AppContext, today } from './context.ts';
import { badRequest, conflict, forbidden, notFound } from './errors.ts';
import { uploadEvidenceWith } from './files.ts';
import type { SignedDeclarationFields, SignedDeclarationRequest } from './inputs-gateway.ts';
import { getRecord } from './records.ts';

const OPEN_FOR_GATEWAY = statusesAllowing('submit-gateway');

/** The party the actor declares as: an employer's user for its apprentices, an apprentice for themselves. */
function partyOf(actor: Actor): 'employer' | 'apprentice' {
  if (actor.role === 'employer' || actor.role === 'apprentice') return actor.role;
  throw forbidden('the employer and the apprentice each make their own declaration; the provider declares by submitting the gateway');
}

/** The record's declarations so far, and what each party is asked to confirm. */
export async function gatewayDeclarations(ctx: AppContext, actor: Actor, recordId: string) {
  const record = await getRecord(ctx, actor, recordId);
  return {
    recordId,
    open: OPEN_FOR_GATEWAY.includes(record.status),
    declarations: await declarationsOf(ctx.db, recordId),
    statements: {
      employer: [...DECLARATION_STATEMENTS.employer],
      provider: [...DECLARATION_STATEMENTS.provider],
      apprentice: [...DECLARATION_STATEMENTS.apprentice],
    },
    source: DECLARATION_SOURCE,
  };
}

/** The employer or apprentice confirms their own declaration, once, while the record is open for gateway. */
export async function declareForGateway(ctx: AppContext, actor: Actor, recordId: string) {
  const party = partyOf(actor);
  const record = await getRecord(ctx, actor, recordId);
  if (!OPEN_FOR_GATEWAY.includes(record.status))
    throw conflict('GATEWAY_NOT_OPEN', `the record is ${record.status}: declarations are made before the gateway is submitted`);
  await inTransaction(ctx.db, (trx) => writeDeclaration(trx, actor, recordId, party, today(ctx), null));
  return gatewayDeclarations(ctx, actor, recordId);
}

type SignedRecord = z.infer<typeof SignedDeclarationFields>;

/**
 * The provider (or the EPAO) records a party's declaration from the signed Gateway
 * Declaration Record it holds (004 Section 1), naming who signed it, with the form
 * already uploaded to the record as `declaration-record`.
 */
export async function recordSignedDeclaration(ctx: AppContext, actor: Actor, recordId: string, input: SignedDeclarationRequest) {
  await assertMayRecord(ctx, actor, recordId, input);
  await inTransaction(ctx.db, async (trx) => {
    const file = await findFile(trx, input.fileId);
    if (!file || file.epaRecordId !== recordId) throw notFound(`file ${input.fileId} of EPA record ${recordId}`);
    if (file.purpose !== 'declaration-record')
      throw badRequest('NOT_A_DECLARATION_RECORD', `file ${input.fileId} was uploaded as ${file.purpose}, not as a signed declaration record`);
    await writeDeclaration(trx, actor, recordId, input.party, input.signedOn, { signedBy: input.signedBy, fileId: input.fileId });
  });
  return gatewayDeclarations(ctx, actor, recordId);
}

/** The same, uploading the signed form with it: the file and the declaration are written together or not at all. */
export async function uploadSignedDeclaration(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: SignedRecord,
  form: { fileName: string; bytes: Uint8Array },
) {
  await assertMayRecord(ctx, actor, recordId, input);
  await uploadEvidenceWith(ctx, actor, recordId, { purpose: 'declaration-record', ksbs: [], ...form }, (trx, file) =>
    writeDeclaration(trx, actor, recordId, input.party, input.signedOn, { signedBy: input.signedBy, fileId: file.id }),
  );
  return gatewayDeclarations(ctx, actor, recordId);
}

async function assertMayRecord(ctx: AppContext, actor: Actor, recordId: string, input: SignedRecord) {
  if (!may(actor, 'gateway.submit')) throw forbidden('a signed declaration record is recorded by the training provider or the EPAO');
  const record = await getRecord(ctx, actor, recordId);
  if (!OPEN_FOR_GATEWAY.includes(record.status))
    throw conflict('GATEWAY_NOT_OPEN', `the record is ${record.status}: declarations are made before the gateway is submitted`);
  const problem = signedRecordDateProblem(input.signedOn, today(ctx));
  if (problem) throw badRequest(problem.code, problem.message);
}

/** A party's declaration on file, made signed in (`signed` null) or held on the signed record uploaded; once per party. */
async function writeDeclaration(
  trx: Db,
  actor: Actor,
  recordId: string,
  party: 'employer' | 'apprentice',
  declaredOn: string,
  signed: { signedBy: string; fileId: string } | null,
) {
  const statement = DECLARATION_STATEMENTS[party].join('\n');
  const made = await insertDeclaration(trx, {
    epaRecordId: recordId,
    party,
    declaredBy: actor.userId,
    declaredOn,
    statement,
    ...(signed ? { signedBy: signed.signedBy, evidenceFileId: signed.fileId } : {}),
  });
  if (!made) throw conflict('ALREADY_DECLARED', `the ${party}'s declaration was already made for this record`);
  await appendAudit(trx, {
    actorId: actor.userId,
    actor: actor.name,
    action: 'declare',
    entity: 'epa-record',
    entityId: recordId,
    after: { party, statement, ...(signed ? { signedBy: signed.signedBy, signedOn: declaredOn, fileId: signed.fileId } : {}) },
  });
}

/** The records whose declaration waits for this employer or apprentice: their home page's task. */
export async function declarationsToMake(ctx: AppContext, actor: Actor) {
  if (actor.role === 'employer' && actor.organisationId)
    return awaitingDeclaration(ctx.db, { party: 'employer', organisationId: actor.organisationId }, OPEN_FOR_GATEWAY, 50);
  if (actor.role === 'apprentice' && actor.apprenticeId)
    return awaitingDeclaration(ctx.db, { party: 'apprentice', apprenticeId: actor.apprenticeId }, OPEN_FOR_GATEWAY, 50);
  return [];
}
