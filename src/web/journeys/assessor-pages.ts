// The EPAO manages its independent assessors: the list with whether each is current for
// booking, adding one, changing one (optimistic version), and an assessor's page with
// their declared relationships and availability. An adapter: the rules (the 12-month
// currency, who may do what) are the domain's and the use-cases'.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type AssessorView, addAvailability, createAssessor, declareRelationship, getAssessor, listAssessors, updateAssessor } from '../../app/assessors.ts';
import { type AppContext, today } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { AssessorCreateInput, AssessorUpdateInput, AvailabilityInput, RelationshipInput } from '../../app/inputs-assessors.ts';
import { listOrganisations, partyNames } from '../../app/parties.ts';
import { findRecordsByUln } from '../../app/records.ts';
import type { Role } from '../../domain/access/access.ts';
import { standardisationCurrentOn } from '../../domain/booking/assessor-eligibility.ts';
import { isClockTime, londonToUtc } from '../../domain/calendar/london-time.ts';
import { TEMPORARY_ULN } from '../../domain/gateway/uln.ts';
import { plainEnglish } from '../messages.ts';
import { type DateField, type DateParts, dateItems, dateParts, readDate } from './date-fields.ts';
import { actorOf, asPage, type ErrorItem, type FormBody, type JourneyOptions, many, one } from './kit.ts';

const ROLES: readonly Role[] = ['epao-admin'];
/** Qualification rows a form reads at most (the use-case takes 50). */
const MAX_QUALIFICATIONS = 50;

type QualificationRow = { name: string; awarded: DateParts; remove: boolean; existing: boolean };
type Errors = { fieldErrors: Record<string, string>; dateErrors: Record<string, DateField['error'] | string>; errors: ErrorItem[] };

const noErrors = (): Errors => ({ fieldErrors: {}, dateErrors: {}, errors: [] });

function addError(into: Errors, name: string, text: string, href = `#${name}`) {
  if (into.fieldErrors[name]) return;
  into.fieldErrors[name] = text;
  into.errors.push({ text, href });
}

/** The qualification rows of a form: "qualification-name-N", its date "qualification-awarded-N-…", "qualification-remove-N". */
function readQualifications(body: FormBody, errors: Errors) {
  const rows: QualificationRow[] = [];
  const kept: { name: string; awardedOn?: string }[] = [];
  for (let i = 0; i < MAX_QUALIFICATIONS + 1; i++) {
    if (body?.[`qualification-name-${i}`] === undefined) break;
    const name = one(body, `qualification-name-${i}`).trim();
    const awarded = readDate(body, `qualification-awarded-${i}`, 'Date awarded', false);
    const remove = one(body, `qualification-remove-${i}`) === 'yes';
    rows.push({ name, awarded: awarded.parts, remove, existing: one(body, `qualification-existing-${i}`) === 'yes' });
    if (remove || (!name && awarded.empty)) continue;
    if (!name) addError(errors, `qualification-name-${i}`, `Enter the name of qualification ${i + 1}`);
    else if (name.length > 200) addError(errors, `qualification-name-${i}`, `The name of qualification ${i + 1} must be 200 characters or fewer`);
    if (awarded.error) {
      errors.dateErrors[`qualification-awarded-${i}`] = awarded.error;
      addError(
        errors,
        `qualification-awarded-${i}`,
        awarded.error.text.replace('Date awarded', `The date qualification ${i + 1} was awarded`),
        `#qualification-awarded-${i}-${awarded.error.part}`,
      );
    }
    kept.push({ name, ...(awarded.value ? { awardedOn: awarded.value } : {}) });
  }
  return { rows, kept };
}

/** The rows a form shows: those given, then one blank row to add another. */
const withBlankRow = (rows: QualificationRow[]) => [...rows.filter((r) => r.existing || r.name || !isBlank(r.awarded)), blankRow()];
const blankRow = (): QualificationRow => ({ name: '', awarded: { day: '', month: '', year: '' }, remove: false, existing: false });
const isBlank = (p: DateParts) => !p.day && !p.month && !p.year;
/** "9:30" or "09.30" as "09:30"; anything else as typed. */
const clockTime = (value: string) => {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : value.trim();
};

