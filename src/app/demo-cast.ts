// Who the demo is about: the organisations, the staff, the assessors, and the apprentices
// with the stage each is taken to (src/app/demo.ts takes them there through the use-cases).
import type { Role } from '../domain/access/access.ts';

export const ORGANISATIONS = [
  { key: 'epao', kind: 'epao', name: 'Northbridge Assessment (demo EPAO)' },
  { key: 'provider-a', kind: 'provider', name: 'Riverside Training', ukprn: '10012345' },
  { key: 'provider-b', kind: 'provider', name: 'Summit Skills College', ukprn: '10067890' },
  { key: 'employer-a', kind: 'employer', name: 'Harbour Energy Customer Care' },
  { key: 'employer-b', kind: 'employer', name: 'Lakeside Retail Group' },
  { key: 'employer-c', kind: 'employer', name: 'Meridian Telecom' },
] as const;

export type Person = { email: string; name: string; role: Role; organisation?: string };

export const STAFF: Person[] = [
  { email: 'admin@demo.capstone.test', name: 'Priya Shah', role: 'epao-admin', organisation: 'epao' },
  { email: 'iqa@demo.capstone.test', name: 'Tom Okafor', role: 'iqa', organisation: 'epao' },
  { email: 'provider@riverside.demo.capstone.test', name: 'Sam Riley', role: 'provider', organisation: 'provider-a' },
  { email: 'provider@summit.demo.capstone.test', name: 'Alex Morgan', role: 'provider', organisation: 'provider-b' },
  { email: 'employer@harbour.demo.capstone.test', name: 'Jo Williams', role: 'employer', organisation: 'employer-a' },
  { email: 'employer@lakeside.demo.capstone.test', name: 'Chris Patel', role: 'employer', organisation: 'employer-b' },
];

export const ASSESSORS = [
  { key: 'helen', email: 'assessor.one@demo.capstone.test', name: 'Helen Marsh' },
  { key: 'david', email: 'assessor.two@demo.capstone.test', name: 'David Chen' },
  { key: 'fatima', email: 'assessor.three@demo.capstone.test', name: 'Fatima Begum' },
] as const;

export type Stage =
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
export const APPRENTICES: {
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

/** One demo apprentice. */
export type DemoApprentice = (typeof APPRENTICES)[number];
