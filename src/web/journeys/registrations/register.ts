// Registering one apprentice through a form: it reads the form, calls requestRegistration (a
// registration that clashes lands on its held registration's page), shows its refusals on
// the fields they are about, and the registered record with its warnings.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findingsOf } from '../../../app/errors.ts';
import { MAX_ADJUSTMENTS, MAX_EXTRA_TIME_PERCENT, MAX_NAME, RegisterInput } from '../../../app/inputs.ts';
import { listOrganisations } from '../../../app/parties.ts';
import { registrationWarnings, requestRegistration } from '../../../app/records.ts';
import { fieldErrorsFrom, limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import type { Terminology } from '../../terminology.ts';
import { type DateField, dateItems, readDate } from '../date-fields.ts';
import { actorOf, type FormBody, formBody, one, pageRecord, type Services } from '../kit.ts';
import { CHANNEL_NAMES, CHANNELS, policies, standards } from './catalogue.ts';

const DATE_FIELDS = new Set(['dateOfBirth', 'startDate', 'plannedEndDate']);

/** The field a use-case's refusal is about (the summary links to it). */
const FIELD_OF_CODE: Record<string, string> = {
  ULN_INVALID: 'uln',
  ULN_IDENTITY_MISMATCH: 'uln',
  DUPLICATE_REGISTRATION: 'uln',
  PROVIDER_REQUIRED: 'providerId',
  UNKNOWN_PROVIDER: 'providerId',
  UNKNOWN_EMPLOYER: 'employerId',
  UNKNOWN_STANDARD: 'standard',
  UNKNOWN_POLICY: 'policy',
  POLICY_NOT_FOR_STANDARD: 'policy',
  CHANNEL_REQUIRED: 'channel',
};

/** What each field must hold, for RegisterInput's complaints about its shape. */
const shapeMessages = (terms: Terminology) => ({
  givenNames: `Enter the given names, up to ${MAX_NAME} characters`,
  familyName: `Enter the family name, up to ${MAX_NAME} characters`,
  email: 'Enter an email address in the correct format, like name@example.com',
  providerId: 'Select the training provider',
  employerId: 'Select the employer',
  standard: 'Select the standard version',
  policy: `Select an ${terms.term('epao')} policy from the list, or none`,
  channel: 'Select the channel from the list',
  extraTimePercent: `Extra time must be a whole number from 0 to ${MAX_EXTRA_TIME_PERCENT}`,
  adjustments: `Reasonable adjustments must be ${limitText(MAX_ADJUSTMENTS)} characters or fewer`,
});
/** A complaint about a field the messages do not name. */
const OTHER_SHAPE = { message: (issue: { message: string }) => `Check this answer: ${issue.message}` };

type RegisterValues = { [field: string]: unknown; dates: Record<string, DateField['parts']> };
type FieldError = { text: string; href: string; source?: string };

const dateParts0 = () => ({ day: '', month: '', year: '' });
const emptyValues = (): RegisterValues => ({
  dates: { dateOfBirth: dateParts0(), startDate: dateParts0(), plannedEndDate: dateParts0() },
  extraTimePercent: '0',
});

/** Where the error summary sends the reader for a field: a date's first input, the first radio of a group. */
const hrefOf = (field: string, dates: Record<string, DateField>) => (DATE_FIELDS.has(field) ? `#${field}-${dates[field]?.error?.part ?? 'day'}` : `#${field}`);

/** Which date a DATES_OUT_OF_ORDER refusal is about: the later field, as the refusal names it. */
const outOfOrderField = (error: AppError) => (error.details.field === 'plannedEndDate' ? 'plannedEndDate' : 'startDate');

const ulnMessage = (uln: string) =>
  `Enter a real ${uln}: 10 digits, not starting with 0, the last digit the check digit of the other nine (9999999999 for a temporary one)`;

async function registerPage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const actor = actorOf(request);
  const [providers, employers] = await Promise.all([listOrganisations(ctx, actor, 'provider'), listOrganisations(ctx, actor, 'employer')]);
  const values = (extra.values as RegisterValues | undefined) ?? emptyValues();
  const fieldErrors = (extra.fieldErrors as Record<string, string> | undefined) ?? {};
  const dateErrors = (extra.dateErrors as Record<string, DateField['error'] | string> | undefined) ?? {};
  return view(
    request,
    reply,
    'registration-form.njk',
    {
      title: `Register an ${terms.term('apprentice').toLowerCase()}`,
      standards: standards(ctx).map((s) => s.id),
      channelStandards: standards(ctx)
        .filter((s) => s.channels)
        .map((s) => s.id),
      policies: policies(ctx),
      channels: CHANNELS.map((value) => ({ value, text: CHANNEL_NAMES[value] })),
      providers,
      employers,
      values,
      dateInputs: Object.fromEntries([...DATE_FIELDS].map((name) => [name, dateItems(values.dates[name] ?? dateParts0(), dateErrors[name])])),
      fieldErrors,
      limits: { extraTimePercent: MAX_EXTRA_TIME_PERCENT, adjustments: MAX_ADJUSTMENTS },
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showRegister = (services: Services, request: FastifyRequest, reply: FastifyReply) => registerPage(services, request, reply);

/** The form's answers as typed (trimmed), with its three dates read. */
function readValues(body: FormBody) {
  const text = (name: string) => one(body, name).trim();
  const dates = {
    dateOfBirth: readDate(body, 'dateOfBirth', 'Date of birth', true),
    startDate: readDate(body, 'startDate', 'Start date', true),
    plannedEndDate: readDate(body, 'plannedEndDate', 'Planned end date', false),
  };
  const values: RegisterValues = {
    givenNames: text('givenNames'),
    familyName: text('familyName'),
    uln: text('uln').replace(/\s+/g, ''),
    email: text('email'),
    standard: text('standard'),
    policy: text('policy'),
    channel: text('channel'),
    providerId: text('providerId'),
    employerId: text('employerId'),
    ehcp: one(body, 'ehcp') === 'yes',
    extraTimePercent: text('extraTimePercent'),
    adjustments: one(body, 'adjustments').trim(),
    dates: { dateOfBirth: dates.dateOfBirth.parts, startDate: dates.startDate.parts, plannedEndDate: dates.plannedEndDate.parts },
  };
  return { values, dates };
}

/** The form's own checks: what is missing or not a date; then the shape RegisterInput demands. */
function readRegister(terms: Terminology, body: FormBody) {
  const shapeText = shapeMessages(terms);
  const { values, dates } = readValues(body);
  const fieldErrors: Record<string, string> = {};
  const dateErrors: Record<string, DateField['error'] | string> = {};
  if (!values.givenNames) fieldErrors.givenNames = 'Enter the given names';
  if (!values.familyName) fieldErrors.familyName = 'Enter the family name';
  if (!values.uln) fieldErrors.uln = `Enter the ${terms.term('uln')}`;
  for (const [name, date] of Object.entries(dates))
    if (date.error) {
      fieldErrors[name] = date.error.text;
      dateErrors[name] = date.error;
    }
  if (!values.standard) fieldErrors.standard = `Select the ${terms.term('standard').toLowerCase()} version`;
  if (!values.providerId) fieldErrors.providerId = `Select the ${terms.term('provider').toLowerCase()}`;
  if (!values.employerId) fieldErrors.employerId = `Select the ${terms.term('employer').toLowerCase()}`;
  const extraTime = values.extraTimePercent === '' ? 0 : /^\d{1,3}$/.test(String(values.extraTimePercent)) ? Number(values.extraTimePercent) : Number.NaN;
  if (Number.isNaN(extraTime)) fieldErrors.extraTimePercent = shapeText.extraTimePercent;

  const input = RegisterInput.safeParse({
    uln: values.uln,
    givenNames: values.givenNames,
    familyName: values.familyName,
    dateOfBirth: dates.dateOfBirth.value ?? '',
    ...(values.email ? { email: values.email } : {}),
    ehcp: values.ehcp,
    providerId: values.providerId,
    employerId: values.employerId,
    standard: values.standard,
    policy: values.policy || null,
    startDate: dates.startDate.value ?? '',
    ...(dates.plannedEndDate.value ? { plannedEndDate: dates.plannedEndDate.value } : {}),
    ...(values.channel ? { channel: values.channel } : {}),
    extraTimePercent: Number.isNaN(extraTime) ? 0 : extraTime,
    ...(values.adjustments ? { adjustments: values.adjustments } : {}),
  });
  const errors = input.success ? fieldErrors : fieldErrorsFrom(input.error, shapeText, { otherwise: OTHER_SHAPE, found: fieldErrors });
  return { values, dates, fieldErrors: errors, dateErrors, input };
}

export async function register(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const { values, dates, fieldErrors, dateErrors, input } = readRegister(services.terms, formBody(request));
  const show = (errors: Record<string, string>, status: number, source?: string) =>
    registerPage(
      services,
      request,
      reply,
      {
        values,
        fieldErrors: errors,
        dateErrors,
        errors: Object.entries(errors).map(([name, text]): FieldError => ({ text, href: hrefOf(name, dates), ...(source ? { source } : {}) })),
      },
      status,
    );
  if (!input.success || Object.keys(fieldErrors).length > 0) return show(fieldErrors, 400);

  let outcome: Awaited<ReturnType<typeof requestRegistration>>;
  try {
    outcome = await requestRegistration(services.ctx, actorOf(request), input.data);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    const finding = findingsOf(error)[0];
    if (error.code === 'DATE_OF_BIRTH_IN_FUTURE') {
      dateErrors.dateOfBirth = 'whole';
      return show({ dateOfBirth: 'Date of birth must be in the past' }, error.status);
    }
    if (error.code === 'DATES_OUT_OF_ORDER') {
      const field = outOfOrderField(error);
      dateErrors[field] = 'whole';
      const text = field === 'plannedEndDate' ? 'Planned end date must be the same as or after the start date' : 'Start date must be after the date of birth';
      return show({ [field]: text }, error.status);
    }
    const field = FIELD_OF_CODE[error.code] ?? 'uln';
    const text = error.code === 'ULN_INVALID' ? ulnMessage(services.terms.term('uln')) : plainEnglish(error);
    return show({ [field]: text }, error.status, finding?.source);
  }
  // Active for the standard with another provider: the EPAO decides, here, on the held registration's page.
  if (outcome.outcome === 'held') return reply.redirect(`/admin/registration-clashes/${outcome.held.id}?held=1`, 303);
  return reply.redirect(`/admin/register/registered/${outcome.record.id}`, 303);
}

export async function showRegistered({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(ctx, request);
  return view(request, reply, 'registration-done.njk', {
    title: `${terms.term('apprentice')} registered`,
    record,
    channelName: record.channel ? CHANNEL_NAMES[record.channel] : null,
    policy: record.policy ? (ctx.catalogue.policies.get(record.policy) ?? null) : null,
    warnings: registrationWarnings(record.apprentice.uln).map((w) => ({ message: plainEnglish(w), source: w.source })),
  });
}
