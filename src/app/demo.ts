// Demo data for a newcomer, loaded by `npm start` on an empty database: an EPAO, its
// assessors and IQA, two training providers, employers and apprentices at every stage,
// each made through the same use-cases a person would use (so the audit chain has them).
// Stages in the past are made with the clock moved back to when they would have happened.
import type { Actor, Role } from '../domain/access/access.ts';
import { sessionTime } from '../domain/assessment/time-allowed.ts';
import { addDays, weekday } from '../domain/calendar/dates.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import type { Method } from '../domain/standards/schema.ts';
import { lodgeAppeal } from './appeals.ts';
import { criteriaToJudge, openAssessment, saveDraft, submitAssessment } from './assessments.ts';
import { createAssessor } from './assessors.ts';
import { hashPassword } from './auth.ts';
import { bookAssessment } from './bookings.ts';
import { advanceCertificate, claimCertificate } from './certificates.ts';
import { type AppContext, today } from './context.ts';
import { demoPdf, demoWords } from './demo-documents.ts';
import { uploadEvidence } from './files.ts';
import { decideGateway, submitGateway } from './gateway.ts';
import { moderate, signOffBatch } from './moderation.ts';
import { registerApprentice } from './records.ts';
import { releaseResult, requestReattempt } from './results.ts';
import { submitWork } from './submissions.ts';
import { withdraw } from './withdrawal.ts';

export const DEMO_PASSWORD = 'capstone-demo';

export type DemoLoaded = { password: string; users: { email: string; role: Role; name: string }[] };

export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoLoaded | null> {
  const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return loadDemo(ctx);
}

/**
 * Whether loadDemo filled this database: it writes its marker last, so a database where
 * someone merely made an account at the demo's domain, or a load that stopped half-way,
 * does not show the demo accounts and their published password on the sign-in page.
 */
export async function demoDataLoaded(ctx: AppContext): Promise<boolean> {
  return (await ctx.db.selectFrom('demoData').select('loadedAt').executeTakeFirst()) !== undefined;
}

const ORGANISATIONS = [
  { key: 'epao', kind: 'epao', name: 'Northbridge Assessment (demo EPAO)' },
  { key: 'provider-a', kind: 'provider', name: 'Riverside Training', ukprn: '10012345' },
  { key: 'provider-b', kind: 'provider', name: 'Summit Skills College', ukprn: '10067890' },
  { key: 'employer-a', kind: 'employer', name: 'Harbour Energy Customer Care' },
  { key: 'employer-b', kind: 'employer', name: 'Lakeside Retail Group' },
  { key: 'employer-c', kind: 'employer', name: 'Meridian Telecom' },
] as const;

type Person = { email: string; name: string; role: Role; organisation?: string };

const STAFF: Person[] = [
  { email: 'admin@demo.capstone.test', name: 'Priya Shah', role: 'epao-admin', organisation: 'epao' },
  { email: 'iqa@demo.capstone.test', name: 'Tom Okafor', role: 'iqa', organisation: 'epao' },
  { email: 'provider@riverside.demo.capstone.test', name: 'Sam Riley', role: 'provider', organisation: 'provider-a' },
  { email: 'provider@summit.demo.capstone.test', name: 'Alex Morgan', role: 'provider', organisation: 'provider-b' },
  { email: 'employer@harbour.demo.capstone.test', name: 'Jo Williams', role: 'employer', organisation: 'employer-a' },
  { email: 'employer@lakeside.demo.capstone.test', name: 'Chris Patel', role: 'employer', organisation: 'employer-b' },
];

const ASSESSORS = [
  { key: 'helen', email: 'assessor.one@demo.capstone.test', name: 'Helen Marsh' },
  { key: 'david', email: 'assessor.two@demo.capstone.test', name: 'David Chen' },
  { key: 'fatima', email: 'assessor.three@demo.capstone.test', name: 'Fatima Begum' },
] as const;

