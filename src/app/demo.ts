// Demo data for a newcomer, loaded by `npm start` on an empty database: an EPAO, its
// assessors and IQA, two training providers, employers and apprentices at every stage
// (src/app/demo-cast.ts), each made through the same use-cases a person would use (so the
// audit chain has them; src/app/demo-stages.ts). Stages in the past are made with the
// clock moved back to when they would have happened.
import type { Actor, Role } from '../domain/access/access.ts';
import { addDays, weekday } from '../domain/calendar/dates.ts';
import { demoMarked, hasUsers, insertOrganisation, insertUser, markDemoLoaded, releasedResultId } from '../store/repositories/demo.repository.ts';
import { lodgeAppeal } from './appeals.ts';
import { createAssessor } from './assessors.ts';
import { hashPassword } from './auth.ts';
import { advanceCertificate, claimCertificate } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { APPRENTICES, ASSESSORS, type DemoApprentice, ORGANISATIONS, STAFF } from './demo-cast.ts';
import { DemoStages } from './demo-stages.ts';
import { decideGateway } from './gateway.ts';
import { type EpaRecordView, registerApprentice } from './records.ts';
import { releaseResult, requestReattempt } from './results.ts';
import { withdraw } from './withdrawal.ts';

export const DEMO_PASSWORD = 'capstone-demo';

export type DemoLoaded = { password: string; users: { email: string; role: Role; name: string }[] };

export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoLoaded | null> {
  if (await hasUsers(ctx.db)) return null;
  return loadDemo(ctx);
}

/**
 * Whether loadDemo filled this database: it writes its marker last, so a database where
 * someone merely made an account at the demo's domain, or a load that stopped half-way,
 * does not show the demo accounts and their published password on the sign-in page.
 */
export async function demoDataLoaded(ctx: AppContext): Promise<boolean> {
  return demoMarked(ctx.db);
}

