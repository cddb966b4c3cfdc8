// The EPAO registers apprentices: one at a time through a form, or many from a CSV file
// with a report row by row. An adapter: it reads the form, calls requestRegistration (a
// registration that clashes lands on its held registration's page) or importRegistrations,
// and shows their refusals on the fields they are about.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, IMPORT_LIMITS, type ImportReason, type ImportRow } from '../../app/bulk-import.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError, notFound } from '../../app/errors.ts';
import { importOnce, storedImportReport } from '../../app/import-reports.ts';
import { RegisterInput } from '../../app/inputs.ts';
import { listOrganisations } from '../../app/parties.ts';
import { registrationWarnings, requestRegistration } from '../../app/records.ts';
import type { Role } from '../../domain/access/access.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import type { Terminology } from '../terminology.ts';
import { type DateField, dateItems, readDate } from './date-fields.ts';
import { actorOf, type FormBody, type JourneyOptions, type MultipartBody, one, pageRecord, readMultipart, uploadProblemText } from './kit.ts';
import { registrationClashPages } from './registration-clash-pages.ts';

const ROLES: readonly Role[] = ['epao-admin'];
const CHANNELS = ['face-to-face', 'non-facing', 'both'] as const;
const CHANNEL_NAMES: Record<string, string> = { 'face-to-face': 'Face to face', 'non-facing': 'Non-facing', both: 'Both' };
const DATE_FIELDS = new Set(['dateOfBirth', 'startDate', 'plannedEndDate']);
const MAX_REPORT_ROWS_SHOWN = 2000;

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
const shapeMessages = (terms: Terminology): Record<string, string> => ({
  givenNames: 'Enter the given names, up to 100 characters',
  familyName: 'Enter the family name, up to 100 characters',
  email: 'Enter an email address in the correct format, like name@example.com',
  providerId: 'Select the training provider',
  employerId: 'Select the employer',
  standard: 'Select the standard version',
  policy: `Select an ${terms.term('epao')} policy from the list, or none`,
  channel: 'Select the channel from the list',
  extraTimePercent: 'Extra time must be a whole number from 0 to 100',
  adjustments: 'Reasonable adjustments must be 2,000 characters or fewer',
});

/** What each column of the import file holds (the columns themselves are IMPORT_COLUMNS). */
const columnHelp = (terms: Terminology): Record<string, string> => ({
  uln: 'The 10-digit unique learner number (9999999999 while a temporary one is used)',
  given_names: 'Up to 100 characters',
  family_name: 'Up to 100 characters',
  date_of_birth: 'YYYY-MM-DD, for example 2006-04-21',
  employer_id: 'The employer’s id in Capstone (see the list below)',
  standard: 'The standard version, for example ST0071@1.2',
  start_date: 'The apprenticeship’s start, YYYY-MM-DD',
  provider_id: 'The training provider’s id in Capstone (see the list below)',
  email: 'The apprentice’s email address',
  ehcp: 'yes or no (also y/n, true/false, 1/0): holds an education, health and care plan; no when empty',
  policy: `The ${terms.term('epao')} policy, for example PAL; empty for none`,
  planned_end_date: 'YYYY-MM-DD',
  channel: 'face-to-face, non-facing or both; needed by standards graded by channel',
  extra_time_percent: 'A whole number from 0 to 100; 0 when empty',
  adjustments: 'Reasonable adjustments, up to 2,000 characters',
});

type RegisterValues = { [field: string]: unknown; dates: Record<string, DateField['parts']> };
type FieldError = { text: string; href: string; source?: string };

const emptyValues = (): RegisterValues => ({
  dates: { dateOfBirth: { day: '', month: '', year: '' }, startDate: { day: '', month: '', year: '' }, plannedEndDate: { day: '', month: '', year: '' } },
  extraTimePercent: '0',
});

/** Where the error summary sends the reader for a field: a date's first input, the first radio of a group. */
const hrefOf = (field: string, dates: Record<string, DateField>) => (DATE_FIELDS.has(field) ? `#${field}-${dates[field]?.error?.part ?? 'day'}` : `#${field}`);

/** Which date a DATES_OUT_OF_ORDER refusal is about: its message names the later field. */
const outOfOrderField = (error: AppError) => (error.message.startsWith('plannedEndDate') ? 'plannedEndDate' : 'startDate');