type Stage =
  | 'withdrawn'
  | 'registered'
  | 'gateway-submitted'
  | 'gateway-rejected'
  | 'gateway-approved'
  | 'booked'
  | 'assessing'
  | 'awaiting-moderation'
  | 'released-distinction'
  | 'released-pass'
  | 'failed-resit';

/**
 * Apprentices and the stage each is taken to; ULNs pass the LRS check digit. Those left
 * awaiting moderation come last, so the batches released results were in are signed off.
 */
const APPRENTICES: {
  uln: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  provider: 'provider-a' | 'provider-b';
  employer: 'employer-a' | 'employer-b' | 'employer-c';
  standard: string;
  policy: string | null;
  startDate: string;
  channel?: 'face-to-face' | 'non-facing';
  stage: Stage;
}[] = [
  {
    uln: '1234567899',
    givenNames: 'Amelia',
    familyName: 'Clarke',
    dateOfBirth: '2006-02-14',
    provider: 'provider-a',
    employer: 'employer-a',
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2025-06-02',
    stage: 'registered',
  },
  {
    uln: '1100000002',
    givenNames: 'Ruby',
    familyName: 'Hall',
    dateOfBirth: '2005-09-09',
    provider: 'provider-a',
    employer: 'employer-b',
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2025-02-03',
    stage: 'withdrawn',
  },
  {
    uln: '2000000001',
    givenNames: 'Noah',
    familyName: 'Evans',
    dateOfBirth: '2005-07-30',
    provider: 'provider-a',
    employer: 'employer-b',
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2024-06-03',
    stage: 'gateway-submitted',
  },
  {
    uln: '4000000003',
    givenNames: 'Oliver',
    familyName: 'Price',
    dateOfBirth: '1998-04-21',
    provider: 'provider-b',
    employer: 'employer-a',
    standard: 'ST0071@1.1',
    policy: 'VTCT',
    startDate: '2024-03-04',
    stage: 'gateway-rejected',
  },
  {
    uln: '1200000004',
    givenNames: 'Leo',
    familyName: 'Baker',
    dateOfBirth: '2005-03-17',
    provider: 'provider-a',
    employer: 'employer-a',
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-09-02',
    stage: 'gateway-approved',
  },
  {
    uln: '3000000002',
    givenNames: 'Isla',
    familyName: 'Hughes',
    dateOfBirth: '2003-11-02',
    provider: 'provider-b',
    employer: 'employer-c',
    standard: 'ST0072@1.1',
    policy: 'HIGHFIELD',
    startDate: '2024-10-07',
    channel: 'non-facing',
    stage: 'booked',
  },
  {
    uln: '5000000004',
    givenNames: 'Jack',
    familyName: 'Turner',
    dateOfBirth: '2004-05-09',
    provider: 'provider-a',
    employer: 'employer-b',
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-05-07',
    stage: 'assessing',
  },
  {
    uln: '7000000006',
    givenNames: 'Ethan',
    familyName: 'Wright',
    dateOfBirth: '2001-01-30',
    provider: 'provider-b',
    employer: 'employer-c',
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-02-05',
    stage: 'released-distinction',
  },
  {
    uln: '8000000007',
    givenNames: 'Chloe',
    familyName: 'Walker',
    dateOfBirth: '2003-03-03',
    provider: 'provider-b',
    employer: 'employer-a',
    standard: 'ST0072@1.1',
    policy: 'HIGHFIELD',
    startDate: '2024-01-08',
    channel: 'face-to-face',
    stage: 'released-pass',
  },
  {
    uln: '9000000008',
    givenNames: 'Sophie',
    familyName: 'Green',
    dateOfBirth: '2004-12-12',
    provider: 'provider-a',
    employer: 'employer-b',
    standard: 'ST0071@1.2',
    policy: null,
    startDate: '2024-03-11',
    stage: 'failed-resit',
  },
  {
    uln: '6000000005',
    givenNames: 'Mia',
    familyName: 'Robinson',
    dateOfBirth: '2002-08-19',
    provider: 'provider-a',
    employer: 'employer-a',
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2024-04-01',
    stage: 'awaiting-moderation',
  },
];

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

