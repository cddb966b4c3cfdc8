// A claimed certificate reaches DfE in two steps once its wait is over and the record's EPA
// outcome is there: POST certificate fills the EPA's Draft shell (the answer gives the
// certificate reference), then POST certificate/submit sends it for printing. Then its
// status is read back (GET certificate) until it is delivered. shared/interop/
// dfe-assessor-external-api.md: Create / update certificate; Submit certificate; Statuses.
import { heldByAppeal } from '../../domain/appeals/steps.ts';
import { batches } from '../../domain/certification/claim.ts';
import { certificateGrade } from '../../domain/dfe/outcomes.ts';
import { certificateItem, certificateProblems, DFE_BATCH_LIMIT, submitItem } from '../../domain/dfe/requests.ts';
import { certificateNotBefore } from '../../domain/dfe/wait.ts';
import type { Db } from '../../store/database.ts';
import { openAppealOfRecord } from '../../store/repositories/appeals.repository.ts';
import { changeItem, type DfeRow, dueCertificates, dueItems, epaItemOf, itemFacts, lookLater, setNotBefore } from '../../store/repositories/dfe.repository.ts';
import type { AppContext } from '../context.ts';
import { appealWindow } from '../epao-settings.ts';
import { answersById, apiProblems, type DfeCertificate } from './answers.ts';
import type { DfeApi } from './client.ts';
import { courseOptionFindings, learnerOf, postalContactOf } from './facts.ts';
import { certificateWait } from './settings.ts';
import { afterFailure, type RunTally } from './tally.ts';

type Facts = Awaited<ReturnType<typeof itemFacts>>;
type Item = { row: DfeRow; facts: Facts; body: unknown };

const problem = (code: string, message: string) => [{ code, message, source: 'Capstone' }];

const hoursFrom = (now: Date, hours: number) => new Date(now.getTime() + hours * 3_600_000);

/**
 * Claimed certificates whose wait is over, whose EPA outcome DfE has and whose result no
 * appeal holds: each ready to create (or to amend, when DfE already gave it a reference),
 * held with why, or looked at again later.
 */
async function readyToCreate(ctx: AppContext, db: Db, today: string, tally: RunTally): Promise<Item[]> {
  const ready: Item[] = [];
  for (const row of await dueCertificates(db, ctx.now(), today, 500)) {
    const facts = await itemFacts(db, row.epaRecordId, row.certificateId);
    const cert = facts.certificate;
    if (cert?.resultStatus !== 'released' || (cert.overall !== 'pass' && cert.overall !== 'distinction')) {
      await changeItem(db, row.id, {
        state: 'held',
        problems: problem('DFE_RESULT_NOT_IN_FORCE', 'the result this certificate was claimed for is no longer in force'),
      });
      tally.certificates.held += 1;
      continue;
    }
    if (!row.notBefore) {
      // First sight of the claim: its appeal wait (domain/dfe/wait.ts).
      const notBefore = certificateNotBefore(cert.releasedOn as string, cert.overall, certificateWait(process.env, appealWindow().workingDays), ctx.holidays);
      await setNotBefore(db, row.id, notBefore);
      if (notBefore > today && !row.releasedEarlyBy) {
        tally.certificates.waiting += 1;
        continue;
      }
    }
    // A certificate claim waits for an open appeal (domain/appeals/steps.ts): DfE prints what it is sent, and the grade may change.
    if (heldByAppeal((await openAppealOfRecord(db, row.epaRecordId)) ?? null, 'claim', null)) {
      await lookLater(db, row.id, hoursFrom(ctx.now(), 24));
      tally.certificates.waiting += 1;
      continue;
    }
    const epa = await epaItemOf(db, row.epaRecordId);
    if (epa?.state !== 'done' || !epa.dfeReference) {
      await lookLater(db, row.id, hoursFrom(ctx.now(), 1));
      tally.certificates.waiting += 1;
      continue;
    }
    const learner = learnerOf(ctx, facts);
    const contact = postalContactOf(facts);
    const problems = [...certificateProblems(learner, cert.releasedOn as string, contact, today), ...courseOptionFindings(ctx, facts)];
    if (problems.length > 0 || !contact) {
      await changeItem(db, row.id, { state: 'held', problems });
      tally.certificates.held += 1;
      continue;
    }
    const body = certificateItem(row.id, learner, certificateGrade(cert.overall), cert.releasedOn as string, contact, row.dfeReference);
    ready.push({ row, facts, body });
  }
  return ready;
}

