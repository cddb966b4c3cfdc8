// What the sign-in, who-am-I and API token routes answer with.
import { z } from 'zod';
import { type ApiTokenView, TOKEN_SCOPES } from '../../app/api-tokens.ts';
import type { Actor, Role } from '../../domain/access/access.ts';
import { describes } from './describes.ts';
import { IsoDateTimeResponse } from './instants.ts';

const RoleResponse = describes<Role>()(z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']));

export const ActorResponse = describes<Actor>()(
  z.object({
    userId: z.string(),
    role: RoleResponse,
    organisationId: z.string().nullable(),
    apprenticeId: z.string().nullable(),
    assessorId: z.string().nullable(),
    name: z.string(),
  }),
);

export const SignedInResponse = z.object({ user: ActorResponse, csrfToken: z.string() });

/** With an API token there is no session to guard, so no CSRF token. */
export const MeResponse = z.object({ user: ActorResponse, csrfToken: z.string().nullable() });

export const ApiTokenResponse = describes<ApiTokenView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    createdAt: IsoDateTimeResponse,
    expiresAt: IsoDateTimeResponse,
    lastUsedAt: IsoDateTimeResponse.nullable(),
    revokedAt: IsoDateTimeResponse.nullable(),
  }),
);

/** The only reply that carries the secret. */
export const ApiTokenCreatedResponse = describes<ApiTokenView & { token: string }>()(ApiTokenResponse.extend({ token: z.string() }));

export const ApiTokenListResponse = z.object({ tokens: z.array(ApiTokenResponse) });