const MB = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

export function registrationPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  const shapeText = shapeMessages(terms);
  const helpText = columnHelp(terms);
  return async (app) => {
    // The held registrations a registration can become are this journey's too.
    await app.register(registrationClashPages(ctx, { view, terms }));
    const standards = () => [...ctx.catalogue.standards.values()].map((i) => i.standard);
    const policies = () =>
      [...ctx.catalogue.policies.values()].map((p) => ({ id: p.id, name: p.name, standards: [...p.standards] })).sort((a, b) => a.id.localeCompare(b.id));

    async function registerPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
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
          standards: standards().map((s) => s.id),
          channelStandards: standards()
            .filter((s) => s.channels)
            .map((s) => s.id),
          policies: policies(),
          channels: CHANNELS.map((value) => ({ value, text: CHANNEL_NAMES[value] })),
          providers,
          employers,
          values,
          dateInputs: Object.fromEntries([...DATE_FIELDS].map((name) => [name, dateItems(values.dates[name] ?? dateParts0(), dateErrors[name])])),
          fieldErrors,
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/admin/register', { config: { roles: ROLES } }, async (request, reply) => registerPage(request, reply));

    app.post('/admin/register', { config: { roles: ROLES } }, async (request, reply) => {
      const body = request.body as FormBody;
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

      // The form's own checks: what is missing or not a date; then the shape RegisterInput demands.
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
      if (Number.isNaN(extraTime)) fieldErrors.extraTimePercent = shapeText.extraTimePercent as string;

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
      if (!input.success)
        for (const issue of input.error.issues) {
          const name = String(issue.path[0] ?? '');
          if (!fieldErrors[name]) fieldErrors[name] = shapeText[name] ?? `Check this answer: ${issue.message}`;
        }

      const show = (errors: Record<string, string>, status: number, source?: string) =>
        registerPage(
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
        outcome = await requestRegistration(ctx, actorOf(request), input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        const finding = (error.details.findings as Finding[] | undefined)?.[0];
        if (error.code === 'DATES_OUT_OF_ORDER') {
          const field = outOfOrderField(error);
          dateErrors[field] = 'whole';
          const text =
            field === 'plannedEndDate' ? 'Planned end date must be the same as or after the start date' : 'Start date must be after the date of birth';
          return show({ [field]: text }, error.status);
        }
        const field = FIELD_OF_CODE[error.code] ?? 'uln';
        const text = error.code === 'ULN_INVALID' ? ulnMessage(terms.term('uln')) : plainEnglish(error);
        return show({ [field]: text }, error.status, finding?.source);
      }
      // Active for the standard with another provider: the EPAO decides, here, on the held registration's page.
      if (outcome.outcome === 'held') return reply.redirect(`/admin/registration-clashes/${outcome.held.id}?held=1`, 303);
      return reply.redirect(`/admin/register/registered/${outcome.record.id}`, 303);
    });

    app.get('/admin/register/registered/:id', { config: { roles: ROLES } }, async (request, reply) => {
      const record = await pageRecord(ctx, request);
      return view(request, reply, 'registration-done.njk', {
        title: `${terms.term('apprentice')} registered`,
        record,
        channelName: record.channel ? CHANNEL_NAMES[record.channel] : null,
        policy: record.policy ? (ctx.catalogue.policies.get(record.policy) ?? null) : null,
        warnings: registrationWarnings(record.apprentice.uln).map((w) => ({ message: plainEnglish(w), source: w.source })),
      });
    });

    // --- Many apprentices from a CSV file -------------------------------------------

    async function importPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const actor = actorOf(request);
      const organisations = await listOrganisations(ctx, actor);
      return view(
        request,
        reply,
        'registration-import.njk',
        {
          title: `Register ${terms.term('apprentice').toLowerCase()}s from a CSV file`,
          importKey: randomUUID(),
          // provider_id may be left out only by a provider (its own file); these pages are the EPAO's.
          columns: Object.entries(IMPORT_COLUMNS).map(([name, { required }]) => ({
            name,
            required: required || name === 'provider_id',
            help: helpText[name] ?? '',
          })),
          limits: { rows: IMPORT_LIMITS.rows.toLocaleString('en-GB'), size: MB(IMPORT_LIMITS.bytes) },
          organisations: organisations.map((o) => ({ ...o, kindName: terms.term(o.kind) })),
          standards: standards().map((s) => s.id),
          policies: policies(),
          fieldErrors: {},
          errors: [],
          ...extra,
        },
        status,
      );
    }

    app.get('/admin/register/import', { config: { roles: ROLES } }, async (request, reply) => importPage(request, reply));

    app.get('/admin/register/import/template.csv', { config: { roles: ROLES } }, async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="register-apprentices.csv"')
        .header('cache-control', 'no-store')
        .send(`${Object.keys(IMPORT_COLUMNS).join(',')}\r\n`),
    );

    // Multipart: read into the body before the pages' CSRF check runs, so that check applies
    // unchanged; a body that cannot be read (a file over the limit among them) is shown on the form.
    app.post(
      '/admin/register/import',
      {
        config: { roles: ROLES },
        preValidation: async (request) => {
          await readMultipart(request, { fields: ['importKey'], file: 'file', limits: { fileSize: IMPORT_LIMITS.bytes } });
        },
      },
      async (request, reply) => {
        const body = request.body as MultipartBody;
        const fail = (text: string, status: number) => importPage(request, reply, { fieldErrors: { file: text }, errors: [{ text, href: '#file' }] }, status);
        if (body.problem?.kind === 'too-large')
          return fail(`The selected file must be smaller than ${MB(IMPORT_LIMITS.bytes)}: split it into smaller files`, 413);
        if (body.problem) return fail(uploadProblemText(body.problem, IMPORT_LIMITS.bytes), body.problem.status);
        if (!body.file) return fail('Select a CSV file', 400);
        if (body.file.bytes.byteLength === 0) return fail('The selected file is empty', 400);
        const csv = csvText(body.file.bytes);
        if (csv === null) return fail('The selected file must be a CSV file: text, with commas between the values (save it as “CSV UTF-8”)', 400);
        if (csv.trim() === '') return fail('The selected file is empty', 400);
        const actor = actorOf(request);
        let key = body.fields.importKey ?? '';
        try {
          try {
            await importOnce(ctx, actor, key, csv);
          } catch (error) {
            // The form was used before for another file (sent again after going back): a fresh import.
            if (!(error instanceof AppError) || (error.code !== 'IDEMPOTENCY_KEY_REUSED' && error.code !== 'BAD_IMPORT_KEY')) throw error;
            key = randomUUID();
            await importOnce(ctx, actor, key, csv);
          }
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
          return fail(plainEnglish(error), error.status);
        }
        return reply.redirect(`/admin/register/import/${key}`, 303);
      },
    );

    app.get('/admin/register/import/:key', { config: { roles: ROLES } }, async (request, reply) => {
      const { key } = request.params as { key: string };
      const report = await storedImportReport(ctx, actorOf(request), key);
      if (!report) throw notFound('page');
      const rows = report.rows.slice(0, MAX_REPORT_ROWS_SHOWN).map(reportRow);
      return view(request, reply, 'registration-report.njk', {
        title: 'Import report',
        report,
        rows,
        shownAll: rows.length === report.rows.length,
        shown: rows.length,
      });
    });
  };
}

const dateParts0 = () => ({ day: '', month: '', year: '' });

const ulnMessage = (uln: string) =>
  `Enter a real ${uln}: 10 digits, not starting with 0, the last digit the check digit of the other nine (9999999999 for a temporary one)`;

/** The file's bytes as text when they are UTF-8 text (a CSV); null for anything binary. */
function csvText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return text.includes('\u0000') ? null : text;
}

/** One row of the report as the page shows it: each reason's column apart from its message. */
function reportRow(row: ImportRow) {
  const reason = (r: ImportReason) => ({
    column: r.column ?? null,
    code: r.code,
    message: r.column && r.message.startsWith(`${r.column}: `) ? r.message.slice(r.column.length + 2) : plainEnglish(r),
  });
  const shown = { line: row.line, uln: row.uln, status: row.status, imported: row.status === 'imported', recordId: null, heldId: null };
  switch (row.status) {
    case 'imported':
      return { ...shown, recordId: row.recordId, notes: (row.warnings ?? []).map(reason) };
    case 'held':
      return { ...shown, heldId: row.heldId, notes: row.reasons.map(reason) };
    case 'rejected':
      return { ...shown, notes: row.reasons.map(reason) };
  }
}
