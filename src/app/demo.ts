// Demo data for a newcomer, loaded by `npm start` on an empty database: an EPAO, its
// assessors and IQA, two training providers, employers and apprentices at every stage,
// each made through the same use-cases a person would use (so the audit chain has them).
import type { Actor, Role } from '../domain/access/access.ts';
import { hashPassword } from './auth.ts';
import type { AppContext } from './context.ts';
import { registerApprentice } from './records.ts';

export const DEMO_PASSWORD = 'capstone-demo';

export type DemoLoaded = { password: string; users: { email: string; role: Role; name: string }[] };

export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoLoaded | null> {
  const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return loadDemo(ctx);
}

type Person = { email: string; name: string; role: Role; organisation?: string };

const ORGANISATIONS = [
  { key: 'epao', kind: 'epao', name: 'Northbridge Assessment (demo EPAO)' },
  { key: 'provider-a', kind: 'provider', name: 'Riverside Training', ukprn: '10012345' },
  { key: 'provider-b', kind: 'provider', name: 'Summit Skills College', ukprn: '10067890' },
  { key: 'employer-a', kind: 'employer', name: 'Harbour Energy Customer Care' },
  { key: 'employer-b', kind: 'employer', name: 'Lakeside Retail Group' },
  { key: 'employer-c', kind: 'employer', name: 'Meridian Telecom' },
] as const;

const STAFF: Person[] = [
  { email: 'admin@demo.capstone.test', name: 'Priya Shah', role: 'epao-admin', organisation: 'epao' },
  { email: 'iqa@demo.capstone.test', name: 'Tom Okafor', role: 'iqa', organisation: 'epao' },
  { email: 'assessor.one@demo.capstone.test', name: 'Helen Marsh', role: 'assessor' },
  { email: 'assessor.two@demo.capstone.test', name: 'David Chen', role: 'assessor' },
  { email: 'assessor.three@demo.capstone.test', name: 'Fatima Begum', role: 'assessor' },
  { email: 'provider@riverside.demo.capstone.test', name: 'Sam Riley', role: 'provider', organisation: 'provider-a' },
  { email: 'provider@summit.demo.capstone.test', name: 'Alex Morgan', role: 'provider', organisation: 'provider-b' },
  { email: 'employer@harbour.demo.capstone.test', name: 'Jo Williams', role: 'employer', organisation: 'employer-a' },
  { email: 'employer@lakeside.demo.capstone.test', name: 'Chris Patel', role: 'employer', organisation: 'employer-b' },
];

/** Apprentices and the stage each is taken to; ULNs pass the LRS check digit. */
export const DEMO_APPRENTICES = [
  {
    uln: '1234567899',
    givenNames: 'Amelia',
    familyName: 'Clarke',
    dateOfBirth: '2006-02-14',
    provider: 'provider-a',
    employer: 'employer-a',
    standard: 'ST0071@1.2',
    policy: 'PAL',
    startDate: '2024-09-02',
    stage: 'registered',
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
    stage: 'registered',
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
    stage: 'registered',
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
    stage: 'registered',
  },
] as const;

export async function loadDemo(ctx: AppContext): Promise<DemoLoaded> {
  const organisations = new Map<string, string>();
  for (const o of ORGANISATIONS) {
    const row = await ctx.db
      .insertInto('organisations')
      .values({ kind: o.kind, name: o.name, ukprn: 'ukprn' in o ? o.ukprn : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisations.set(o.key, row.id);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: DemoLoaded['users'] = [];
  const actors = new Map<string, Actor>();
  for (const person of STAFF) {
    const organisationId = person.organisation ? (organisations.get(person.organisation) ?? null) : null;
    const user = await ctx.db
      .insertInto('users')
      .values({ email: person.email, name: person.name, role: person.role, organisationId, passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    let assessorId: string | null = null;
    if (person.role === 'assessor') {
      const assessor = await ctx.db
        .insertInto('assessors')
        .values({
          userId: user.id,
          standards: ['ST0071@1.1', 'ST0071@1.2', 'ST0072@1.1'],
          standardisedOn: '2025-09-15',
          qualifications: JSON.stringify([{ name: 'Level 3 Certificate in Assessing Vocational Achievement' }]),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assessorId = assessor.id;
    }
    actors.set(person.email, { userId: user.id, role: person.role, organisationId, apprenticeId: null, assessorId, name: person.name });
    users.push({ email: person.email, role: person.role, name: person.name });
  }

  const admin = actors.get('admin@demo.capstone.test') as Actor;
  for (const a of DEMO_APPRENTICES) {
    const record = await registerApprentice(ctx, admin, {
      uln: a.uln,
      givenNames: a.givenNames,
      familyName: a.familyName,
      dateOfBirth: a.dateOfBirth,
      ehcp: false,
      providerId: organisations.get(a.provider),
      employerId: organisations.get(a.employer) as string,
      standard: a.standard,
      policy: a.policy,
      startDate: a.startDate,
      channel: 'channel' in a ? a.channel : undefined,
      extraTimePercent: 0,
    });
    const email = `${a.givenNames.toLowerCase()}.${a.familyName.toLowerCase()}@apprentice.demo.capstone.test`;
    await ctx.db
      .insertInto('users')
      .values({ email, name: `${a.givenNames} ${a.familyName}`, role: 'apprentice', apprenticeId: record.apprentice.id, passwordHash })
      .execute();
    users.push({ email, role: 'apprentice', name: `${a.givenNames} ${a.familyName}` });
  }
  return { password: DEMO_PASSWORD, users };
}
