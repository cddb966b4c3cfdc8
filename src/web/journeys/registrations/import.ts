// Registering many apprentices from a CSV file: the page that describes the file, its
// template, and the upload, which startImport checks as a file and queues to be imported
// in the background (report.ts shows its progress, then its report).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { IMPORT_COLUMNS, IMPORT_LIMITS } from '../../../app/import-file.ts';
import { startImport } from '../../../app/import-reports.ts';
import { MAX_ADJUSTMENTS, MAX_EXTRA_TIME_PERCENT, MAX_NAME } from '../../../app/inputs.ts';
import { listOrganisations } from '../../../app/parties.ts';
import { may } from '../../../domain/access/access.ts';
import { limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import type { Terminology } from '../../terminology.ts';
import { actorOf, type MultipartBody, multipartBody, readMultipart, type Services, uploadProblemText } from '../kit.ts';
import { policies, standards } from './catalogue.ts';

/** What each column of the import file holds (the columns themselves are IMPORT_COLUMNS). */
const columnHelp = (terms: Terminology): Record<string, string> => ({
  uln: 'The 10-digit unique learner number (9999999999 while a temporary one is used)',
  given_names: `Up to ${MAX_NAME} characters`,
  family_name: `Up to ${MAX_NAME} characters`,
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
  extra_time_percent: `A whole number from 0 to ${MAX_EXTRA_TIME_PERCENT}; 0 when empty`,
  adjustments: `Reasonable adjustments, up to ${limitText(MAX_ADJUSTMENTS)} characters`,
});

const MB = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

async function importPage({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const organisations = await listOrganisations(ctx, actorOf(request));
  const helpText = columnHelp(terms);
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
      mayCreateEmployers: may(actorOf(request), 'organisation.create'),
      standards: standards(ctx).map((s) => s.id),
      policies: policies(ctx),
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showImport = (services: Services, request: FastifyRequest, reply: FastifyReply) => importPage(services, request, reply);

export async function importTemplate(_services: Services, _request: FastifyRequest, reply: FastifyReply) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="register-apprentices.csv"')
    .header('cache-control', 'no-store')
    .send(`${Object.keys(IMPORT_COLUMNS).join(',')}\r\n`);
}

/**
 * Multipart: read into the body before the pages' CSRF check runs (the route's preValidation),
 * so that check applies unchanged; a body that cannot be read (a file over the limit among
 * them) is shown on the form.
 */
export async function readImportForm(request: FastifyRequest) {
  await readMultipart(request, { fields: ['importKey', 'createEmployers'], file: 'file', limits: { fileSize: IMPORT_LIMITS.bytes } });
}

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

/** The uploaded CSV's text, or why the upload cannot be imported and its status. */
function uploadedCsv(body: MultipartBody): { csv: string } | { text: string; status: number } {
  if (body.problem?.kind === 'too-large')
    return { text: `The selected file must be smaller than ${MB(IMPORT_LIMITS.bytes)}: split it into smaller files`, status: 413 };
  if (body.problem) return { text: uploadProblemText(body.problem, IMPORT_LIMITS.bytes), status: body.problem.status };
  if (!body.file) return { text: 'Select a CSV file', status: 400 };
  if (body.file.bytes.byteLength === 0) return { text: 'The selected file is empty', status: 400 };
  const csv = csvText(body.file.bytes);
  if (csv === null) return { text: 'The selected file must be a CSV file: text, with commas between the values (save it as “CSV UTF-8”)', status: 400 };
  if (csv.trim() === '') return { text: 'The selected file is empty', status: 400 };
  return { csv };
}

export async function importFile(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const body = multipartBody(request);
  const fail = (text: string, status: number) =>
    importPage(services, request, reply, { fieldErrors: { file: text }, errors: [{ text, href: '#file' }] }, status);
  const upload = uploadedCsv(body);
  if (!('csv' in upload)) return fail(upload.text, upload.status);
  const { csv } = upload;
  const actor = actorOf(request);
  let key = body.fields.importKey ?? '';
  const options = { createEmployers: body.fields.createEmployers === 'yes' };
  try {
    try {
      await startImport(services.ctx, actor, key, csv, services.imports, options);
    } catch (error) {
      // The form was used before for another file (sent again after going back): a fresh import.
      if (!(error instanceof AppError) || (error.code !== 'IDEMPOTENCY_KEY_REUSED' && error.code !== 'BAD_IMPORT_KEY')) throw error;
      key = randomUUID();
      await startImport(services.ctx, actor, key, csv, services.imports, options);
    }
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
    return fail(plainEnglish(error), error.status);
  }
  return reply.redirect(`/admin/register/import/${key}`, 303);
}
