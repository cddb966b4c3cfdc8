// What the records routes answer with.
import { z } from 'zod';
import type { HeldRegistration } from '../../app/held-registrations.ts';
import type { EpaRecordView } from '../../app/records.ts';
import { FindingResponse, IsoDateResponse, RecordStatusResponse } from './common.ts';
import { describes } from './describes.ts';

const Party = z.object({ id: z.string(), name: z.string() });

export const EpaRecordResponse = describes<EpaRecordView>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    status: RecordStatusResponse,
    standard: z.string(),
    policy: z.string().nullable(),
    apprentice: z.object({
      id: z.string(),
      uln: z.string(),
      givenNames: z.string(),
      familyName: z.string(),
      dateOfBirth: IsoDateResponse,
      email: z.string().nullable(),
      ehcp: z.boolean(),
    }),
    provider: Party,
    employer: Party,
    startDate: IsoDateResponse,
    plannedEndDate: IsoDateResponse.nullable(),
    registeredOn: IsoDateResponse,
    gatewayApprovedOn: IsoDateResponse.nullable(),
    epaStart: IsoDateResponse.nullable(),
    epaEnd: IsoDateResponse.nullable(),
    channel: z.enum(['face-to-face', 'non-facing', 'both']).nullable(),
    courseOption: z.string().nullable(),
    showcaseFormat: z.enum(['report', 'presentation']).nullable(),
    extraTimePercent: z.number(),
    adjustments: z.string().nullable(),
    warnings: z.array(FindingResponse),
  }),
);

export const EpaRecordListResponse = z.object({
  records: z.array(EpaRecordResponse),
  /** Every record that matches, not only this page's. */
  total: z.number().int(),
  /** Where the next page starts (send it as `cursor`); null on the last page. */
  nextCursor: z.string().nullable(),
});

export const HeldRegistrationResponse = describes<HeldRegistration>()(
  z.object({
    id: z.string(),
    status: z.enum(['open', 'transferred', 'rejected']),
    uln: z.string(),
    standard: z.string(),
    givenNames: z.string(),
    familyName: z.string(),
    dateOfBirth: IsoDateResponse,
    providerId: z.string(),
    requestedOn: IsoDateResponse,
    decidedOn: IsoDateResponse.nullable(),
    reason: z.string().nullable(),
    recordId: z.string().nullable(),
  }),
);

/** 202: the registration is held for the EPAO to decide. */
export const RegistrationHeldResponse = z.object({ code: z.literal('REGISTRATION_HELD'), message: z.string(), held: HeldRegistrationResponse });
