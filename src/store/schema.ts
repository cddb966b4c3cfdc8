// The tables as Kysely sees them (columns camel-cased by CamelCasePlugin).
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;

import type { Role } from '../domain/access/access.ts';
import type { RecordStatus } from '../domain/lifecycle/record-lifecycle.ts';
import type { DfeTables } from './schema-dfe.ts';
import type { OutcomeTables } from './schema-outcomes.ts';
import type { SchedulingTables } from './schema-scheduling.ts';

// Declared once, in the domain; named here too for the code that reads rows.
export type { RecordStatus, Role };

export interface Database extends OutcomeTables, DfeTables, SchedulingTables {
  organisations: {
    id: Generated<string>;
    kind: 'epao' | 'provider' | 'employer';
    name: string;
    ukprn: string | null;
    /** An employer's reference in the EPAO's own records, which an import may name it by. */
    reference: ColumnType<string | null, string | null | undefined, string | null>;
    /** An employer's postal address: a certificate's postal contact by default (DfE posts it there). */
    addressLine1: ColumnType<string | null, string | null | undefined, string | null>;
    addressLine2: ColumnType<string | null, string | null | undefined, string | null>;
    addressLine3: ColumnType<string | null, string | null | undefined, string | null>;
    city: ColumnType<string | null, string | null | undefined, string | null>;
    postCode: ColumnType<string | null, string | null | undefined, string | null>;
    contactName: ColumnType<string | null, string | null | undefined, string | null>;
    createdAt: CreatedAt;
  };
  apprentices: {
    id: Generated<string>;
    uln: string;
    givenNames: string;
    familyName: string;
    dateOfBirth: string;
    email: string | null;
    ehcp: Generated<boolean>;
    providerId: string;
    employerId: string;
    /** domain/registration/identity.ts identityKey; null for the temporary ULN (and rows of a ULN that already held two people). */
    identityKey: string | null;
    /** Given names and family name folded for search (lower case, no accents): computed by the database. */
    searchName: Generated<string>;
    /** The family name as the ILR holds it, where it differs from the record's: the DfE matches it exactly, case aside. */
    ilrFamilyName: ColumnType<string | null, string | null | undefined, string | null>;
    createdAt: CreatedAt;
  };
  users: {
    id: Generated<string>;
    email: string;
    name: string;
    role: Role;
    organisationId: string | null;
    apprenticeId: string | null;
    passwordHash: string;
    createdAt: CreatedAt;
    /** When the EPAO disabled the account: it signs in no more, its sessions and tokens ended. */
    disabledAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    /** The person asked not to be sent reminders. */
    remindersOff: Generated<boolean>;
  };
  mailTemplates: { kind: string; subject: string; body: string; version: Generated<number>; updatedBy: string | null; updatedAt: Generated<Date> };
  passwordTokens: { tokenHash: string; userId: string; purpose: 'invite' | 'reset'; expiresAt: Timestamp; usedAt: Timestamp | null; createdAt: CreatedAt };
  sessions: { idHash: string; userId: string; createdAt: CreatedAt; expiresAt: Timestamp };
  signInAttempts: { id: Generated<number>; email: string; attemptedAt: Generated<Date>; succeeded: boolean; address: string | null };
  signInThrottle: { key: string; failures: number; lastFailureAt: Timestamp; blockedUntil: Timestamp | null };
  demoData: { onlyRow: Generated<boolean>; loadedAt: Generated<Date> };
  apiTokens: {
    id: Generated<string>;
    tokenHash: string;
    name: string;
    userId: string;
    scope: 'read' | 'write';
    createdAt: CreatedAt;
    expiresAt: Timestamp;
    lastUsedAt: Timestamp | null;
    revokedAt: Timestamp | null;
  };
  epaRecords: {
    id: Generated<string>;
    apprenticeId: string;
    uln: string;
    standard: string;
    standardCode: string;
    policy: string | null;
    status: RecordStatus;
    startDate: string;
    plannedEndDate: string | null;
    registeredOn: string;
    gatewayApprovedOn: string | null;
    epaStart: string | null;
    epaEnd: string | null;
    channel: 'face-to-face' | 'non-facing' | 'both' | null;
    /** One of the version's course options, where it has them. */
    courseOption: ColumnType<string | null, string | null | undefined, string | null>;
    showcaseFormat: 'report' | 'presentation' | null;
    extraTimePercent: Generated<number>;
    adjustments: string | null;
    withdrawnOn: string | null;
    withdrawalReason: string | null;
    version: Generated<number>;
    /** Moves on with every change to the record's bookings: what a booking decided without locks is written against. */
    bookingChanges: Generated<number>;
    createdAt: CreatedAt;
    updatedAt: Timestamp;
  };
  files: {
    id: Generated<string>;
    epaRecordId: string;
    purpose: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    ksbs: ColumnType<string[], string[] | undefined, string[]>;
    uploadedBy: string | null;
    uploadedAt: CreatedAt;
  };
  gatewaySubmissions: {
    id: Generated<string>;
    epaRecordId: string;
    submittedBy: string | null;
    submittedAt: CreatedAt;
    submittedOn: string;
    request: Json<unknown>;
    outcome: Json<unknown>;
    status: 'submitted' | 'approved' | 'rejected';
    decidedBy: string | null;
    decidedAt: Timestamp | null;
    reasons: Json<unknown> | null;
  };
  assessors: {
    id: Generated<string>;
    userId: string;
    standards: ColumnType<string[], string[] | undefined, string[]>;
    standardisedOn: string | null;
    qualifications: Json<unknown>;
    version: Generated<number>;
    createdAt: CreatedAt;
    /** Suspended by an upheld malpractice case: booked no more (domain/booking/assessor-eligibility.ts). */
    suspendedOn: ColumnType<string | null, string | null | undefined, string | null>;
    suspendedReason: ColumnType<string | null, string | null | undefined, string | null>;
    /** The SHA-256 of the assessor's private calendar feed's secret; null when there is no feed. */
    calendarTokenHash: ColumnType<string | null, string | null | undefined, string | null>;
    /** Their caps a day and a week (null: none; domain/booking/assessor-load.ts), and their home region (the scheduler's travel aim). */
    maxPerDay: ColumnType<number | null, number | null | undefined, number | null>;
    maxPerWeek: ColumnType<number | null, number | null | undefined, number | null>;
    homeRegion: ColumnType<string | null, string | null | undefined, string | null>;
  };
  assessorWeeklyHours: { id: Generated<string>; assessorId: string; weekday: number; starts: string; ends: string };
  assessorLeave: { id: Generated<string>; assessorId: string; fromDate: string; toDate: string; reason: string | null };
  assessorRelationships: {
    id: Generated<string>;
    assessorId: string;
    apprenticeId: string | null;
    organisationId: string | null;
    nature: string;
    declaredAt: CreatedAt;
  };
  assessorAvailability: { id: Generated<string>; assessorId: string; startsAt: Timestamp; endsAt: Timestamp };
  bookings: {
    id: Generated<string>;
    epaRecordId: string;
    method: string;
    assessorId: string;
    startsAt: Timestamp;
    endsAt: Timestamp;
    bookedOn: string;
    venue: string | null;
    remoteLink: string | null;
    status: 'booked' | 'held' | 'cancelled';
    cancelledOn: string | null;
    cancellationCharge: string | null;
    cancellationReason: string | null;
    warnings: Json<unknown>;
    version: Generated<number>;
    /** When the assessor confirmed they will be there; null until then, and again after a move. */
    confirmedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    createdAt: CreatedAt;
  };
  submissions: {
    id: Generated<string>;
    epaRecordId: string;
    kind: 'project-report' | 'showcase' | 'portfolio';
    fileId: string | null;
    submittedOn: string;
    wordCount: number | null;
    outcome: Json<unknown>;
    createdAt: CreatedAt;
  };
  idempotencyKeys: { actor: string; key: string; requestHash: string; status: number; response: Json<unknown>; createdAt: CreatedAt };
  importRuns: {
    id: string;
    userId: string;
    actor: Json<unknown>;
    fileSha256: string;
    /** The CSV until the run has read it; null after. */
    file: string | null;
    status: 'queued' | 'running' | 'done' | 'failed';
    total: number | null;
    validated: Generated<number>;
    report: Json<unknown> | null;
    problem: Json<unknown> | null;
    /** What the import was asked to do beyond its file: { createEmployers }. */
    options: ColumnType<unknown, string | undefined, string>;
    createdAt: CreatedAt;
    finishedAt: Timestamp | null;
  };
  auditLog: {
    id: Generated<number>;
    seq: number | null;
    at: Timestamp;
    actorId: string | null;
    actor: string;
    action: string;
    entity: string;
    entityId: string;
    before: Json<unknown> | null;
    after: Json<unknown> | null;
  };
  auditCheckpoints: {
    size: number;
    previousSize: number;
    root: string;
    at: string;
    leaves: Json<string[]>;
    frontier: Json<string[]>;
    keyId: string;
    signature: string;
  };
  moderationBatches: { id: Generated<string>; assessorId: string; openedAt: CreatedAt; signedOffBy: string | null; signedOffAt: Timestamp | null };
  assessments: {
    id: Generated<string>;
    bookingId: string;
    epaRecordId: string;
    method: string;
    attempt: Generated<number>;
    previousAssessmentId: string | null;
    assessorId: string;
    status: 'draft' | 'submitted';
    identityChecked: Generated<boolean>;
    idDocument: string | null;
    startedAt: Timestamp | null;
    endedAt: Timestamp | null;
    questioningMinutes: ColumnType<string | null, number | null | undefined, number | null>;
    judgements: Json<Judgements>;
    sessionFindings: Json<unknown>;
    provisionalGrade: Grade | null;
    gradeDetail: Json<unknown> | null;
    submittedAt: Timestamp | null;
    sampled: boolean | null;
    sampleReasons: Json<string[]> | null;
    sampleExplanation: string | null;
    moderationStatus: 'pending' | 'agreed' | 'changed' | 'signed-off' | null;
    moderationBatchId: string | null;
    moderatedBy: string | null;
    moderatedAt: Timestamp | null;
    moderatedGrade: Grade | null;
    moderationReason: string | null;
    version: Generated<number>;
    createdAt: CreatedAt;
  };
  registrationClashes: {
    id: Generated<string>;
    uln: string;
    standard: string;
    standardCode: string;
    existingRecordId: string;
    requestedProviderId: string;
    requestedBy: string | null;
    requestedOn: string;
    request: Json<unknown>;
    status: ColumnType<'open' | 'transferred' | 'rejected', 'open' | 'transferred' | 'rejected' | undefined, 'open' | 'transferred' | 'rejected'>;
    decidedBy: string | null;
    decidedAt: Timestamp | null;
    reason: string | null;
    newRecordId: string | null;
    version: Generated<number>;
    createdAt: CreatedAt;
  };
  outbox: {
    id: Generated<string>;
    toAddress: string;
    subject: string;
    body: string;
    kind: string;
    dedupeKey: string | null;
    createdAt: CreatedAt;
    sentAt: Timestamp | null;
  };
}

export type Grade = 'fail' | 'pass' | 'distinction';
export type Judgement = 'met' | 'not-met' | 'not-evidenced';
export type Judgements = Record<string, { judgement: Judgement; note?: string }>;
