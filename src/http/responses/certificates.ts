// What the certificates routes answer with: certificates, achievements, appeals, malpractice
// cases and withdrawal.
import { z } from 'zod';
import type { achievementsExport, SendReport } from '../../app/achievements.ts';
import type { getAppeal, listOpenAppeals } from '../../app/appeal-steps.ts';
import type { decideAppeal, lodgeAppeal } from '../../app/appeals.ts';
import type { CertificateView } from '../../app/certificates.ts';
import type { decideMalpracticeCase, openMalpracticeCase } from '../../app/malpractice.ts';
import type { declineWithdrawal, requestWithdrawal, withdraw, withdrawalPreview } from '../../app/withdrawal.ts';
import type { Achievement } from '../../domain/certification/claim.ts';
import type { ResultRow } from '../../store/repositories/appeals.repository.ts';
import type { Grade } from '../../store/schema.ts';
import { IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';
import { InstantResponse } from './instants.ts';
import { EpaRecordResponse } from './records.ts';
import { ResultFields } from './results.ts';

type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const GradeResponse = describes<Grade>()(z.enum(['fail', 'pass', 'distinction']));

export const CertificateResponse = describes<CertificateView>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    status: z.enum(['requested', 'issued', 'sent', 'reprint-requested']),
    recordId: z.string(),
    resultId: z.string(),
    givenNames: z.string(),
    familyName: z.string(),
    uln: z.string(),
    requestedOn: IsoDateResponse,
    issuedOn: IsoDateResponse.nullable(),
    sentOn: IsoDateResponse.nullable(),
    reprints: z.number().int(),
    grade: GradeResponse,
    resultStatus: z.enum(['released', 'suspended', 'cancelled', 'superseded']),
    standard: z.string(),
    sendTo: z.object({ employerId: z.string(), name: z.string() }),
    stopped: z.boolean(),
  }),
);

export const CertificateListResponse = z.object({ certificates: z.array(CertificateResponse) });

const AchievementResponse = describes<Achievement>()(
  z.object({
    uln: z.string(),
    familyName: z.string(),
    standardCode: z.string(),
    standardVersion: z.string(),
    grade: z.enum(['pass', 'distinction']),
    achievementDate: IsoDateResponse,
  }),
);

type AchievementsJson = Extract<Returned<typeof achievementsExport>, { format: 'json' }>['body'];

/**
 * The JSON form of the export (the CSV form is a string, which the serialiser leaves alone).
 * The route passes its parsed query as the range and the use-case spreads the range into the
 * body, so the query's format ('json') is sent too, though the range's type does not name it.
 */
export const AchievementsResponse = describes<AchievementsJson & { format: 'json' }>()(
  z.object({
    from: IsoDateResponse,
    to: IsoDateResponse,
    format: z.literal('json'),
    count: z.number().int(),
    achievements: z.array(AchievementResponse),
  }),
);

export const SendReportResponse = describes<SendReport>()(
  z.object({
    from: IsoDateResponse,
    to: IsoDateResponse,
    rows: z.number().int(),
    accepted: z.number().int(),
    batches: z.array(z.object({ batch: z.number().int(), rows: z.number().int(), accepted: z.number().int() })),
  }),
);

const ResultResponse = describes<ResultRow>()(z.object(ResultFields));

const AppealDueResponse = z.object({ step: z.enum(['acknowledge', 'decide']), by: IsoDateResponse, late: z.boolean() }).nullable();

const AppealFields = {
  id: z.string(),
  epaRecordId: z.string(),
  resultId: z.string(),
  lodgedOn: IsoDateResponse,
  lodgedBy: z.string().nullable(),
  grounds: z.string(),
  evidence: z.string().nullable(),
  status: z.enum(['lodged', 'upheld', 'rejected']),
  acknowledgedOn: IsoDateResponse.nullable(),
  acknowledgedBy: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewerAssignedOn: IsoDateResponse.nullable(),
  decidedBy: z.string().nullable(),
  decidedOn: IsoDateResponse.nullable(),
  // What the decision stored: null until the appeal is decided.
  decision: z.unknown(),
  deadlines: z.object({ acknowledgeBy: IsoDateResponse, decideBy: IsoDateResponse, source: z.string() }),
};

export const AppealLodgedResponse = describes<Returned<typeof lodgeAppeal>>()(
  z.object({ ...AppealFields, window: z.object({ workingDays: z.number().int(), source: z.string(), deadline: IsoDateResponse }) }),
);

/** An appeal as everyone it concerns sees it: its steps, their deadlines, who reviews it, the decision. */
export const AppealResponse = describes<Returned<typeof getAppeal>>()(
  z.object({
    ...AppealFields,
    releasedOn: IsoDateResponse,
    overall: z.enum(['fail', 'pass', 'distinction']),
    methodGrades: z.record(z.string(), z.enum(['fail', 'pass', 'distinction'])),
    givenNames: z.string(),
    familyName: z.string(),
    standard: z.string(),
    lodgerName: z.string().nullable(),
    lodgerRole: z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']).nullable(),
    reviewerName: z.string().nullable(),
    due: AppealDueResponse,
    windowDeadline: IsoDateResponse.nullable(),
    decisionReason: z.string().nullable(),
    reassessed: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
    methods: z.array(z.object({ id: z.string(), name: z.string(), grade: z.string().nullable() })),
  }),
);

