// The tables as Kysely sees them (columns camel-cased by CamelCasePlugin).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'epao-admin' | 'assessor' | 'iqa' | 'provider' | 'employer' | 'apprentice';
export type RecordStatus = 'registered' | 'gateway-submitted' | 'gateway-rejected' | 'gateway-approved' | 'in-epa' | 'completed' | 'withdrawn';

export interface Database {
  organisations: { id: Generated<string>; kind: 'epao' | 'provider' | 'employer'; name: string; ukprn: string | null; createdAt: CreatedAt };
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
  };
  sessions: { idHash: string; userId: string; createdAt: CreatedAt; expiresAt: Timestamp };
  signInAttempts: { id: Generated<number>; email: string; attemptedAt: Generated<Date>; succeeded: boolean };
  apiTokens: { id: Generated<string>; tokenHash: string; name: string; userId: string; createdAt: CreatedAt; revokedAt: Timestamp | null };
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
    showcaseFormat: 'report' | 'presentation' | null;
    extraTimePercent: Generated<number>;
    adjustments: string | null;
    version: Generated<number>;
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
  };
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
    status: 'booked' | 'cancelled';
    cancelledOn: string | null;
    cancellationCharge: string | null;
    cancellationReason: string | null;
    warnings: Json<unknown>;
    version: Generated<number>;
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
  auditLog: {
    seq: number;
    at: Timestamp;
    actorId: string | null;
    actor: string;
    action: string;
    entity: string;
    entityId: string;
    before: Json<unknown> | null;
    after: Json<unknown> | null;
    prevHash: string;
    hash: string;
  };
  auditHead: { id: Generated<boolean>; seq: number; hash: string };
}