export async function loadDemo(ctx: AppContext): Promise<DemoLoaded> {
  const T = today(ctx);
  const at = (date: string): AppContext => ({ ...ctx, now: () => new Date(`${date}T09:00:00Z`) });
  const rel = (days: number) => weekdayFrom(addDays(T, days));

  const organisations = new Map<string, string>();
  for (const o of ORGANISATIONS) {
    const row = await ctx.db
      .insertInto('organisations')
      .values({ kind: o.kind, name: o.name, ukprn: 'ukprn' in o ? o.ukprn : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisations.set(o.key, row.id);
  }
  const org = (key: string) => organisations.get(key) as string;
  // Each account hashes the shared password itself: its own salt, so no two stored hashes
  // are the same and one cracked hash says nothing about another (about 20 ms each).
  const users: DemoLoaded['users'] = [];
  const actors = new Map<string, Actor>();
  for (const person of STAFF) {
    const organisationId = person.organisation ? org(person.organisation) : null;
    const user = await ctx.db
      .insertInto('users')
      .values({ email: person.email, name: person.name, role: person.role, organisationId, passwordHash: await hashPassword(DEMO_PASSWORD) })
      .returning('id')
      .executeTakeFirstOrThrow();
    actors.set(person.email, { userId: user.id, role: person.role, organisationId, apprenticeId: null, assessorId: null, name: person.name });
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

  for (const a of APPRENTICES) {
    const provider = providerOf(a.provider);
    const registeredOn = a.stage === 'registered' ? T : rel(-150);
    const record = await registerApprentice(at(registeredOn), provider, {
      uln: a.uln,
      givenNames: a.givenNames,
      familyName: a.familyName,
      dateOfBirth: a.dateOfBirth,
      ehcp: false,
      employerId: org(a.employer),
      standard: a.standard,
      policy: a.policy,
      startDate: a.startDate,
      channel: a.channel,
      extraTimePercent: 0,
    });
    const email = `${a.givenNames.toLowerCase()}.${a.familyName.toLowerCase()}@apprentice.demo.capstone.test`;
    await ctx.db
      .insertInto('users')
      .values({
        email,
        name: `${a.givenNames} ${a.familyName}`,
        role: 'apprentice',
        apprenticeId: record.apprentice.id,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      })
      .execute();
    users.push({ email, role: 'apprentice', name: `${a.givenNames} ${a.familyName}` });
    if (a.stage === 'registered') continue;
    if (a.stage === 'withdrawn') {
      await withdraw(at(rel(-20)), provider, record.id, { version: record.version, reason: 'Left the employer before gateway; the apprenticeship has ended.' });
      continue;
    }

    const stages = new DemoStages(ctx, at, record.id, a.standard, a.policy, provider, admin, iqa, assessor);
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
    if (a.stage === 'gateway-submitted') continue;
    if (a.stage === 'gateway-rejected') {
      await decideGateway(at(gatewayOn), admin, submission, {
        decision: 'reject',
        reasons: ['The employer validation statement is not signed and dated.', 'Portfolio piece 7 is a reflective account, which cannot be used as evidence.'],
      });
      continue;
    }
    await decideGateway(at(gatewayOn), admin, submission, { decision: 'approve' });
    // Approved and waiting: nothing booked, no project report yet (the booking and upload journeys start here).
    if (a.stage === 'gateway-approved') continue;
    const g = gatewayOn;
    if (a.stage === 'booked') {
      await stages.book(g, 'showcase', rel(10), 'david');
      await stages.book(g, 'observation', rel(17), 'fatima');
      await stages.book(g, 'discussion', rel(24), 'helen');
      continue;
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
      continue;
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
      continue;
    }
    // Results already released: assessed, moderated (samples agreed, batches signed off), released.
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
    const result = await ctx.db
      .selectFrom('results')
      .select('id')
      .where('epaRecordId', '=', record.id)
      .where('status', '=', 'released')
      .executeTakeFirstOrThrow();
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
      await lodgeAppeal(at(addDays(released, 3)), provider, record.id, {
        resultId: result.id,
        grounds: 'The assessor did not ask about the escalation Sophie handled that morning, which shows P12; we ask for a review of the recording.',
      });
      const resitOn = rel(14);
      await requestReattempt(at(T), admin, record.id, { method: 'observation', kind: 'resit', plannedOn: resitOn, exceptionalCircumstances: false });
      await stages.book(T, 'observation', resitOn, 'helen');
    }
  }
  await ctx.db
    .insertInto('demoData')
    .values({ loadedAt: ctx.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { password: DEMO_PASSWORD, users };
}

/** The steps of one demo apprentice's EPA, each through its use-case. */
class DemoStages {
  readonly #ctx: AppContext;
  readonly #at: (date: string) => AppContext;
  readonly #recordId: string;
  readonly #standard: string;
  readonly #policy: string | null;
  readonly #provider: Actor;
  readonly #admin: Actor;
  readonly #iqa: Actor;
  readonly #assessor: (key: string) => Actor;

  constructor(
    ctx: AppContext,
    at: (date: string) => AppContext,
    recordId: string,
    standard: string,
    policy: string | null,
    provider: Actor,
    admin: Actor,
    iqa: Actor,
    assessor: (key: string) => Actor,
  ) {
    this.#ctx = ctx;
    this.#at = at;
    this.#recordId = recordId;
    this.#standard = standard;
    this.#policy = policy;
    this.#provider = provider;
    this.#admin = admin;
    this.#iqa = iqa;
    this.#assessor = assessor;
  }

  private get index() {
    const r = resolve(this.#ctx.catalogue, this.#standard, this.#policy);
    if (!r.ok) throw new Error(r.problem.message);
    return r.value.index;
  }

  async upload(on: string, purpose: Parameters<typeof uploadEvidence>[3]['purpose'], title: string, body: string, ksbs: string[] = [], annex?: string) {
    const bytes = await demoPdf(title, body, annex);
    const file = await uploadEvidence(this.#at(on), this.#provider, this.#recordId, {
      purpose,
      ksbs,
      fileName: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
      bytes,
    });
    return file.id;
  }

  async submitGateway(on: string): Promise<string> {
    const index = this.index;
    const isSt0072 = this.#standard.startsWith('ST0072');
    if (!isSt0072) {
      const ksbs = index.standard.ksbs.filter((k) => k.methods.includes('discussion')).map((k) => k.id);
      const pieces = [
        'Witness statement from team leader',
        'Customer feedback email',
        'One-to-one review notes',
        'Personal development plan',
        'Escalation log extract',
        'Coaching session record',
        'Quality monitoring report',
        'Knowledge-sharing session plan',
        'Cost saving proposal',
        'Best practice research notes',
      ];
      for (const [i, title] of pieces.entries())
        await this.upload(
          on,
          'portfolio-piece',
          title,
          demoWords(120),
          ksbs.filter((_, k) => k % pieces.length === i),
        );
      await this.upload(on, 'mapping-document', 'Portfolio mapping document', demoWords(80));
      await this.upload(on, 'employer-validation', 'Employer validation statement', demoWords(60));
      if (this.#policy === 'VTCT') await this.upload(on, 'authenticity-declaration', 'Declaration of authenticity', demoWords(40));
    }
    const submission = await submitGateway(this.#at(on), this.#provider, this.#recordId, {
      gatewayDate: on,
      qualifications: { english: 'level-2', maths: 'level-2' },
      declarations: { employer: true, provider: true, apprentice: true },
      ...(isSt0072 ? { showcaseFormat: 'report' as const } : {}),
    });
    return submission.id;
  }

  async book(bookedOn: string, method: string, date: string, assessorKey: string) {
    const remote = this.index.methods.get(method)?.venue.value.remoteAllowed && method !== 'observation';
    await bookAssessment(this.#at(bookedOn), this.#admin, this.#recordId, {
      method,
      date,
      startTime: '10:00',
      assessorId: this.#assessor(assessorKey).assessorId as string,
      ...(remote ? { remoteLink: 'https://meet.demo.capstone.test/epa' } : { venue: "Employer's premises, meeting room 2" }),
    });
  }

  async submitReport(on: string) {
    const fileId = await this.upload(on, 'project-report', 'Work-based project report', demoWords(2450), [], demoWords(600));
    await submitWork(this.#at(on), this.#provider, this.#recordId, { kind: 'project-report', fileId });
  }

  async submitShowcase(on: string) {
    const fileId = await this.upload(on, 'showcase', 'Apprentice showcase report', demoWords(3900));
    await submitWork(this.#at(on), this.#provider, this.#recordId, { kind: 'showcase', fileId });
  }

  /** The assessor records a session held at 10:00 on `date`, judging the criteria. */
  async assess(method: string, date: string, how: { submit: boolean; distinction?: boolean; fail?: boolean; judged?: number }) {
    const booking = await this.#ctx.db
      .selectFrom('bookings')
      .select(['id', 'assessorId'])
      .where('epaRecordId', '=', this.#recordId)
      .where('method', '=', method)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    const who = [...['helen', 'david', 'fatima'].map((k) => this.#assessor(k))].find((a) => a.assessorId === booking.assessorId) as Actor;
    // Recorded at the end of the day of the session: nothing is judged before its booked start.
    const ctx: AppContext = { ...this.#ctx, now: () => new Date(`${date}T17:00:00Z`) };
    const opened = await openAssessment(ctx, who, booking.id);
    const index = this.index;
    const m = index.methods.get(method) as Method;
    const record = await this.#ctx.db.selectFrom('epaRecords').select(['channel', 'showcaseFormat']).where('id', '=', this.#recordId).executeTakeFirstOrThrow();
    const criteria = criteriaToJudge(index, m, record.channel).filter((c) => c.carriedFrom === null);
    const judgements: Record<string, { judgement: 'met' | 'not-met'; note: string }> = {};
    for (const c of criteria.slice(0, how.judged ?? criteria.length)) {
      const failing = how.fail && c.id === `${method}.P12`;
      const met = c.grade === 'pass' ? !failing : Boolean(how.distinction);
      judgements[c.id] = { judgement: met ? 'met' : 'not-met', note: met ? 'Seen during the session.' : 'Not shown: see feedback.' };
    }
    const minutes = Math.round(sessionTime(m, 0, record.showcaseFormat).plannedMinutes);
    const saved = await saveDraft(ctx, who, opened.id, {
      version: opened.version,
      identityChecked: true,
      idDocument: opened.acceptedIdDocuments?.[0] ?? 'A valid passport',
      startedAt: `${date}T10:00:00Z`,
      endedAt: new Date(Date.parse(`${date}T10:00:00Z`) + minutes * 60_000).toISOString(),
      questioningMinutes: m.questioning ? 8 : null,
      judgements,
    });
    if (how.submit) await submitAssessment(ctx, who, opened.id, saved.version);
  }

  /** The IQA agrees every sampled assessment of this record and signs off the batches. */
  async moderateAll(on: string) {
    const ctx = this.#at(on);
    const rows = await this.#ctx.db
      .selectFrom('assessments')
      .select(['id', 'sampled', 'moderationBatchId'])
      .where('epaRecordId', '=', this.#recordId)
      .where('moderationStatus', '=', 'pending')
      .execute();
    for (const r of rows.filter((r) => r.sampled))
      await moderate(ctx, this.#iqa, r.id, { decision: 'agree', reason: 'Judgements are supported by the evidence recorded.' });
    for (const batch of new Set(rows.map((r) => r.moderationBatchId).filter((b): b is string => b !== null))) {
      const open = await this.#ctx.db.selectFrom('moderationBatches').select('signedOffAt').where('id', '=', batch).executeTakeFirstOrThrow();
      if (!open.signedOffAt) await signOffBatch(ctx, this.#iqa, batch);
    }
  }
}
