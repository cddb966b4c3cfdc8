// The EPAO's training providers and employers. An adapter: src/app/organisations.ts decides.
import { z } from 'zod';
import { MAX_NAME } from '../../app/inputs.ts';
import { EmployerAddressInput } from '../../app/inputs-postal.ts';
import { addOrganisation, listOrganisations, setEmployerAddress } from '../../app/organisations.ts';
import { actorOf, docs, IdParams, parse } from '../kit.ts';
import { describes } from '../responses/describes.ts';
import type { RouteModule } from './index.ts';

const Kind = z.enum(['provider', 'employer']);
export const OrganisationInput = z.strictObject({
  kind: Kind,
  name: z.string().trim().min(1).max(MAX_NAME),
  ukprn: z.string().trim().max(20).optional(),
  reference: z.string().trim().max(100).optional(),
});
const ListQuery = z.object({
  kind: Kind,
  afterName: z.string().max(MAX_NAME).optional(),
  afterId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const Made = describes<Awaited<ReturnType<typeof addOrganisation>>>()(
  z.object({
    id: z.string(),
    kind: z.enum(['epao', 'provider', 'employer']),
    name: z.string(),
    ukprn: z.string().nullable(),
    reference: z.string().nullable(),
  }),
);
const Listed = describes<{ organisations: Awaited<ReturnType<typeof listOrganisations>> }>()(
  z.object({
    organisations: z.array(
      z.object({
        id: z.string(),
        kind: Kind,
        name: z.string(),
        ukprn: z.string().nullable(),
        reference: z.string().nullable(),
        /** An employer's postal address on one line; null until set (PUT /organisations/:id/address). */
        postalAddress: z.string().nullable(),
        users: z.number().int(),
        apprentices: z.number().int(),
      }),
    ),
  }),
);

export const organisationRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/organisations',
    {
      schema: docs({
        summary: 'The EPAO’s training providers or employers by name, with their users and apprentices counted',
        tags: ['accounts'],
        querystring: ListQuery,
        responses: { 200: Listed },
      }),
    },
    async (request) => {
      const q = parse(ListQuery, request.query);
      const after = q.afterName !== undefined && q.afterId ? { name: q.afterName, id: q.afterId } : undefined;
      return { organisations: await listOrganisations(ctx, actorOf(request), { kind: q.kind, ...(after ? { after } : {}), limit: q.limit }) };
    },
  );
  app.post(
    '/organisations',
    {
      schema: docs({
        summary: 'Add a training provider (by its UKPRN) or an employer (with the EPAO’s own reference, if it has one)',
        tags: ['accounts'],
        body: OrganisationInput,
        responses: { 201: Made },
      }),
    },
    async (request, reply) => reply.code(201).send(await addOrganisation(ctx, actorOf(request), parse(OrganisationInput, request.body))),
  );
  app.put(
    '/organisations/:id/address',
    {
      schema: docs({
        summary: 'An employer’s postal address: DfE posts its apprentices’ certificates there unless a claim gives another',
        tags: ['accounts'],
        params: IdParams,
        body: EmployerAddressInput,
        responses: { 200: AddressSaved },
      }),
    },
    async (request) => setEmployerAddress(ctx, actorOf(request), parse(IdParams, request.params).id, parse(EmployerAddressInput, request.body)),
  );
};

const AddressSaved = describes<Awaited<ReturnType<typeof setEmployerAddress>>>()(
  z.object({
    id: z.string(),
    name: z.string(),
    contactName: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    addressLine3: z.string().nullable(),
    city: z.string().nullable(),
    postCode: z.string().nullable(),
  }),
);
