// The fake Assessor Service keeps the API's rules (shared/interop/dfe-assessor-external-api.md):
// checked here through HTTP, so the product's flow tests run against something that refuses
// what the real service refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAssessorService } from '../dfe-fake/server.ts';

const KEY = 'fake-key';
const ULN = 1234567890;
const standard = { standardReference: 'ST0071' };
const learner = { uln: ULN, familyName: 'Walker' };
const contact = { contactName: 'Sam', organisation: 'Harbour Energy', addressLine1: '1 Quay Street', city: 'Leeds', postCode: 'LS1 4AP' };

describe('the fake Assessor Service', () => {
  let fake: Awaited<ReturnType<typeof startFakeAssessorService>>;
  const call = async (method: string, path: string, body?: unknown, key = KEY, type = 'application/json') => {
    const r = await fetch(`${fake.url}/api/v1/${path}`, {
      method,
      headers: { 'Ocp-Apim-Subscription-Key': key, ...(body === undefined ? {} : { 'Content-Type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, retryAfter: r.headers.get('retry-after') };
  };

  beforeAll(async () => {
    fake = await startFakeAssessorService({
      subscriptionKey: KEY,
      approvals: [{ standardReference: 'ST0071', larsCode: 278, title: 'Customer Service Specialist', level: 3, versions: [{ version: '1.2', options: [] }] }],
      now: () => new Date('2026-03-02T12:00:00Z'),
      rateLimit: { calls: 40, windowMs: 60_000 },
    });
    fake.service.addLearner({ uln: ULN, familyName: 'Walker', givenNames: 'Chloe', standardReference: 'ST0071', learnStartDate: '2024-09-02' });
  });
  afterAll(() => fake.close());

  it('refuses a wrong key (401), a batch over 25 and a body that does not bind (403), a body that is not JSON (415)', async () => {
    expect((await call('POST', 'epa', [], 'wrong')).status).toBe(401);
    const big = await call(
      'POST',
      'epa',
      Array.from({ length: 26 }, () => ({})),
    );
    expect([big.status, big.body.message]).toEqual([403, 'Batch limited to 25 requests']);
    expect((await call('POST', 'epa', { not: 'an array' })).body.message).toMatch(/^Your request contains invalid input/);
    expect((await call('POST', 'epa', '[{', KEY)).status).toBe(403);
    expect((await call('POST', 'epa', 'x', KEY, 'text/plain')).status).toBe(415);
  });

  it('matches the learner by ULN, family name (case aside) and standard; echoes requestId only when sent', async () => {
    const wrongName = await call('POST', 'epa', [
      { requestId: 'a', standard, learner: { ...learner, familyName: 'Walkers' }, epaDetails: { epas: [{ epaDate: '2026-02-01', epaOutcome: 'Pass' }] } },
    ]);
    expect(wrongName.body).toEqual([{ requestId: 'a', validationErrors: ['ULN, FamilyName and Standard not found.'] }]);
    const future = await call('POST', 'epa', [
      { standard, learner: { ...learner, familyName: 'WALKER' }, epaDetails: { epas: [{ epaDate: '2026-03-03', epaOutcome: 'pass' }] } },
    ]);
    expect(future.body[0].validationErrors).toEqual(['EPA Date cannot be in the future']);
    expect(future.body[0]).not.toHaveProperty('requestId');
  });

  it('records a pass as a Draft shell, fills it with a certificate (never a Fail), submits it once; prints and delivers', async () => {
    const epa = await call('POST', 'epa', [{ requestId: 'e', standard, learner, epaDetails: { epas: [{ epaDate: '2026-02-01', epaOutcome: 'Pass' }] } }]);
    expect(epa.body[0]).toMatchObject({ requestId: 'e', epaReference: expect.stringMatching(/^\d{8}$/), validationErrors: [] });
    const again = await call('POST', 'epa', [{ standard, learner, epaDetails: { epas: [{ epaDate: '2026-02-01', epaOutcome: 'Pass' }] } }]);
    expect(again.body[0].validationErrors[0]).toMatch(/^EPA already provided/);
    const details = { version: '1.2', overallGrade: 'Fail', achievementDate: '2026-02-01' };
    expect((await call('POST', 'certificate', [{ standard, learner, learningDetails: details, postalContact: contact }])).body[0].validationErrors).toEqual([
      'Cannot record a Fail grade via API',
    ]);
    const badPostcode = await call('POST', 'certificate', [
      { standard, learner, learningDetails: { ...details, overallGrade: 'Distinction' }, postalContact: { ...contact, postCode: 'LS1' } },
    ]);
    expect(badPostcode.body[0].validationErrors).toEqual(['Postcode is not valid']);
    const made = await call('POST', 'certificate', [
      { standard, learner, learningDetails: { ...details, overallGrade: 'distinction' }, postalContact: contact },
    ]);
    const certificate = made.body[0].certificate;
    expect(certificate.status.currentStatus).toBe('Ready');
    expect(certificate.certificateData.learningDetails.overallGrade).toBe('Distinction');
    const reference = certificate.certificateData.certificateReference;
    expect((await call('GET', `certificate/${ULN}/Walker/ST0071`)).body.status.currentStatus).toBe('Ready');
    const submit = { uln: ULN, standardReference: 'ST0071', familyName: 'Walker', certificateReference: reference };
    expect((await call('POST', 'certificate/submit', [submit])).body[0].certificate.status.currentStatus).toBe('Submitted');
    expect((await call('POST', 'certificate/submit', [submit])).body[0].validationErrors).toEqual(['Certificate has already been submitted']);
    fake.service.print(reference);
    expect((await call('GET', `certificate/${ULN}/Walker/278`)).body).toMatchObject({
      status: { currentStatus: 'Printed' },
      delivered: { status: 'WaitingForDelivery' },
    });
    fake.service.deliver(reference);
    expect((await call('GET', `certificate/${ULN}/Walker/ST0071`)).body.status.currentStatus).toBe('Delivered');
  });

  it('answers an unknown learner with 403 and its message, never 404', async () => {
    const unknown = await call('GET', 'learner/1234567891/Walker/ST0071');
    expect([unknown.status, unknown.body.message]).toEqual([403, 'ULN, FamilyName and Standard not found']);
    expect((await call('GET', `learner/${ULN}/walker/ST0071`)).body.learnerData.learner.givenNames).toBe('Chloe');
  });

  it('answers 429 with Retry-After past its rate, and the injected failures in turn', async () => {
    fake.failNext(503, 1);
    expect((await call('GET', 'certificate/grades')).status).toBe(503);
    let last = 200;
    let retryAfter: string | null = null;
    for (let i = 0; i < 45 && last !== 429; i++) ({ status: last, retryAfter } = await call('GET', 'certificate/grades'));
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