export function assessorPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    const assessorWord = terms.term('assessor');
    const standardIds = () => [...ctx.catalogue.standards.keys()];
    /** The confirmation banners after each change (?done=…). */
    const DONE: Record<string, string> = {
      added: `The ${assessorWord.toLowerCase()} was added`,
      changed: 'The changes were saved',
      declared: 'The relationship was declared',
      availability: 'The availability was added',
    };

    /** The assessor named by :id; a 404 page when there is none. */
    async function assessorOf(request: FastifyRequest): Promise<AssessorView> {
      const { id } = request.params as { id: string };
      return getAssessor(ctx, actorOf(request), id).catch(asPage);
    }

    const currency = (a: AssessorView) => {
      const on = today(ctx);
      return { current: standardisationCurrentOn(a.standardisedOn, on), until: a.currentUntil };
    };

    const qualificationInputs = (rows: QualificationRow[], errors: Errors) =>
      rows.map((row, i) => ({ ...row, index: i, dateItems: dateItems(row.awarded, errors.dateErrors[`qualification-awarded-${i}`]) }));

    // --- The list -----------------------------------------------------------------

    app.get('/admin/assessors', { config: { roles: ROLES } }, async (request, reply) => {
      const assessors = await listAssessors(ctx, actorOf(request));
      return view(request, reply, 'assessor-list.njk', {
        title: `${assessorWord}s`,
        today: today(ctx),
        assessors: assessors.map((a) => ({ ...a, ...currency(a) })),
      });
    });

    // --- Adding one ---------------------------------------------------------------

    async function addPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: Errors, status = 200) {
      const rows = (values.qualifications as QualificationRow[] | undefined) ?? [blankRow()];
      return view(
        request,
        reply,
        'assessor-form.njk',
        {
          title: `Add an ${assessorWord.toLowerCase()}`,
          mode: 'add',
          action: '/admin/assessors/new',
          standards: standardIds(),
          values,
          standardisedOnItems: dateItems((values.standardisedOn as DateParts | undefined) ?? dateParts(null), errors.dateErrors.standardisedOn),
          qualifications: qualificationInputs(rows, errors),
          ...errors,
        },
        status,
      );
    }

    app.get('/admin/assessors/new', { config: { roles: ROLES } }, async (request, reply) => addPage(request, reply, { standards: [] }, noErrors()));

    app.post('/admin/assessors/new', { config: { roles: ROLES } }, async (request, reply) => {
      const body = request.body as FormBody;
      const errors = noErrors();
      const name = one(body, 'name').trim();
      const email = one(body, 'email').trim();
      const password = one(body, 'password');
      const standards = many(body, 'standards');
      const standardisedOn = readDate(body, 'standardisedOn', 'Standardisation date', false);
      if (!name) addError(errors, 'name', 'Enter the name');
      if (!email) addError(errors, 'email', 'Enter the email address');
      if (!password) addError(errors, 'password', 'Enter a password for the account');
      if (standardisedOn.error) {
        errors.dateErrors.standardisedOn = standardisedOn.error;
        addError(errors, 'standardisedOn', standardisedOn.error.text, `#standardisedOn-${standardisedOn.error.part}`);
      }
      const { rows, kept } = readQualifications(body, errors);
      const values = { name, email, standards, standardisedOn: standardisedOn.parts, qualifications: withBlankRow(rows) };
      const input = AssessorCreateInput.safeParse({
        name,
        email,
        password,
        standards,
        ...(standardisedOn.value ? { standardisedOn: standardisedOn.value } : {}),
        qualifications: kept,
      });
      if (!input.success)
        for (const issue of input.error.issues) {
          const field = String(issue.path[0] ?? '');
          if (field === 'name') addError(errors, 'name', 'The name must be 100 characters or fewer');
          else if (field === 'email') addError(errors, 'email', 'Enter an email address in the correct format, like name@example.com');
          else if (field === 'password') addError(errors, 'password', 'The password must be 12 to 200 characters long');
          else if (field === 'standards') addError(errors, 'standards', 'Select standard versions from the list');
          else addError(errors, 'name', `Check the answers: ${issue.message}`);
        }
      if (!input.success || errors.errors.length > 0) return addPage(request, reply, values, errors, 400);
      let id: string;
      try {
        id = (await createAssessor(ctx, actorOf(request), input.data)).id;
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        refusal(errors, error);
        return addPage(request, reply, values, errors, error.status);
      }
      return reply.redirect(`/admin/assessors/${id}?done=added`, 303);
    });

    /** A use-case's refusal on the field it is about. */
    function refusal(errors: Errors, error: AppError) {
      if (error.code === 'EMAIL_TAKEN') addError(errors, 'email', 'There is already an account with this email address');
      else if (error.code === 'UNKNOWN_STANDARD') addError(errors, 'standards', plainEnglish(error));
      else if (error.code === 'STANDARDISED_IN_FUTURE') {
        errors.dateErrors.standardisedOn = 'whole';
        addError(errors, 'standardisedOn', 'The standardisation date must be today or in the past', '#standardisedOn-day');
      } else addError(errors, 'name', plainEnglish(error));
    }

    // --- Changing one -------------------------------------------------------------

    async function changePage(
      request: FastifyRequest,
      reply: FastifyReply,
      assessor: AssessorView,
      values: Record<string, unknown>,
      errors: Errors,
      status = 200,
      extra: Record<string, unknown> = {},
    ) {
      return view(
        request,
        reply,
        'assessor-form.njk',
        {
          title: `Change ${assessor.name}`,
          mode: 'change',
          action: `/admin/assessors/${assessor.id}/change`,
          assessor,
          standards: standardIds(),
          values,
          standardisedOnItems: dateItems(values.standardisedOn as DateParts, errors.dateErrors.standardisedOn),
          qualifications: qualificationInputs(values.qualifications as QualificationRow[], errors),
          ...errors,
          ...extra,
        },
        status,
      );
    }

    /** The change form filled with what is saved now. */
    const savedValues = (a: AssessorView) => ({
      version: String(a.version),
      name: a.name,
      standards: a.standards,
      standardisedOn: dateParts(a.standardisedOn),
      qualifications: withBlankRow(a.qualifications.map((q) => ({ name: q.name, awarded: dateParts(q.awardedOn), remove: false, existing: true }))),
    });

    app.get('/admin/assessors/:id/change', { config: { roles: ROLES } }, async (request, reply) => {
      const assessor = await assessorOf(request);
      return changePage(request, reply, assessor, savedValues(assessor), noErrors());
    });

    app.post('/admin/assessors/:id/change', { config: { roles: ROLES } }, async (request, reply) => {
      const assessor = await assessorOf(request);
      const body = request.body as FormBody;
      const errors = noErrors();
      const name = one(body, 'name').trim();
      const version = one(body, 'version');
      const standards = many(body, 'standards');
      const standardisedOn = readDate(body, 'standardisedOn', 'Standardisation date', false);
      if (!name) addError(errors, 'name', 'Enter the name');
      if (standardisedOn.error) {
        errors.dateErrors.standardisedOn = standardisedOn.error;
        addError(errors, 'standardisedOn', standardisedOn.error.text, `#standardisedOn-${standardisedOn.error.part}`);
      }
      const { rows, kept } = readQualifications(body, errors);
      const values = { version, name, standards, standardisedOn: standardisedOn.parts, qualifications: withBlankRow(rows) };
      const input = AssessorUpdateInput.safeParse({
        version: /^\d{1,10}$/.test(version) ? Number(version) : Number.NaN,
        name,
        standards,
        standardisedOn: standardisedOn.value,
        qualifications: kept,
      });
      if (!input.success)
        for (const issue of input.error.issues) {
          const field = String(issue.path[0] ?? '');
          if (field === 'name') addError(errors, 'name', 'The name must be 100 characters or fewer');
          else if (field === 'standards') addError(errors, 'standards', 'Select standard versions from the list');
          else if (field === 'version') addError(errors, 'name', 'The form is incomplete: open the change page again');
          else addError(errors, 'name', `Check the answers: ${issue.message}`);
        }
      if (!input.success || errors.errors.length > 0) return changePage(request, reply, assessor, values, errors, 400);
      try {
        await updateAssessor(ctx, actorOf(request), assessor.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        if (error.code === 'STALE_VERSION') {
          // Someone saved in between: show what is saved now; nothing of this form was saved.
          const current = await assessorOf(request);
          const stale = noErrors();
          addError(
            stale,
            'name',
            `${current.name}’s details were changed by someone else after you opened this page, so your changes were not saved. The form now shows the saved details: make your changes again.`,
          );
          return changePage(request, reply, current, savedValues(current), stale, 409);
        }
        refusal(errors, error);
        return changePage(request, reply, assessor, values, errors, error.status);
      }
      return reply.redirect(`/admin/assessors/${assessor.id}?done=changed`, 303);
    });

    // --- One assessor: everything, relationships and availability ------------------

    async function assessorPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors: Errors = noErrors(), status = 200) {
      const actor = actorOf(request);
      const assessor = await assessorOf(request);
      const [organisations, names] = await Promise.all([
        listOrganisations(ctx, actor),
        partyNames(ctx, actor, {
          apprenticeIds: assessor.relationships.flatMap((r) => (r.apprenticeId ? [r.apprenticeId] : [])),
          organisationIds: assessor.relationships.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
        }),
      ]);
      const done = String((request.query as Record<string, unknown>).done ?? '');
      return view(
        request,
        reply,
        'assessor-page.njk',
        {
          title: assessor.name,
          assessor: { ...assessor, ...currency(assessor) },
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

    app.get('/admin/assessors/:id', { config: { roles: ROLES } }, async (request, reply) => assessorPage(request, reply));

    app.post('/admin/assessors/:id/relationships', { config: { roles: ROLES } }, async (request, reply) => {
      const actor = actorOf(request);
      const assessor = await assessorOf(request);
      const body = request.body as FormBody;
      const errors = noErrors();
      const withWhom = one(body, 'with');
      const uln = one(body, 'uln').replace(/\s+/g, '');
      const organisationId = one(body, 'organisationId');
      const nature = one(body, 'nature').trim();
      const values = { relationship: { with: withWhom, uln, organisationId, nature } };
      let apprenticeId: string | undefined;
      if (withWhom !== 'apprentice' && withWhom !== 'organisation') addError(errors, 'with', 'Select who the relationship is with');
      else if (withWhom === 'apprentice') {
        if (!uln) addError(errors, 'uln', `Enter the ${terms.term('apprentice').toLowerCase()}’s ${terms.term('uln')}`);
        else if (uln === TEMPORARY_ULN)
          addError(
            errors,
            'uln',
            `${TEMPORARY_ULN} is the temporary ${terms.term('uln')}, shared by many: it does not say which ${terms.term('apprentice').toLowerCase()}`,
          );
        else {
          // The same person registered for two standards has two rows, one ULN: any one names them.
          apprenticeId = (await findRecordsByUln(ctx, actor, uln))[0]?.apprentice.id;
          if (!apprenticeId) addError(errors, 'uln', `No ${terms.term('apprentice').toLowerCase()} with the ${terms.term('uln')} ${uln} is registered`);
        }
      } else if (!organisationId)
        addError(errors, 'organisationId', `Select the ${terms.term('employer').toLowerCase()} or ${terms.term('provider').toLowerCase()}`);
      if (!nature) addError(errors, 'nature', 'Describe the relationship');
      else if (nature.length > 500) addError(errors, 'nature', 'The description must be 500 characters or fewer');
      const input = RelationshipInput.safeParse(withWhom === 'apprentice' ? { apprenticeId, nature } : { organisationId: organisationId || undefined, nature });
      if (!input.success && errors.errors.length === 0)
        addError(errors, withWhom === 'apprentice' ? 'uln' : 'organisationId', 'Select who the relationship is with');
      if (!input.success || errors.errors.length > 0) return assessorPage(request, reply, values, errors, 400);
      try {
        await declareRelationship(ctx, actor, assessor.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        addError(
          errors,
          error.code === 'UNKNOWN_APPRENTICE' ? 'uln' : error.code === 'UNKNOWN_ORGANISATION' ? 'organisationId' : 'nature',
          plainEnglish(error),
        );
        return assessorPage(request, reply, values, errors, error.status);
      }
      return reply.redirect(`/admin/assessors/${assessor.id}?done=declared#relationships`, 303);
    });

    app.post('/admin/assessors/:id/availability', { config: { roles: ROLES } }, async (request, reply) => {
      const assessor = await assessorOf(request);
      const body = request.body as FormBody;
      const errors = noErrors();
      const date = readDate(body, 'availableOn', 'Date', true);
      const from = clockTime(one(body, 'from'));
      const until = clockTime(one(body, 'until'));
      const values = { availability: { date: date.parts, from, until } };
      if (date.error) {
        errors.dateErrors.availableOn = date.error;
        addError(errors, 'availableOn', date.error.text, `#availableOn-${date.error.part}`);
      }
      if (!isClockTime(from)) addError(errors, 'from', 'Enter the start time as hours and minutes, like 09:00');
      if (!isClockTime(until)) addError(errors, 'until', 'Enter the end time as hours and minutes, like 17:00');
      if (errors.errors.length > 0 || !date.value) return assessorPage(request, reply, values, errors, 400);
      const startsAt = londonToUtc(date.value, from);
      const endsAt = londonToUtc(date.value, until);
      if (!startsAt.ok) addError(errors, 'from', plainEnglish(startsAt.problem));
      if (!endsAt.ok) addError(errors, 'until', plainEnglish(endsAt.problem));
      if (!startsAt.ok || !endsAt.ok) return assessorPage(request, reply, values, errors, 400);
      const input = AvailabilityInput.safeParse({ startsAt: startsAt.value.toISOString(), endsAt: endsAt.value.toISOString() });
      if (!input.success) {
        addError(errors, 'until', 'The end time must be after the start time');
        return assessorPage(request, reply, values, errors, 400);
      }
      try {
        await addAvailability(ctx, actorOf(request), assessor.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        addError(errors, 'until', error.code === 'DATES_OUT_OF_ORDER' ? 'The end time must be after the start time' : plainEnglish(error));
        return assessorPage(request, reply, values, errors, error.status);
      }
      return reply.redirect(`/admin/assessors/${assessor.id}?done=availability#availability`, 303);
    });
  };
}
