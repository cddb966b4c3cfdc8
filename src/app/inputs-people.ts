// The inputs of people's accounts: an invitation, a reset asked for, a password set from a link.
import { z } from 'zod';
import { MAX_EMAIL, MAX_NAME } from './inputs.ts';
import { MAX_PASSWORD, MIN_PASSWORD } from './inputs-assessors.ts';
import { INVITED_ROLES } from './people.ts';

export const InviteInput = z.strictObject({
  email: z.email().max(MAX_EMAIL),
  name: z.string().trim().min(1).max(MAX_NAME),
  role: z.enum(INVITED_ROLES),
  organisationId: z.uuid().optional(),
});
export const ResetRequestInput = z.strictObject({ email: z.string().trim().min(3).max(MAX_EMAIL) });
/** The link's token (from the e-mail) and the password its owner chose. */
export const SetPasswordInput = z.strictObject({ token: z.string().min(1).max(100), password: z.string().min(MIN_PASSWORD).max(MAX_PASSWORD) });
export const PeopleQuery = z.object({
  role: z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']).optional(),
  afterName: z.string().max(MAX_NAME).optional(),
  afterId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
