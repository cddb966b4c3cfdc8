// The provider's gateway submission: the evidence uploaded so far, the portfolio's KSB
// coverage grid, an upload form (multipart) and the submission form. An adapter like
// pages.ts: each route reads the form, calls use-cases and renders; the gateway engine
// decides, and its failures are shown with their sources.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { listFiles, MAX_EVIDENCE_BYTES, uploadEvidence } from '../../app/files.ts';
import { OPEN_FOR_GATEWAY, submitGateway } from '../../app/gateway.ts';
import { EvidenceUploadInput, GatewaySubmitInput } from '../../app/inputs-gateway.ts';
import type { Role } from '../../domain/access/access.ts';
import type { EvidencePurpose } from '../../domain/evidence/file-type.ts';
import { portfolioCoverage } from '../../domain/gateway/coverage.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import {
  actorOf,
  type ErrorItem,
  errorsOf,
  type FormBody,
  type JourneyOptions,
  type MultipartBody,
  many,
  one,
  pageRecord,
  readMultipart,
  uploadProblemText,
} from './kit.ts';

const ROLES: readonly Role[] = ['provider', 'epao-admin'];
/** The gateway evidence a provider uploads; the papers only for a standard with a portfolio. */
const QUALIFICATIONS: readonly EvidencePurpose[] = ['qualification-english', 'qualification-maths'];
const PORTFOLIO: readonly EvidencePurpose[] = ['portfolio-piece', 'mapping-document', 'employer-validation', 'authenticity-declaration'];
const LEVELS = ['level-2', 'level-1', 'entry-3'] as const;
const LEVEL_NAMES: Record<string, string> = {
  'level-2': 'Level 2',
  'level-1': 'Level 1',
  'entry-3': 'Entry Level 3',
  bsl: 'British Sign Language',
  none: 'None',
};
const PARTIES = ['employer', 'provider', 'apprentice'] as const;

/** Where each of the engine's failures is put right on the page. */
const FIELD_OF: Record<string, string> = {
  ENGLISH_REQUIRED: '#english',
  MATHS_REQUIRED: '#maths',
  DECLARATION_MISSING: '#declarations',
  SHOWCASE_FORMAT_MISSING: '#showcaseFormat',
  PORTFOLIO_TOO_FEW: '#file',
  PORTFOLIO_TOO_MANY: '#pieces',
  PORTFOLIO_KSB_UNCOVERED: '#coverage',
  PORTFOLIO_MAPPING_MISSING: '#file',
  PORTFOLIO_VALIDATION_MISSING: '#file',
  PORTFOLIO_AUTHENTICITY_MISSING: '#file',
};

/** The most KSBs an upload may name (EvidenceUploadInput's limit): the form's field limit is set from it. */
const MAX_KSBS = 100;
/** The upload form: the token, the purpose, a box per KSB and the file. */
const UPLOAD_LIMITS = { fields: MAX_KSBS + 2, parts: MAX_KSBS + 3 };
/** The places on the page outside the two forms, there whether or not gateway is open. */
const ALWAYS_SHOWN = new Set(['#evidence', '#pieces']);

