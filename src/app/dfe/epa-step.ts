// Sending each record's EPA outcomes: the first time by POST (the answer gives the EPA
// reference), afterwards by PUT with that reference and the whole list again (shared/interop/
// dfe-assessor-external-api.md, Create / update EPA: "PUT replaces the whole EPA list").
// Unchanged outcomes are not sent again; what the API would refuse for certain is held here.

import { batches } from '../../domain/certification/claim.ts';
import type { DfeEpa } from '../../domain/dfe/outcomes.ts';
import { DFE_BATCH_LIMIT, epaItem, epaProblems } from '../../domain/dfe/requests.ts';
import type { Db } from '../../store/database.ts';
import { changeItem, type DfeRow, dueItems, itemFacts } from '../../store/repositories/dfe.repository.ts';
import type { AppContext } from '../context.ts';
import { answersById, apiProblems } from './answers.ts';
import type { DfeApi } from './client.ts';
import { learnerOf, outcomesOf } from './facts.ts';
import { afterFailure, type RunTally } from './tally.ts';

type Ready = { row: DfeRow; item: ReturnType<typeof epaItem>; epas: DfeEpa[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The due EPA rows, each either settled here (unchanged, or held with its problems) or ready to send. */
async function prepare(ctx: AppContext, db: Db, today: string, tally: RunTally): Promise<Ready[]> {
  const ready: Ready[] = [];
  for (const row of await dueItems(db, 'epa', ['queued'], ctx.now(), 500)) {
    const facts = await itemFacts(db, row.epaRecordId, null);
    const learner = learnerOf(ctx, facts);
    const epas: DfeEpa[] = outcomesOf(facts);
    if (row.dfeReference && same(epas, row.sentOutcomes)) {
      await changeItem(db, row.id, { state: 'done' });
      continue;
    }
    const problems = epaProblems(learner, epas, today);
    if (problems.length > 0) {
      await changeItem(db, row.id, { state: 'held', problems });
      tally.epa.held += 1;
      continue;
    }
    ready.push({ row, item: epaItem(row.id, learner, epas, row.dfeReference), epas });
  }
  return ready;
}

/** DfE's words when it already holds outcomes for the learner ("EPA already provided…", "Certificate already exists…"). */
const ALREADY = /already (provided|exists)/i;

/** The EPA reference DfE holds for the item's learner (GET learner's epaDetails), or null. */
async function referenceAtDfe(api: DfeApi, item: ReturnType<typeof epaItem>): Promise<string | null> {
  const standard = item.standard.standardReference;
  const answer = await api.call('GET', `learner/${item.learner.uln}/${encodeURIComponent(item.learner.familyName)}/${encodeURIComponent(standard)}`);
  const reference = answer.status === 200 ? (answer.body as { epaDetails?: { epaReference?: unknown } } | null)?.epaDetails?.epaReference : null;
  return typeof reference === 'string' && reference ? reference : null;
}

export async function sendEpaOutcomes(ctx: AppContext, db: Db, api: DfeApi | null, today: string, tally: RunTally): Promise<void> {
  const ready = await prepare(ctx, db, today, tally);
  if (!api) {
    tally.epa.waiting += ready.length;
    return;
  }
  for (const [method, group] of [
    ['POST', ready.filter((r) => !r.row.dfeReference)],
    ['PUT', ready.filter((r) => r.row.dfeReference)],
  ] as const) {
    for (const batch of batches(group, DFE_BATCH_LIMIT)) {
      const answer = await api
        .call(
          method,
          'epa',
          batch.map((r) => r.item),
        )
        .catch(
          afterFailure(
            db,
            batch.map((r) => r.row),
            ctx.now(),
          ),
        );
      tally.epa.sent += batch.length;
      const answers = answersById(
        answer,
        batch.map((r) => r.row.id),
      );
      for (const row of batch.map((r) => ({ ...r.row, item: r.item, epas: r.epas }))) {
        const { epas } = row;
        const got = answers.get(row.id);
        const errors = got?.validationErrors ?? (got ? [] : ['the Assessor Service did not answer this item']);
        const known = method === 'POST' && errors.some((e) => ALREADY.test(e)) ? await referenceAtDfe(api, row.item) : null;
        if (known) {
          // DfE holds this record's outcomes already (a create whose answer was lost): the next run updates them.
          await changeItem(db, row.id, { state: 'queued', problems: [], dfeReference: known, attempted: true });
        } else if (errors.length > 0) {
          await changeItem(db, row.id, { state: 'rejected', problems: apiProblems(errors), attempted: true });
          tally.epa.rejected += 1;
        } else {
          await changeItem(db, row.id, {
            state: 'done',
            problems: [],
            dfeReference: got?.epaReference ?? row.dfeReference,
            sentOutcomes: epas,
            sent: true,
            attempted: true,
          });
          tally.epa.accepted += 1;
        }
      }
    }
  }
}