export const AppealDecidedResponse = describes<Returned<typeof decideAppeal>>()(
  z.discriminatedUnion('outcome', [
    z.object({ appealId: z.string(), outcome: z.literal('rejected'), decidedOn: IsoDateResponse, result: ResultResponse }),
    z.object({
      appealId: z.string(),
      outcome: z.literal('upheld'),
      decidedOn: IsoDateResponse,
      superseded: ResultResponse.extend({ status: z.literal('superseded') }),
      /** The re-released result with the modified grades; null when the methods are to be assessed again. */
      result: ResultResponse.nullable(),
      /** The methods an upheld appeal has assessed again, at no charge; null for a regrade. */
      reassessment: z
        .object({
          methods: z.array(z.string()),
          methodNames: z.array(z.string()),
          charge: z.literal('none'),
          reattemptIds: z.array(z.string()),
          source: z.string(),
        })
        .nullable(),
    }),
  ]),
);

/** A malpractice case's own columns, as the opening returns them and the case's page reads them. */
export const MalpracticeCaseFields = {
  id: z.string(),
  epaRecordId: z.string(),
  resultId: z.string().nullable(),
  openedBy: z.string().nullable(),
  openedOn: IsoDateResponse,
  allegation: z.string(),
  status: z.enum(['open', 'dismissed', 'upheld']),
  outcome: z.enum(['result-stands', 'result-cancelled']).nullable(),
  decidedBy: z.string().nullable(),
  decidedOn: IsoDateResponse.nullable(),
  notes: z.string().nullable(),
  concerns: z.enum(['apprentice', 'assessor', 'provider', 'employer', 'epao-staff', 'unknown']),
  concernsUserId: z.string().nullable(),
  sanction: z.enum(['assessor-suspended']).nullable(),
};

export const MalpracticeOpenedResponse = describes<Returned<typeof openMalpracticeCase>>()(
  z.object({
    ...MalpracticeCaseFields,
    // 'suspended' when the case is about a result, else null (the use-case types it as a string).
    resultStatus: z.string().nullable(),
  }),
);

export const MalpracticeDecidedResponse = describes<Returned<typeof decideMalpracticeCase>>()(
  z.object({
    id: z.string(),
    status: z.string(),
    outcome: z.enum(['result-stands', 'result-cancelled']).nullable(),
    decidedOn: IsoDateResponse,
    resultId: z.string().nullable(),
    resultStatus: z.string().nullable(),
    stoppedCertificates: z.array(z.object({ id: z.string(), status: z.string() })),
    sentCertificates: z.array(z.object({ id: z.string(), sentOn: IsoDateResponse.nullable() })),
    sanction: z.enum(['assessor-suspended']).nullable(),
  }),
);

export const WithdrawnResponse = describes<Returned<typeof withdraw>>()(
  EpaRecordResponse.extend({
    withdrawnOn: IsoDateResponse.nullable(),
    withdrawalReason: z.string().nullable(),
    // charge: the policy's late-cancellation charge where one is due (the booking records it), else null.
    cancelledBookings: z.array(z.object({ id: z.string(), method: z.string(), startsAt: InstantResponse, charge: z.enum(['full-fee']).nullable() })),
  }),
);

export const OpenAppealsResponse = describes<{ appeals: Returned<typeof listOpenAppeals> }>()(
  z.object({
    appeals: z.array(
      z.object({
        id: z.string(),
        epaRecordId: z.string(),
        lodgedOn: IsoDateResponse,
        acknowledgedOn: IsoDateResponse.nullable(),
        status: z.enum(['lodged', 'upheld', 'rejected']),
        givenNames: z.string(),
        familyName: z.string(),
        reviewerName: z.string().nullable(),
        deadlines: z.object({ acknowledgeBy: IsoDateResponse, decideBy: IsoDateResponse, source: z.string() }),
        due: AppealDueResponse,
      }),
    ),
  }),
);

const WithdrawalRequestResponseShape = z.object({
  id: z.string(),
  epaRecordId: z.string(),
  requestedBy: z.string(),
  requesterName: z.string(),
  requestedOn: IsoDateResponse,
  reason: z.string(),
  status: z.enum(['requested', 'confirmed', 'declined']),
  decidedBy: z.string().nullable(),
  decidedOn: IsoDateResponse.nullable(),
  decisionReason: z.string().nullable(),
  createdAt: InstantResponse,
});

export const WithdrawalRequestResponse = describes<Returned<typeof requestWithdrawal>>()(WithdrawalRequestResponseShape);
export const WithdrawalDeclinedResponse = describes<Returned<typeof declineWithdrawal>>()(
  WithdrawalRequestResponseShape.extend({ status: z.literal('declined'), decidedBy: z.string(), decidedOn: IsoDateResponse, decisionReason: z.string() }),
);

/** What withdrawing would do now: the bookings to come with the charge each would carry, and any request waiting. */
export const WithdrawalPreviewResponse = describes<Returned<typeof withdrawalPreview>>()(
  z.object({
    recordId: z.string(),
    version: z.number().int(),
    status: z.enum(['registered', 'gateway-submitted', 'gateway-rejected', 'gateway-approved', 'in-epa', 'completed', 'withdrawn']),
    request: WithdrawalRequestResponseShape.nullable(),
    bookings: z.array(
      z.object({
        id: z.string(),
        method: z.string(),
        methodName: z.string(),
        startsAt: InstantResponse,
        charge: z.enum(['full-fee', 'none']),
        workingDaysBefore: z.number().int(),
        withinWorkingDays: z.number().int().nullable(),
        source: z.string(),
      }),
    ),
  }),
);