/** The last weekday before a date. */
function weekdayBefore(date: string): string {
  let d = addDays(date, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

/** The first weekday on or after a date. */
function weekdayFrom(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return d;
}

/** The demo as it is being made: today, the clock for a past day, and who is in it. */
type Demo = {
  ctx: AppContext;
  T: string;
  at: (date: string) => AppContext;
  /** The first weekday on or after `days` from today. */
  rel: (days: number) => string;
  org: (key: string) => string;
  users: DemoLoaded['users'];
  admin: Actor;
  iqa: Actor;
  providerOf: (key: string) => Actor;
  assessor: (key: string) => Actor;
};

export async function loadDemo(ctx: AppContext): Promise<DemoLoaded> {
  const demo = await seedPeople(ctx);
  for (const a of APPRENTICES) await takeApprentice(demo, a);
  await markDemoLoaded(ctx.db, ctx.now());
  return { password: DEMO_PASSWORD, users: demo.users };
}

/** The organisations, their staff's accounts and the assessors: everything before the first apprentice. */
async function seedPeople(ctx: AppContext): Promise<Demo> {
  const T = today(ctx);
  const at = (date: string): AppContext => ({ ...ctx, now: () => new Date(`${date}T09:00:00Z`) });
  const rel = (days: number) => weekdayFrom(addDays(T, days));

  const organisations = new Map<string, string>();
  for (const o of ORGANISATIONS)
    organisations.set(o.key, await insertOrganisation(ctx.db, { kind: o.kind, name: o.name, ukprn: 'ukprn' in o ? o.ukprn : null }));
  const org = (key: string) => organisations.get(key) as string;
  // Each account hashes the shared password itself: its own salt, so no two stored hashes
  // are the same and one cracked hash says nothing about another (about 20 ms each).
  const users: DemoLoaded['users'] = [];
  const actors = new Map<string, Actor>();
  for (const person of STAFF) {
    const organisationId = person.organisation ? org(person.organisation) : null;
    const userId = await insertUser(ctx.db, {
      email: person.email,
      name: person.name,
      role: person.role,
      organisationId,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    actors.set(person.email, { userId, role: person.role, organisationId, apprenticeId: null, assessorId: null, name: person.name });
    users.push({ email: person.email, role: person.role, name: person.name });
  }
  const admin = actors.get('admin@demo.capstone.test') as Actor;
  const iqa = actors.get('iqa@demo.capstone.test') as Actor;
  const providerOf = (key: string) => [...actors.values()].find((a) => a.role === 'provider' && a.organisationId === org(key)) as Actor;

  const assessors = new Map<string, Actor>();
  for (const a of ASSESSORS) {
    const created = await createAssessor(at(rel(-120)), admin, {
      email: a.email,
      name: a.name,
      password: DEMO_PASSWORD,
      standards: ['ST0071@1.1', 'ST0071@1.2', 'ST0072@1.1'],
      standardisedOn: addDays(T, -150),
      qualifications: [{ name: 'Level 3 Certificate in Assessing Vocational Achievement' }],
    });
    assessors.set(a.key, { userId: created.userId, role: 'assessor', organisationId: null, apprenticeId: null, assessorId: created.id, name: a.name });
    users.push({ email: a.email, role: 'assessor', name: a.name });
  }
  const assessor = (key: string) => assessors.get(key) as Actor;
  return { ctx, T, at, rel, org, users, admin, iqa, providerOf, assessor };
}

/** Registers the apprentice, gives them an account, and takes their EPA to its stage. */
async function takeApprentice(demo: Demo, a: DemoApprentice): Promise<void> {
  const { T, at, rel, admin } = demo;
  const provider = demo.providerOf(a.provider);
  const record = await registerApprentice(at(a.stage === 'registered' ? T : rel(-150)), provider, {
    uln: a.uln,
    givenNames: a.givenNames,
    familyName: a.familyName,
    dateOfBirth: a.dateOfBirth,
    ehcp: false,
    employerId: demo.org(a.employer),
    standard: a.standard,
    policy: a.policy,
    startDate: a.startDate,
    channel: a.channel,
    extraTimePercent: 0,
  });
  const email = `${a.givenNames.toLowerCase()}.${a.familyName.toLowerCase()}@apprentice.demo.capstone.test`;
  const name = `${a.givenNames} ${a.familyName}`;
  await insertUser(demo.ctx.db, { email, name, role: 'apprentice', apprenticeId: record.apprentice.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
  demo.users.push({ email, role: 'apprentice', name });
  if (a.stage === 'registered') return;
  if (a.stage === 'withdrawn') {
    await withdraw(at(rel(-20)), provider, record.id, { version: record.version, reason: 'Left the employer before gateway; the apprenticeship has ended.' });
    return;
  }

  const stages = new DemoStages(demo.ctx, at, record.id, a.standard, a.policy, provider, admin, demo.iqa, demo.assessor);
  const gatewayOn = {
    'gateway-submitted': T,
    'gateway-rejected': rel(-3),
    'gateway-approved': rel(-2),
    booked: rel(-10),
    assessing: rel(-35),
    'awaiting-moderation': rel(-60),
    'released-distinction': rel(-80),
    'released-pass': rel(-80),
    'failed-resit': rel(-75),
  }[a.stage];
  const submission = await stages.submitGateway(gatewayOn);
  if (a.stage === 'gateway-submitted') return;
  if (a.stage === 'gateway-rejected') {
    await decideGateway(at(gatewayOn), admin, submission, {
      decision: 'reject',
      reasons: ['The employer validation statement is not signed and dated.', 'Portfolio piece 7 is a reflective account, which cannot be used as evidence.'],
    });
    return;
  }
  await decideGateway(at(gatewayOn), admin, submission, { decision: 'approve' });
  // Approved and waiting: nothing booked, no project report yet (the booking and upload journeys start here).
  if (a.stage === 'gateway-approved') return;
  if (await takeThroughAssessments(demo, a, stages, gatewayOn)) return;
  await takeToResult(demo, a, stages, record, gatewayOn);
}

/** The stages that end before a result: booked, part-way through assessing, awaiting moderation. True if `a` ends at one. */
async function takeThroughAssessments(demo: Demo, a: DemoApprentice, stages: DemoStages, g: string): Promise<boolean> {
  const { T, rel } = demo;
  if (a.stage === 'booked') {
    await stages.book(g, 'showcase', rel(10), 'david');
    await stages.book(g, 'observation', rel(17), 'fatima');
    await stages.book(g, 'discussion', rel(24), 'helen');
    return true;
  }
  if (a.stage === 'assessing') {
    // The last weekday before today: a session already held, so it can be recorded now.
    const yesterday = weekdayBefore(T);
    await stages.book(g, 'observation', yesterday, 'helen');
    await stages.book(g, 'discussion', rel(6), 'david');
    await stages.book(g, 'project', rel(20), 'helen');
    await stages.submitReport(rel(-5));
    // Helen is part-way through recording yesterday's observation: a draft, saved as she went.
    await stages.assess('observation', yesterday, { submit: false, judged: 12 });
    return true;
  }
  if (a.stage === 'awaiting-moderation') {
    await stages.book(g, 'discussion', addDays(g, 21), 'helen');
    await stages.book(g, 'observation', addDays(g, 28), 'david');
    await stages.book(g, 'project', addDays(g, 49), 'fatima');
    await stages.submitReport(addDays(g, 30));
    for (const [m, d] of [
      ['discussion', 21],
      ['observation', 28],
      ['project', 49],
    ] as const)
      await stages.assess(m, addDays(g, d), { submit: true, distinction: m !== 'project' });
    return true;
  }
  return false;
}

/** Results already released: assessed, moderated (samples agreed, batches signed off), released; then the certificate or the appeal and re-sit. */
async function takeToResult(demo: Demo, a: DemoApprentice, stages: DemoStages, record: EpaRecordView, g: string): Promise<void> {
  const { T, at, rel, admin } = demo;
  const st0072 = a.standard.startsWith('ST0072');
  const plan: [string, number, string][] = st0072
    ? [
        ['showcase', 14, 'fatima'],
        ['observation', 21, 'david'],
        ['discussion', 28, 'helen'],
      ]
    : [
        ['observation', 14, 'david'],
        ['discussion', 21, 'helen'],
        ['project', 42, 'fatima'],
      ];
  for (const [method, days, who] of plan) await stages.book(g, method, addDays(g, days), who);
  if (st0072) await stages.submitShowcase(addDays(g, 7));
  else await stages.submitReport(addDays(g, 24));
  for (const [method, days] of plan)
    await stages.assess(method, addDays(g, days), {
      submit: true,
      distinction: a.stage === 'released-distinction',
      fail: a.stage === 'failed-resit' && method === 'observation',
    });
  await stages.moderateAll(addDays(g, 46));
  const released = addDays(g, 48);
  await releaseResult(at(released), admin, record.id, {
    feedback:
      a.stage === 'failed-resit'
        ? 'The observation did not show how historical interactions were used when managing escalations (observation.P12). Practise handling referrals with the full customer history before the re-sit.'
        : undefined,
  });
  const resultId = await releasedResultId(demo.ctx.db, record.id);
  if (a.stage === 'released-distinction' || a.stage === 'released-pass') {
    // The EPAO claims the certificate; Ethan's has been issued and sent to his employer.
    const claimed = await claimCertificate(at(addDays(released, 2)), admin, record.id, { givenNames: a.givenNames, familyName: a.familyName, uln: a.uln });
    if (a.stage === 'released-distinction') {
      const issued = await advanceCertificate(at(addDays(released, 9)), admin, claimed.id, { version: claimed.version, step: 'issued' });
      await advanceCertificate(at(addDays(released, 11)), admin, claimed.id, { version: issued.version, step: 'sent' });
    }
  }
  if (a.stage === 'failed-resit') {
    // The provider has appealed the observation's fail; it awaits a decision.
    await lodgeAppeal(at(addDays(released, 3)), demo.providerOf(a.provider), record.id, {
      resultId,
      grounds: 'The assessor did not ask about the escalation Sophie handled that morning, which shows P12; we ask for a review of the recording.',
    });
    const resitOn = rel(14);
    // The re-sit goes ahead while the appeal waits, and the EPAO says why (an open appeal holds it otherwise).
    await requestReattempt(at(T), admin, record.id, {
      method: 'observation',
      kind: 'resit',
      plannedOn: resitOn,
      exceptionalCircumstances: false,
      appealOverride: 'Sophie asked to re-sit without waiting: if the appeal is upheld, the re-sit is cancelled free of charge.',
    });
    await stages.book(T, 'observation', resitOn, 'helen');
  }
}
