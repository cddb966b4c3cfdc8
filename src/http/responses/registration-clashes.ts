// What the registration-clashes routes answer with.
import { z } from 'zod';
import type { ClashEpaoSide, ClashView } from '../../app/registration-clashes.ts';
import { IsoDateResponse, RecordStatusResponse } from './common.ts';
import { describes } from './describes.ts';
import { HeldRegistrationResponse } from './records.ts';

const Party = z.object({ id: z.string(), name: z.string() });

const ClashEpaoSideResponse = describes<ClashEpaoSide>()(
  z.object({
    requestedProvider: Party,
    requestedBy: z.string().nullable(),
    existing: z.object({
      recordId: z.string(),
      status: RecordStatusResponse,
      standard: z.string(),
      registeredOn: IsoDateResponse,
      startDate: IsoDateResponse,
      provider: Party,
      apprentice: z.object({ givenNames: z.string(), familyName: z.string() }),
    }),
  }),
);

/** The held registration; `epao` (the other side) only for the EPAO. */
export const ClashResponse = describes<ClashView>()(HeldRegistrationResponse.extend({ epao: ClashEpaoSideResponse.optional() }));

export const ClashListResponse = z.object({ clashes: z.array(ClashResponse) });
