// The tables of an EPA's outcome: results, re-attempts, certificates, appeals and
// malpractice cases (the rest of the schema is in schema.ts).
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Grade, Json } from './schema.ts';

export interface OutcomeTables {
  results: {
    id: Generated<string>;
    epaRecordId: string;
    overall: Grade;
    capped: boolean;
    methodGrades: Json<Record<string, Grade>>;
    feedback: string | null;
    finalAssessmentOn: string;
    dueOn: string | null;
    releasedOn: string;
    releasedBy: string | null;
    status: 'released' | 'suspended' | 'cancelled' | 'superseded';
    version: Generated<number>;
    createdAt: CreatedAt;
  };
  reattempts: {
    id: Generated<string>;
    epaRecordId: string;
    method: string;
    kind: 'resit' | 're-take' | 'appeal-reassessment';
    attempt: number;
    previousAssessmentId: string;
    exceptionalCircumstances: Generated<boolean>;
    exceptionalReason: string | null;
    plannedOn: string;
    windowEnds: string | null;
    requestedBy: string | null;
    createdAt: CreatedAt;
    usedByAssessmentId: string | null;
    /** A re-sit or re-take is chargeable; a re-assessment an appeal ordered is not. */
    charge: ColumnType<'chargeable' | 'none', 'chargeable' | 'none' | undefined, 'chargeable' | 'none'>;
    /** The upheld appeal that ordered an 'appeal-reassessment'. */
    appealId: ColumnType<string | null, string | null | undefined, string | null>;
  };
  certificates: {
    id: Generated<string>;
    epaRecordId: string;
    resultId: string;
    status: 'requested' | 'issued' | 'sent' | 'reprint-requested';
    claimedGivenNames: string;
    claimedFamilyName: string;
    claimedUln: string;
    requestedOn: string;
    issuedOn: string | null;
    sentOn: string | null;
    reprints: Generated<number>;
    version: Generated<number>;
    /** Where DfE posts the certificate (the employer's address unless the claim gave another). */
    postalContact: ColumnType<unknown, string | null | undefined, string | null>;
    createdAt: CreatedAt;
  };
  appeals: {
    id: Generated<string>;
    epaRecordId: string;
    resultId: string;
    lodgedOn: string;
    lodgedBy: string | null;
    grounds: string;
    status: 'lodged' | 'upheld' | 'rejected';
    decidedBy: string | null;
    decidedOn: string | null;
    decision: Json<unknown> | null;
    /** What the appellant gives in support of the grounds: what to look at again, and where it is. */
    evidence: ColumnType<string | null, string | null | undefined, string | null>;
    acknowledgedOn: ColumnType<string | null, string | null | undefined, string | null>;
    acknowledgedBy: ColumnType<string | null, string | null | undefined, string | null>;
    /** The reviewer the EPAO gave the appeal to: they alone decide it from then. */
    reviewerId: ColumnType<string | null, string | null | undefined, string | null>;
    reviewerAssignedOn: ColumnType<string | null, string | null | undefined, string | null>;
  };
  gatewayDeclarations: {
    id: Generated<string>;
    epaRecordId: string;
    party: 'employer' | 'apprentice';
    declaredBy: string;
    declaredOn: string;
    statement: string;
    /** On a signed record the provider uploaded: the name of who signed, and the form. */
    signedBy: ColumnType<string | null, string | null | undefined, string | null>;
    evidenceFileId: ColumnType<string | null, string | null | undefined, string | null>;
    createdAt: CreatedAt;
  };
  withdrawalRequests: {
    id: Generated<string>;
    epaRecordId: string;
    requestedBy: string;
    requestedOn: string;
    reason: string;
    status: 'requested' | 'confirmed' | 'declined';
    decidedBy: string | null;
    decidedOn: string | null;
    decisionReason: string | null;
    createdAt: CreatedAt;
  };
  malpracticeCases: {
    id: Generated<string>;
    epaRecordId: string;
    resultId: string | null;
    openedBy: string | null;
    openedOn: string;
    allegation: string;
    status: 'open' | 'dismissed' | 'upheld';
    outcome: 'result-stands' | 'result-cancelled' | null;
    decidedBy: string | null;
    decidedOn: string | null;
    notes: string | null;
    concerns: ColumnType<MalpracticeConcerns, MalpracticeConcerns | undefined, MalpracticeConcerns>;
    concernsUserId: ColumnType<string | null, string | null | undefined, string | null>;
    sanction: ColumnType<'assessor-suspended' | null, 'assessor-suspended' | null | undefined, 'assessor-suspended' | null>;
  };
  complaints: {
    id: Generated<string>;
    complainantId: string;
    epaRecordId: string | null;
    subject: string;
    details: string;
    receivedOn: string;
    acknowledgedOn: string | null;
    acknowledgedBy: string | null;
    respondedOn: string | null;
    respondedBy: string | null;
    response: string | null;
    createdAt: CreatedAt;
  };
  malpracticeNotes: { id: Generated<string>; caseId: string; writtenBy: string; writtenAt: Generated<Date>; note: string };
}

export type MalpracticeConcerns = 'apprentice' | 'assessor' | 'provider' | 'employer' | 'epao-staff' | 'unknown';
