// What the people routes answer with.
import { z } from 'zod';
import type { invitePerson, listPeople, setAccountDisabled } from '../../app/people.ts';
import { describes } from './describes.ts';
import { InstantResponse } from './instants.ts';

type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const RoleResponse = z.enum(['epao-admin', 'assessor', 'iqa', 'provider', 'employer', 'apprentice']);

export const InvitedResponse = describes<Returned<typeof invitePerson>>()(
  z.object({ id: z.string(), email: z.string(), name: z.string(), role: RoleResponse, organisationId: z.string().nullable() }),
);

export const PeopleResponse = describes<{ people: Returned<typeof listPeople> }>()(
  z.object({
    people: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        role: RoleResponse,
        organisationId: z.string().nullable(),
        organisationName: z.string().nullable(),
        disabledAt: InstantResponse.nullable(),
        createdAt: InstantResponse,
        awaitingPassword: z.boolean(),
      }),
    ),
  }),
);

export const AccountStateResponse = describes<Returned<typeof setAccountDisabled>>()(
  z.object({ id: z.string(), email: z.string(), disabled: z.boolean(), sessions: z.number().int(), tokens: z.number().int() }),
);
