// What the assessor pages share: the error list a form builds, the qualification rows, the
// 12-month standardisation currency as shown, the caps and home region as typed, and a
// use-case's refusal put on its field.
import type { FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import { type AssessorView, getAssessor } from '../../../app/assessors.ts';
import { type AppContext, today } from '../../../app/context.ts';
import type { AppError } from '../../../app/errors.ts';
import { MAX_NAME } from '../../../app/inputs.ts';
import {
  MAX_HOME_REGION,
  MAX_PASSWORD,
  MAX_PER_DAY,
  MAX_PER_WEEK,
  MAX_QUALIFICATION_NAME,
  MAX_QUALIFICATIONS,
  MIN_PASSWORD,
} from '../../../app/inputs-assessors.ts';
import type { Role } from '../../../domain/access/access.ts';
import { standardisationCurrentOn } from '../../../domain/booking/assessor-eligibility.ts';
import { type FieldRules, fieldErrorsFrom, type Issue } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import { type DateField, type DateParts, dateItems, readDate } from '../date-fields.ts';
import { actorOf, asPage, type ErrorItem, type FormBody, one } from '../kit.ts';

export const ROLES: readonly Role[] = ['epao-admin'];

export type QualificationRow = { name: string; awarded: DateParts; remove: boolean; existing: boolean };
export type Errors = { fieldErrors: Record<string, string>; dateErrors: Record<string, DateField['error'] | string>; errors: ErrorItem[] };

export const noErrors = (): Errors => ({ fieldErrors: {}, dateErrors: {}, errors: [] });

export function addError(into: Errors, name: string, text: string, href = `#${name}`) {
  if (into.fieldErrors[name]) return;
  into.fieldErrors[name] = text;
  into.errors.push({ text, href });
}

/** The qualification rows of a form: "qualification-name-N", its date "qualification-awarded-N-…", "qualification-remove-N". */
export function readQualifications(body: FormBody, errors: Errors) {
  const rows: QualificationRow[] = [];
  const kept: { name: string; awardedOn?: string }[] = [];
  // One row past what the use-case takes, so a form with too many is refused rather than cut short.
  for (let i = 0; i < MAX_QUALIFICATIONS + 1; i++) {
    if (body?.[`qualification-name-${i}`] === undefined) break;
    const name = one(body, `qualification-name-${i}`).trim();
    const awarded = readDate(body, `qualification-awarded-${i}`, 'Date awarded', false);
    const remove = one(body, `qualification-remove-${i}`) === 'yes';
    rows.push({ name, awarded: awarded.parts, remove, existing: one(body, `qualification-existing-${i}`) === 'yes' });
    if (remove || (!name && awarded.empty)) continue;
    if (!name) addError(errors, `qualification-name-${i}`, `Enter the name of qualification ${i + 1}`);
    else if (name.length > MAX_QUALIFICATION_NAME)
      addError(errors, `qualification-name-${i}`, `The name of qualification ${i + 1} must be ${MAX_QUALIFICATION_NAME} characters or fewer`);
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

/** The standardisation date as the form gives it, its error on the form when it is not a date. */
export function readStandardisedOn(body: FormBody, errors: Errors) {
  const standardisedOn = readDate(body, 'standardisedOn', 'Standardisation date', false);
  if (standardisedOn.error) {
    errors.dateErrors.standardisedOn = standardisedOn.error;
    addError(errors, 'standardisedOn', standardisedOn.error.text, `#standardisedOn-${standardisedOn.error.part}`);
  }
  return standardisedOn;
}

/** A cap as typed: empty is no limit (null); anything but digits is left for the schema to refuse. */
const cap = (text: string) => (text === '' ? null : /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN);

/** The caps and home region as the form gives them: the text to show again, and the use-case's input (empty is null). */
export function readWorkload(body: FormBody) {
  const values = { maxPerDay: one(body, 'maxPerDay').trim(), maxPerWeek: one(body, 'maxPerWeek').trim(), homeRegion: one(body, 'homeRegion').trim() };
  return { values, input: { maxPerDay: cap(values.maxPerDay), maxPerWeek: cap(values.maxPerWeek), homeRegion: values.homeRegion || null } };
}

/** The rows a form shows: those given, then one blank row to add another. */
export const withBlankRow = (rows: QualificationRow[]) => [...rows.filter((r) => r.existing || r.name || !isBlank(r.awarded)), blankRow()];
export const blankRow = (): QualificationRow => ({ name: '', awarded: { day: '', month: '', year: '' }, remove: false, existing: false });
const isBlank = (p: DateParts) => !p.day && !p.month && !p.year;

export const qualificationInputs = (rows: QualificationRow[], errors: Errors) =>
  rows.map((row, i) => ({ ...row, index: i, dateItems: dateItems(row.awarded, errors.dateErrors[`qualification-awarded-${i}`]) }));

export const standardIds = (ctx: AppContext) => [...ctx.catalogue.standards.keys()];

/** The assessor named by :id; a 404 page when there is none. */
export async function assessorOf(ctx: AppContext, request: FastifyRequest): Promise<AssessorView> {
  const { id } = request.params as { id: string };
  return getAssessor(ctx, actorOf(request), id).catch(asPage);
}

export const currency = (ctx: AppContext, a: AssessorView) => {
  const on = today(ctx);
  return { current: standardisationCurrentOn(a.standardisedOn, on), until: a.currentUntil };
};

/** Each of the schema's complaints on its field, where the form has none there yet. */
export function addIssues(into: Errors, error: ZodError, rules: FieldRules) {
  const otherwise = { field: 'name', message: (issue: Issue) => `Check the answers: ${issue.message}` };
  for (const [name, text] of Object.entries(fieldErrorsFrom(error, rules, { otherwise, found: into.fieldErrors }))) addError(into, name, text);
}

/** What the add and change forms say about AssessorCreateInput's and AssessorUpdateInput's complaints. */
export const ASSESSOR_RULES: FieldRules = {
  name: `The name must be ${MAX_NAME} characters or fewer`,
  email: 'Enter an email address in the correct format, like name@example.com',
  password: `The password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long`,
  standards: 'Select standard versions from the list',
  version: { field: 'name', message: 'The form is incomplete: open the change page again' },
  maxPerDay: `Most assessments in a day must be a whole number between 1 and ${MAX_PER_DAY}`,
  maxPerWeek: `Most assessments in a week must be a whole number between 1 and ${MAX_PER_WEEK}`,
  homeRegion: `Home region must be ${MAX_HOME_REGION} characters or fewer`,
};

/** A use-case's refusal on the field it is about. */
export function refusal(errors: Errors, error: AppError) {
  if (error.code === 'EMAIL_TAKEN') addError(errors, 'email', 'There is already an account with this email address');
  else if (error.code === 'UNKNOWN_STANDARD') addError(errors, 'standards', plainEnglish(error));
  else if (error.code === 'STANDARDISED_IN_FUTURE') {
    errors.dateErrors.standardisedOn = 'whole';
    addError(errors, 'standardisedOn', 'The standardisation date must be today or in the past', '#standardisedOn-day');
  } else if (error.code === 'WEEK_CAP_BELOW_DAY_CAP') addError(errors, 'maxPerWeek', 'Most assessments in a week must be at least the most in a day');
  else addError(errors, 'name', plainEnglish(error));
}

/** "9:30" or "09.30" as "09:30"; anything else as typed. */
export const clockTime = (value: string) => {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : value.trim();
};