/** Sends `items` in batches to `path`; each answer settles its item through `settle`. */
async function inBatches(
  db: Db,
  api: DfeApi,
  now: Date,
  method: 'POST' | 'PUT',
  path: string,
  items: Item[],
  settle: (item: Item, errors: string[], certificate: DfeCertificate | undefined) => Promise<void>,
) {
  for (const batch of batches(items, DFE_BATCH_LIMIT)) {
    const answer = await api
      .call(
        method,
        path,
        batch.map((i) => i.body),
      )
      .catch(
        afterFailure(
          db,
          batch.map((i) => i.row),
          now,
        ),
      );
    const answers = answersById(
      answer,
      batch.map((i) => i.row.id),
    );
    for (const item of batch) {
      const got = answers.get(item.row.id);
      await settle(item, got?.validationErrors ?? (got ? [] : ['the Assessor Service did not answer this item']), got?.certificate);
    }
  }
}

/** "Certificate already exists: <ref>": DfE holds it already (a create whose answer was lost on the way). */
const heldAlready = (errors: readonly string[]) =>
  errors.map((e) => /^Certificate already exists: (\S+)$/.exec(e.trim())?.[1]).find((ref) => ref !== undefined);
const SUBMITTED_ALREADY = 'Certificate has already been submitted';

export async function sendCertificates(ctx: AppContext, db: Db, api: DfeApi | null, today: string, tally: RunTally): Promise<void> {
  const ready = await readyToCreate(ctx, db, today, tally);
  if (!api) {
    tally.certificates.waiting += ready.length;
    return;
  }
  tally.certificates.sent += ready.length;
  const made = async ({ row }: Item, errors: string[], certificate: DfeCertificate | undefined) => {
    const existing = heldAlready(errors);
    const reference = certificate?.certificateData?.certificateReference ?? existing ?? (errors.length === 0 ? row.dfeReference : null);
    if ((errors.length > 0 && !existing) || !reference) {
      await changeItem(db, row.id, {
        state: 'rejected',
        problems: apiProblems(errors.length ? errors : ['no certificate reference came back']),
        attempted: true,
      });
      tally.certificates.rejected += 1;
      return;
    }
    const dfeStatus = certificate?.status?.currentStatus ?? null;
    await changeItem(db, row.id, { state: 'sent', problems: [], dfeReference: reference, dfeStatus, sent: true, attempted: true });
    tally.certificates.accepted += 1;
  };
  // A new one is created; one DfE already gave a reference (sent again after a refusal) is amended.
  await inBatches(
    db,
    api,
    ctx.now(),
    'POST',
    'certificate',
    ready.filter((i) => !i.row.dfeReference),
    made,
  );
  await inBatches(
    db,
    api,
    ctx.now(),
    'PUT',
    'certificate',
    ready.filter((i) => i.row.dfeReference),
    made,
  );
  // Created now or on an earlier run: each is submitted for printing with the reference DfE gave.
  const toSubmit: Item[] = [];
  for (const row of await dueItems(db, 'certificate', ['sent'], ctx.now(), 500)) {
    const facts = await itemFacts(db, row.epaRecordId, row.certificateId);
    toSubmit.push({ row, facts, body: submitItem(row.id, learnerOf(ctx, facts), row.dfeReference as string) });
  }
  await inBatches(db, api, ctx.now(), 'POST', 'certificate/submit', toSubmit, async ({ row }, errors, certificate) => {
    if (errors.length > 0 && !errors.every((e) => e === SUBMITTED_ALREADY)) {
      await changeItem(db, row.id, { state: 'rejected', problems: apiProblems(errors), attempted: true });
      tally.certificates.rejected += 1;
      return;
    }
    await changeItem(db, row.id, { state: 'submitted', problems: [], dfeStatus: certificate?.status?.currentStatus ?? 'Submitted', attempted: true });
    tally.certificates.submitted += 1;
  });
}

/** Reads each submitted certificate's status back, once a day, until DfE has delivered it. */
export async function readStatuses(ctx: AppContext, db: Db, api: DfeApi, tally: RunTally): Promise<void> {
  const now = ctx.now();
  for (const row of await dueItems(db, 'certificate', ['submitted'], now, 200)) {
    const learner = learnerOf(ctx, await itemFacts(db, row.epaRecordId, row.certificateId));
    const path = `certificate/${learner.uln}/${encodeURIComponent(learner.familyName)}/${encodeURIComponent(learner.standardReference)}`;
    const answer = await api.call('GET', path).catch(afterFailure(db, [row], now));
    tally.statuses.read += 1;
    const status = answer.status === 200 ? ((answer.body as DfeCertificate | null)?.status?.currentStatus ?? null) : null;
    if (status === 'Printed') tally.statuses.printed += 1;
    if (status === 'Delivered') tally.statuses.delivered += 1;
    const next = new Date(now.getTime() + 24 * 3_600_000);
    await changeItem(db, row.id, { state: status === 'Delivered' ? 'done' : 'submitted', dfeStatus: status ?? row.dfeStatus, nextAttemptAt: next });
  }
}
