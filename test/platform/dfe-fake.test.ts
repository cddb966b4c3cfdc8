// The fake DfE Assessor Service External API (test/fake-dfe) checked through HTTP: the rules of
// shared/interop/dfe-assessor-external-api.md it keeps, so the product's tests meet a service
// that refuses what the real one refuses — a pass to delivery, a fail, a re-sit, a withdrawal, a
// family name the ILR spells otherwise, the batch limit, the key, the rate limit, injected failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ST0071_APPROVAL } from '../fake-dfe/approvals.ts';
import { type FakeAssessorOptions, type FakeAssessorServer, startFakeAssessorService } from '../fake-dfe/server.ts';

const KEY = 'fake-subscription-key';
const ST0071 = { standardReference: 'ST0071' };
const CONTACT = { contactName: 'Sam Harbour', organisation: 'Harbour Energy', addressLine1: '1 Quay Street', city: 'Leeds', postCode: 'ls1 4ap' };
const OPTIONS: FakeAssessorOptions = {
  subscriptionKey: KEY,
  approvals: [ST0071_APPROVAL],
  now: () => new Date('2026-03-02T12:00:00Z'),
};

// biome-ignore lint/suspicious/noExplicitAny: the answers are raw JSON, read freely in the assertions
type Answer = { status: number; body: any; retryAfter: string | null };
async function call(fake: FakeAssessorServer, method: string, path: string, body?: unknown, o: { key?: string | null; type?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (o.key !== null) headers['Ocp-Apim-Subscription-Key'] = o.key ?? KEY;
  if (body !== undefined) headers['Content-Type'] = o.type ?? 'application/json';
  const response = await fetch(`${fake.url}/api/v1/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, retryAfter: response.headers.get('retry-after') };
}

let fake: FakeAssessorServer;
let next = 0;
/** A learner of ST0071 in the ILR, a ULN of their own. */
function learner(o: { familyName?: string; completionStatus?: 1 | 2 | 3 | 6 } = {}) {
  next += 1;
  const uln = 1_200_000_000 + next;
  const familyName = o.familyName ?? 'Walker';
  fake.service.addLearner({
    uln,
    familyName,
    givenNames: 'Chloe',
    standardReference: 'ST0071',
    learnStartDate: '2024-09-02',
    completionStatus: o.completionStatus,
  });
  return { uln, familyName };
}
type Who = { uln: number; familyName: string };
const epa = (who: Who, epas: object[], extra: object = {}) => ({ standard: ST0071, learner: who, epaDetails: { epas }, ...extra });
const claim = (who: Who, overallGrade: string, extra: object = {}) => ({
  standard: ST0071,
  learner: who,
  learningDetails: { overallGrade, achievementDate: '2026-02-20' },
  postalContact: CONTACT,
  ...extra,
});

beforeAll(async () => {
  fake = await startFakeAssessorService(OPTIONS);
});
afterAll(() => fake.close());

describe('the fake DfE Assessor Service: a pass and a fail', () => {
  it('takes a pass from the EPA to the certificate delivered', async () => {
    const who = learner();
    const recorded = await call(fake, 'POST', 'epa', [epa(who, [{ epaDate: '2026-02-10', epaOutcome: 'pass' }], { requestId: 'e1' })]);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual([{ requestId: 'e1', epaReference: expect.stringMatching(/^\d{8}$/), validationErrors: [] }]);
    const reference = recorded.body[0].epaReference;
    expect(fake.service.certificate(reference)).toMatchObject({ status: 'Draft', grade: undefined, version: '1.2' });
    expect((await call(fake, 'GET', `certificate/${who.uln}/${who.familyName}/ST0071`)).status).toBe(204); // the EPA shell
    const twice = await call(fake, 'POST', 'epa', [epa(who, [{ epaDate: '2026-02-10', epaOutcome: 'Pass' }])]);
    expect(twice.body).toEqual([{ validationErrors: ['EPA already provided'] }]);

    const made = await call(fake, 'POST', 'certificate', [claim(who, 'distinction')]);
    expect(made.body[0]).not.toHaveProperty('requestId');
    expect(made.body[0].validationErrors).toEqual([]);
    const certificate = made.body[0].certificate;
    expect(certificate.status.currentStatus).toBe('Ready');
    expect(certificate.certificateData).toMatchObject({
      certificateReference: reference,
      standard: { standardCode: 278, standardReference: 'ST0071', standardName: 'Customer Service Specialist', level: 3 },
      learner: { uln: who.uln, givenNames: 'Chloe', familyName: 'Walker' },
      learningDetails: { version: '1.2', overallGrade: 'Distinction', achievementDate: '2026-02-20', learningStartDate: '2024-09-02' },
    });
    expect(certificate.certificateData).not.toHaveProperty('coronationEmblem');
    expect(certificate.created).toEqual({ createdAt: '2026-03-02T12:00:00', createdBy: 'API' });

    const submit = [{ requestId: 's1', uln: who.uln, standardCode: 278, familyName: 'walker', certificateReference: reference }];
    const submitted = await call(fake, 'POST', 'certificate/submit', submit);
    expect(submitted.body[0].certificate.status.currentStatus).toBe('Submitted');
    expect(submitted.body[0].certificate.submitted.submittedBy).toBe('API');
    expect((await call(fake, 'POST', 'certificate/submit', submit)).body[0].validationErrors).toEqual(['Certificate has already been submitted']);

    fake.service.print(reference);
    const printed = await call(fake, 'GET', `certificate/${who.uln}/Walker/278`);
    expect(printed.body).toMatchObject({ status: { currentStatus: 'Printed' }, printed: { printedBatch: 1 }, delivered: { status: 'WaitingForDelivery' } });
    const asLearner = await call(fake, 'GET', `learner/${who.uln}/Walker/ST0071`);
    expect(asLearner.body.certificate.status.currentStatus).toBe('Submitted'); // print-process statuses read as Submitted there
    expect(asLearner.body.epaDetails).toMatchObject({ epaReference: reference, latestEpaOutcome: 'Pass', latestEpaDate: '2026-02-10' });
    fake.service.deliver(reference);
    const delivered = await call(fake, 'GET', `certificate/${who.uln}/Walker/ST0071`);
    expect(delivered.body.status.currentStatus).toBe('Delivered');
    expect(delivered.body.delivered).toEqual({ status: 'Delivered', deliveryDate: '2026-03-02T12:00:00' });
  });

  it('records a fail as a submitted Fail and refuses a Fail grade on a certificate', async () => {
    const who = learner();
    const recorded = await call(fake, 'POST', 'epa', [epa(who, [{ epaDate: '2026-02-10', epaOutcome: 'FAIL' }])]);
    const reference = recorded.body[0].epaReference;
    expect(fake.service.certificate(reference)).toMatchObject({ status: 'Submitted', grade: 'Fail' });
    expect((await call(fake, 'GET', `certificate/${who.uln}/Walker/ST0071`)).status).toBe(204);
    expect((await call(fake, 'GET', `learner/${who.uln}/Walker/ST0071`)).body.epaDetails.latestEpaOutcome).toBe('Fail');
    const refused = await call(fake, 'POST', 'certificate', [claim(who, 'Fail', { requestId: 'c1' })]);
    expect(refused.body).toEqual([{ requestId: 'c1', validationErrors: ['Cannot record a Fail grade via API'] }]);
    const again = await call(fake, 'POST', 'epa', [epa(who, [{ epaDate: '2026-02-11', epaOutcome: 'Pass' }])]);
    expect(again.body).toEqual([{ validationErrors: ['EPA already provided'] }]);
  });
});

describe('the fake DfE Assessor Service: re-sits, withdrawals, names and dates', () => {
  it('takes a re-sit after a fail with PUT epa, then the certificate', async () => {
    const who = learner();
    const fail = { epaDate: '2026-01-10', epaOutcome: 'Fail' };
    const reference = (await call(fake, 'POST', 'epa', [epa(who, [fail])])).body[0].epaReference;
    const noReference = await call(fake, 'PUT', 'epa', [epa(who, [fail, { epaDate: '2026-02-15', epaOutcome: 'Pass', resit: true }])]);
    expect(noReference.body[0].validationErrors).toEqual(['EPA reference is required']);
    const resit = await call(fake, 'PUT', 'epa', [epa(who, [fail, { epaDate: '2026-02-15', epaOutcome: 'Pass', resit: true }], { epaReference: reference })]);
    expect(resit.body).toEqual([{ epaReference: reference, validationErrors: [] }]);
    expect(fake.service.certificate(reference)).toMatchObject({ status: 'Draft', grade: undefined });
    const learnerView = await call(fake, 'GET', `learner/${who.uln}/Walker/ST0071`);
    expect(learnerView.body.epaDetails.epas).toEqual([
      { epaDate: '2026-01-10', epaOutcome: 'Fail' },
      { epaDate: '2026-02-15', epaOutcome: 'Pass', resit: true },
    ]);
    const shell = await call(fake, 'PUT', 'certificate', [claim(who, 'Merit', { certificateReference: reference })]);
    expect(shell.body[0].validationErrors).toEqual(['Certificate not found']); // a shell is filled with POST
    const made = await call(fake, 'POST', 'certificate', [claim(who, 'Merit')]);
    expect(made.body[0].certificate.certificateData.certificateReference).toBe(reference);
    expect(made.body[0].certificate.status.currentStatus).toBe('Ready');
    expect((await call(fake, 'POST', 'certificate', [claim(who, 'Merit')])).body[0].validationErrors).toEqual([`Certificate already exists: ${reference}`]);
  });

  it('records a withdrawal, and refuses a learner the ILR shows withdrawn', async () => {
    const who = learner();
    const withdrawn = await call(fake, 'POST', 'epa', [epa(who, [{ epaDate: '2026-02-01', epaOutcome: 'withdrawn' }])]);
    expect(fake.service.certificate(withdrawn.body[0].epaReference)).toMatchObject({ status: 'Draft', grade: undefined, epas: [{ epaOutcome: 'Withdrawn' }] });
    expect((await call(fake, 'GET', `learner/${who.uln}/Walker/ST0071`)).body.epaDetails.latestEpaOutcome).toBe('Withdrawn');
    for (const completionStatus of [3, 6] as const) {
      const gone = learner({ completionStatus });
      const refused = await call(fake, 'POST', 'epa', [epa(gone, [{ epaDate: '2026-02-01', epaOutcome: 'Pass' }])]);
      expect(refused.body).toEqual([{ validationErrors: ['Cannot find the apprentice details'] }]);
    }
  });

  it('matches the family name as the ILR spells it, case aside; judges dates against the injected now', async () => {
    const who = learner({ familyName: 'Walker' });
    const wrong = await call(fake, 'POST', 'epa', [
      epa({ ...who, familyName: 'Walkers' }, [{ epaDate: '2026-02-01', epaOutcome: 'Pass' }], { requestId: 'x' }),
    ]);
    expect(wrong.body).toEqual([{ requestId: 'x', validationErrors: ['ULN, FamilyName and Standard not found.'] }]);
    const lookUp = await call(fake, 'GET', `learner/${who.uln}/Walkers/ST0071`);
    expect([lookUp.status, lookUp.body]).toEqual([403, { statusCode: 403, message: 'ULN, FamilyName and Standard not found' }]);
    const tomorrow = [{ epaDate: '2026-03-03', epaOutcome: 'Pass' }];
    expect((await call(fake, 'POST', 'epa', [epa({ ...who, familyName: 'WALKER' }, tomorrow)])).body[0].validationErrors).toEqual([
      'EPA date must not be in the future',
    ]);
    fake.service.now = () => new Date('2026-03-03T09:00:00Z');
    try {
      expect((await call(fake, 'POST', 'epa', [epa({ ...who, familyName: 'WALKER' }, tomorrow)])).body[0].validationErrors).toEqual([]);
    } finally {
      fake.service.now = OPTIONS.now as () => Date;
    }
  });
});

describe('the fake DfE Assessor Service: the gateway and the binding', () => {
  it('limits a batch to 25; refuses a body that does not bind (403) or is not JSON (415)', async () => {
    const who = learner();
    const items = (count: number) => Array.from({ length: count }, () => epa(who, [{ epaDate: '2026-02-01', epaOutcome: 'Nope' }]));
    const big = await call(fake, 'POST', 'epa', items(26));
    expect([big.status, big.body]).toEqual([403, { statusCode: 403, message: 'Batch limited to 25 requests' }]);
    const full = await call(fake, 'POST', 'epa', items(25));
    expect([full.status, full.body.length, full.body[0].validationErrors]).toEqual([
      200,
      25,
      ['Invalid EPA outcome. Must be one of the following: Pass, Fail, Withdrawn'],
    ]);
    const notArray = await call(fake, 'POST', 'certificate', claim(who, 'Pass'));
    expect([notArray.status, notArray.body.message]).toEqual([403, expect.stringMatching(/^Your request contains invalid input/)]);
    const badUln = await call(fake, 'POST', 'certificate/submit', [
      { uln: 'not a number', standardCode: 278, familyName: 'Walker', certificateReference: '1' },
    ]);
    expect(badUln.status).toBe(403);
    expect((await call(fake, 'POST', 'epa', [], { type: 'text/plain' })).status).toBe(415);
  });

  it('refuses a call without the subscription key, or with the wrong one (401), and logs the key sent', async () => {
    const before = fake.requests.length;
    const missing = await call(fake, 'GET', 'certificate/grades', undefined, { key: null });
    expect([missing.status, missing.body.statusCode]).toEqual([401, 401]);
    expect((await call(fake, 'GET', 'certificate/grades', undefined, { key: 'wrong' })).status).toBe(401);
    const grades = await call(fake, 'GET', 'certificate/grades');
    expect(grades.body).toEqual(['Pass', 'Credit', 'Merit', 'Distinction', 'Pass with excellence', 'Outstanding', 'No grade awarded']);
    const logged = fake.requests.slice(before);
    expect(logged.map((r) => [r.subscriptionKeySent, r.status])).toEqual([
      [undefined, 401],
      ['wrong', 401],
      [KEY, 200],
    ]);
    expect(logged[2]?.headers).not.toHaveProperty('ocp-apim-subscription-key');
  });

  it('answers 429 with Retry-After past its rate, in a sliding window', async () => {
    const limited = await startFakeAssessorService({ ...OPTIONS, rateLimit: { calls: 3, windowMs: 1000 } });
    try {
      const started = Date.now();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(limited, 'GET', 'certificate/grades')).status);
      expect(statuses).toEqual([200, 200, 200]);
      const over = await call(limited, 'GET', 'certificate/grades');
      expect([over.status, over.retryAfter, over.body]).toEqual([429, '1', { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' }]);
      await new Promise((resolve) => setTimeout(resolve, started + 1050 - Date.now()));
      expect((await call(limited, 'GET', 'certificate/grades')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers injected failures for the next calls, then behaves again', async () => {
    fake.failNext(503);
    const unavailable = await call(fake, 'GET', 'certificate/grades');
    expect([unavailable.status, unavailable.retryAfter]).toEqual([503, '1']);
    fake.failNext(500, 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(fake, 'GET', 'certificate/grades')).status);
    expect(statuses).toEqual([500, 500, 200]);
    fake.failNext(429, 1, { retryAfterSeconds: 7 });
    const throttled = await call(fake, 'GET', 'certificate/grades');
    expect([throttled.status, throttled.retryAfter, throttled.body.message]).toEqual([429, '7', 'Rate limit is exceeded. Try again in 7 seconds.']);
  });
});