export function gatewayPages(ctx: AppContext, { view, terms }: JourneyOptions): FastifyPluginAsync {
  return async (app) => {
    const recordOf = (request: FastifyRequest) => pageRecord(ctx, request);

    async function gatewayPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const actor = actorOf(request);
      const record = await recordOf(request);
      const standard = ctx.catalogue.standards.get(record.standard)?.standard;
      if (!standard) throw new AppError(500, 'UNKNOWN_STANDARD', `no standard ${record.standard}`);
      const files = (await listFiles(ctx, actor, record.id)).filter((f) => f.purpose !== 'project-report' && f.purpose !== 'showcase');
      const pieces = files.filter((f) => f.purpose === 'portfolio-piece');
      const coverage = portfolioCoverage(
        standard,
        pieces.map((p) => ({ id: p.id, name: p.fileName, ksbs: p.ksbs })),
      );
      const purposes = [...QUALIFICATIONS, ...(standard.gateway.portfolio ? PORTFOLIO : [])];
      const open = (OPEN_FOR_GATEWAY as readonly string[]).includes(record.status);
      // Each error links to something on the page: the forms are there only while gateway is
      // open (else the note saying so), the KSB boxes only with a portfolio (else the purpose).
      const fieldErrors = { ...((extra.fieldErrors as Record<string, string> | undefined) ?? {}) };
      if (!coverage && fieldErrors.ksbs) {
        fieldErrors.purpose ??= fieldErrors.ksbs;
        delete fieldErrors.ksbs;
      }
      const shown = (href: string) => {
        if (ALWAYS_SHOWN.has(href) || (coverage && href === '#coverage')) return href;
        if (!open) return '#not-open';
        if (!coverage && href === '#ksbs') return '#purpose';
        return href === '#coverage' ? '#pieces' : href;
      };
      const place = <T extends { href: string }>(items: unknown) => ((items as T[] | undefined) ?? []).map((item) => ({ ...item, href: shown(item.href) }));
      const englishLevels = [...LEVELS, ...(standard.gateway.englishMaths.value.bslForEnglish ? ['bsl'] : []), 'none'];
      return view(
        request,
        reply,
        'gateway.njk',
        {
          title: `${terms.term('gateway')}: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
          record,
          open,
          files: files.map((f) => ({ ...f, purposeName: terms.purpose(f.purpose), sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)) })),
          pieces,
          coverage,
          portfolio: standard.gateway.portfolio?.value ?? null,
          purposes: purposes.map((value) => ({ value, text: terms.purpose(value) })),
          englishLevels: englishLevels.map((value) => ({ value, text: LEVEL_NAMES[value] })),
          mathsLevels: [...LEVELS, 'none'].map((value) => ({ value, text: LEVEL_NAMES[value] })),
          parties: PARTIES.map((party) => ({ value: party, text: `The ${terms.term(party).toLowerCase()}’s declaration is signed` })),
          showcaseFormats: standard.gateway.showcaseFormat?.value ?? [],
          uploaded: (request.query as Record<string, unknown>).uploaded === '1',
          ...extra,
          // Each form's answers over the defaults: an upload's errors keep the submission form whole.
          values: { ehcp: record.apprentice.ehcp, declarations: [], upload: { ksbs: [] }, ...(extra.values as Record<string, unknown> | undefined) },
          fieldErrors,
          errors: place<ErrorItem>(extra.errors),
          findings: place(extra.findings),
        },
        status,
      );
    }

    app.get('/records/:id/gateway', { config: { roles: ROLES } }, async (request, reply) => gatewayPage(request, reply));

    // The upload is multipart: read into the body before the pages' CSRF check runs, so
    // that check applies to it unchanged; a body that cannot be read is shown on the form.
    app.post(
      '/records/:id/gateway/files',
      {
        config: { roles: ROLES },
        preValidation: async (request) => {
          await readMultipart(request, { fields: ['purpose'], repeated: ['ksbs'], file: 'file', limits: UPLOAD_LIMITS });
        },
      },
      async (request, reply) => {
        const record = await recordOf(request);
        const body = request.body as MultipartBody;
        const purpose = body.fields.purpose ?? '';
        const ksbs = body.repeated.ksbs ?? [];
        const values = { upload: { purpose, ksbs } };
        const showErrors = (errors: Record<string, string>, status: number) =>
          gatewayPage(request, reply, { values, fieldErrors: errors, errors: errorsOf(errors) }, status);
        if (body.problem) return showErrors({ file: uploadProblemText(body.problem, MAX_EVIDENCE_BYTES) }, body.problem.status);
        const fieldErrors: Record<string, string> = {};
        if (!body.file || body.file.bytes.byteLength === 0) fieldErrors.file = 'Select a file';
        const input = EvidenceUploadInput.safeParse({ purpose: body.fields.purpose, ksbs });
        if (!input.success)
          for (const issue of input.error.issues)
            if (issue.path[0] === 'ksbs') fieldErrors.ksbs ??= `Select the ${terms.term('ksb')}s from the list, up to ${MAX_KSBS}`;
            else fieldErrors.purpose ??= 'Select what the file is';
        if (!input.success || !body.file || Object.keys(fieldErrors).length > 0) return showErrors(fieldErrors, 400);
        try {
          await uploadEvidence(ctx, actorOf(request), record.id, { ...input.data, ...body.file });
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
          return showErrors({ [error.code === 'UNKNOWN_KSB' ? 'ksbs' : 'file']: plainEnglish(error) }, error.status);
        }
        return reply.redirect(`/records/${record.id}/gateway?uploaded=1`, 303);
      },
    );

    app.post('/records/:id/gateway', { config: { roles: ROLES } }, async (request, reply) => {
      const record = await recordOf(request);
      const body = request.body as FormBody;
      const level = (name: string) => {
        const value = one(body, name);
        return value === '' || value === 'none' ? null : value;
      };
      const declarations = many(body, 'declarations');
      const values = {
        english: one(body, 'english'),
        maths: one(body, 'maths'),
        ehcp: one(body, 'ehcp') === 'yes',
        declarations,
        showcaseFormat: one(body, 'showcaseFormat'),
        upload: { ksbs: [] },
      };
      const fieldErrors: Record<string, string> = {};
      if (!values.english) fieldErrors.english = 'Select the English qualification held';
      if (!values.maths) fieldErrors.maths = 'Select the maths qualification held';
      const input = GatewaySubmitInput.safeParse({
        qualifications: { english: level('english'), maths: level('maths') },
        ehcp: values.ehcp,
        declarations: Object.fromEntries(PARTIES.map((p) => [p, declarations.includes(p)])),
        ...(values.showcaseFormat ? { showcaseFormat: values.showcaseFormat } : {}),
      });
      if (!input.success && Object.keys(fieldErrors).length === 0) fieldErrors.english = 'Check the answers: one of them is not an option on this form';
      if (!input.success || Object.keys(fieldErrors).length > 0)
        return gatewayPage(request, reply, { values, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
      try {
        await submitGateway(ctx, actorOf(request), record.id, input.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status === 404 || error.status >= 500) throw error;
        const findings = error.details.findings as Finding[] | undefined;
        if (findings?.length) {
          const shown = findings.map((f) => ({ message: plainEnglish(f), source: f.source, text: plainEnglish(f), href: FIELD_OF[f.code] ?? '#submission' }));
          return gatewayPage(request, reply, { values, findings: shown, errors: shown }, error.status);
        }
        return gatewayPage(request, reply, { values, errors: [{ text: plainEnglish(error), href: '#submission' }] }, error.status);
      }
      return reply.redirect(`/records/${record.id}/gateway/submitted`, 303);
    });

    app.get('/records/:id/gateway/submitted', { config: { roles: ROLES } }, async (request, reply) => {
      const record = await recordOf(request);
      return view(request, reply, 'gateway-submitted.njk', {
        title: `${terms.term('gateway')} submitted`,
        record,
        submitted: record.status === 'gateway-submitted',
      });
    });
  };
}
