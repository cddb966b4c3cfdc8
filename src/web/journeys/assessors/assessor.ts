// One assessor's page: everything about them, their declared relationships and their
// availability, with the forms to declare a relationship and to add availability.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listOrganisations, partyNames } from '../../../app/parties.ts';
import type { Terminology } from '../../terminology.ts';
import { type DateParts, dateItems, dateParts } from '../date-fields.ts';
import { actorOf, type Services } from '../kit.ts';
import { assessorOf, currency, type Errors, noErrors } from './form.ts';

/** The confirmation banners after each change (?done=…). */
const doneBanners = (terms: Terminology): Record<string, string> => ({
  added: `The ${terms.term('assessor').toLowerCase()} was added`,
  invited: `The ${terms.term('assessor').toLowerCase()} was added and e-mailed an invitation to choose their password`,
  changed: 'The changes were saved',
  declared: 'The relationship was declared',
  availability: 'The availability was added',
});

export async function assessorPage(
  { ctx, view, terms }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown> = {},
  errors: Errors = noErrors(),
  status = 200,
) {
  const actor = actorOf(request);
  const assessor = await assessorOf(ctx, request);
  const [organisations, names] = await Promise.all([
    listOrganisations(ctx, actor),
    partyNames(ctx, actor, {
      apprenticeIds: assessor.relationships.flatMap((r) => (r.apprenticeId ? [r.apprenticeId] : [])),
      organisationIds: assessor.relationships.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
    }),
  ]);
  const done = String((request.query as Record<string, unknown>).done ?? '');
  const DONE = doneBanners(terms);
  return view(
    request,
    reply,
    'assessor-page.njk',
    {
      title: assessor.name,
      assessor: { ...assessor, ...currency(ctx, assessor) },
      relationships: assessor.relationships.map((r) => {
        const apprentice = r.apprenticeId ? names.apprentices.get(r.apprenticeId) : undefined;
        const organisation = r.organisationId ? names.organisations.get(r.organisationId) : undefined;
        return {
          ...r,
          withWhom: apprentice ? `${apprentice.name} (${terms.term('uln')} ${apprentice.uln})` : organisation ? organisation.name : 'Not found',
          kind: apprentice ? terms.term('apprentice') : organisation ? terms.term(organisation.kind) : '',
        };
      }),
      organisations: organisations.map((o) => ({ ...o, kindName: terms.term(o.kind) })),
      done: Object.hasOwn(DONE, done) ? DONE[done] : null,
      values: { relationship: {}, availability: { date: dateParts(null) }, ...values },
      availabilityDateItems: dateItems(
        ((values.availability as { date?: DateParts } | undefined)?.date ?? dateParts(null)) as DateParts,
        errors.dateErrors.availableOn,
      ),
      ...errors,
    },
    status,
  );
}

export const showAssessor = (services: Services, request: FastifyRequest, reply: FastifyReply) => assessorPage(services, request, reply);
