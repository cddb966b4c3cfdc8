// The fake DfE Assessor Service's data: the catalogue and the EPAO's approvals, the ILR's
// learners, the certificate records (which hold the EPA records), and the requests as bound
// from JSON. Section names refer to shared/interop/dfe-assessor-external-api.md.

/** One version of a standard. `approved: false` puts a version in the catalogue that the EPAO may not assess. */
export type StandardVersion = {
  version: string;
  options: string[];
  approved?: boolean;
  /** Used only to calculate an omitted version from the learner's start date (Shared request blocks: version). */
  earliestStartDate?: string;
  latestStartDate?: string;
};
export type Standard = { standardReference: string; larsCode: number; title: string; level: number; versions: StandardVersion[] };

/** Learner response: status.completionStatus — 1 continuing, 2 complete, 3 withdrawn, 6 temporarily withdrawn. */
export type CompletionStatus = 1 | 2 | 3 | 6;
export type IlrLearner = {
  uln: number;
  familyName: string;
  givenNames: string;
  standardReference: string;
  learnStartDate: string;
  completionStatus: CompletionStatus;
  version?: string;
  courseOption?: string;
  providerUkprn?: number;
  providerName?: string;
  learnerReferenceNumber?: string;
  plannedEndDate?: string;
};
export type LearnerInput = Omit<IlrLearner, 'uln' | 'completionStatus'> & { uln: number | string; completionStatus?: CompletionStatus };

export type EpaOutcome = 'Pass' | 'Fail' | 'Withdrawn';
export type EpaRecord = { epaDate: string; epaOutcome: EpaOutcome; resit: boolean; retake: boolean };

/** Statuses: the domain list (Ready is computed, never stored). */
export type CertificateStatus =
  | 'Draft'
  | 'Submitted'
  | 'ToBeApproved'
  | 'SentForApproval'
  | 'Approved'
  | 'Rejected'
  | 'SentToPrinter'
  | 'Printed'
  | 'Delivered'
  | 'NotDelivered'
  | 'Reprint'
  | 'Cancelled'
  | 'NoCertificate'
  | 'Deleted'
  | 'Error';

export type PostalContact = {
  contactName?: string;
  department?: string;
  organisation?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  postCode?: string;
};

/** One certificate per learner and standard; it also carries the learner's EPA records. */
export type CertificateRecord = {
  reference: string;
  uln: number;
  standardReference: string;
  createdByUkprn: number;
  status: CertificateStatus;
  version?: string;
  courseOption?: string;
  grade?: string;
  achievementDate?: string;
  postalContact?: PostalContact;
  epas: EpaRecord[];
  createdAt: Date;
  submittedAt?: Date;
  printedAt?: Date;
  printedBatch?: number;
  deliveryDate?: Date;
};

// Requests, as bound (bind.ts): every member optional, dates as YYYY-MM-DD.
export type StandardRequest = { standardCode?: number; standardReference?: string };
export type LearnerRequest = { uln?: number; familyName?: string };
export type EpaRequest = {
  requestId?: string;
  standard?: StandardRequest;
  learner?: LearnerRequest;
  learningDetails?: { version?: string; courseOption?: string };
  epaDetails?: { epas?: { epaDate?: string; epaOutcome?: string; resit?: boolean; retake?: boolean }[] };
  epaReference?: string;
};
export type CertificateRequest = {
  requestId?: string;
  standard?: StandardRequest;
  learner?: LearnerRequest;
  learningDetails?: { version?: string; courseOption?: string; overallGrade?: string; achievementDate?: string };
  postalContact?: PostalContact;
  certificateReference?: string;
};
export type SubmitRequest = {
  requestId?: string;
  uln?: number;
  standardCode?: number;
  standardReference?: string;
  familyName?: string;
  certificateReference?: string;
};
