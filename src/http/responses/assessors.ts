// What the assessors routes answer with.
import { z } from 'zod';
import type { AssessorView, AvailabilityView, Qualification, RelationshipView } from '../../app/assessors.ts';
import { IsoDateResponse } from './common.ts';
import { describes } from './describes.ts';

/** An instant as toISOString writes it, in UTC. */
const InstantResponse = z.string().meta({ format: 'date-time' });

export const RelationshipResponse = describes<RelationshipView>()(
  z.object({
    id: z.string(),
    apprenticeId: z.string().nullable(),
    organisationId: z.string().nullable(),
    nature: z.string(),
    declaredAt: InstantResponse,
  }),
);

export const AvailabilityResponse = describes<AvailabilityView>()(z.object({ id: z.string(), startsAt: InstantResponse, endsAt: InstantResponse }));

const QualificationResponse = describes<Qualification>()(z.object({ name: z.string(), awardedOn: IsoDateResponse.optional() }));

export const AssessorResponse = describes<AssessorView>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    standards: z.array(z.string()),
    standardisedOn: IsoDateResponse.nullable(),
    currentUntil: IsoDateResponse.nullable(),
    qualifications: z.array(QualificationResponse),
    relationships: z.array(RelationshipResponse),
    availability: z.array(AvailabilityResponse),
    maxPerDay: z.number().int().nullable(),
    maxPerWeek: z.number().int().nullable(),
    homeRegion: z.string().nullable(),
  }),
);

export const AssessorListResponse = z.object({ assessors: z.array(AssessorResponse) });
