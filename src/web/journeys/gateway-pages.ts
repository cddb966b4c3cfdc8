// The provider's gateway submission: the evidence uploaded so far, the portfolio's KSB
// coverage grid, an upload form (multipart) and the submission form. An adapter like
// pages.ts: each route reads the form, calls use-cases and renders; the gateway engine
// decides, and its failures are shown with their sources.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { listFiles, uploadEvidence } from '../../app/files.ts';
import { OPEN_FOR_GATEWAY, submitGateway } from '../../app/gateway.ts';
import { EvidenceUploadInput, GatewaySubmitInput } from '../../app/inputs-gateway.ts';
import type { Role } from '../../domain/access/access.ts';
import type { EvidencePurpose } from '../../domain/evidence/file-type.ts';
import { portfolioCoverage } from '../../domain/gateway/coverage.ts';
import type { Finding } from '../../domain/outcome.ts';
import { plainEnglish } from '../messages.ts';
import { actorOf, errorsOf, type FormBody, type JourneyOptions, many, one, pageRecord } from './kit.ts';

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

type UploadBody = { _csrf?: string; purpose?: string; ksbs: string[]; file: { fileName: string; bytes: Uint8Array } | null };

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
      const englishLevels = [...LEVELS, ...(standard.gateway.englishMaths.value.bslForEnglish ? ['bsl'] : []), 'none'];
      return view(
        request,
        reply,
        'gateway.njk',
        {
          title: `${terms.term('gateway')}: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
          record,
          open: (OPEN_FOR_GATEWAY as readonly string[]).includes(record.status),
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
          values: { ehcp: record.apprentice.ehcp, declarations: [], upload: { ksbs: [] } },
          errors: [],
          findings: [],
          fieldErrors: {},
          ...extra,
        },
        status,
      );
    }

    app.get('/records/:id/gateway', { config: { roles: ROLES } }, async (request, reply) => gatewayPage(request, reply));

    // The upload is multipart: its fields (the CSRF token among them) are read into the body
    // here, before the pages' CSRF check runs, so that check applies to it unchanged.
    app.post(
      '/records/:id/gateway/files',
      {
        config: { roles: ROLES },
        preValidation: async (request) => {
          const body: UploadBody = { ksbs: [], file: null };
          if (request.isMultipart()) {
            for await (const part of request.parts()) {
              if (part.type === 'file') {
                const bytes = await part.toBuffer();
                if (part.fieldname === 'file' && part.filename) body.file = { fileName: part.filename, bytes: new Uint8Array(bytes) };
              } else if (part.fieldname === 'ksbs') body.ksbs.push(String(part.value));
              else if (part.fieldname === '_csrf' || part.fieldname === 'purpose') body[part.fieldname] = String(part.value);
            }
          }
          request.body = body;
        },
      },
      async (request, reply) => {
        const record = await recordOf(request);
        const body = request.body as UploadBody;
        const values = { upload: { purpose: body.purpose ?? '', ksbs: body.ksbs } };
        const fieldErrors: Record<string, string> = {};
        const input = EvidenceUploadInput.safeParse({ purpose: body.purpose, ksbs: body.ksbs });
        if (!input.success) fieldErrors.purpose = 'Select what the file is';
        if (!body.file || body.file.bytes.byteLength === 0) fieldErrors.file = 'Select a file';
        const showErrors = (errors: Record<string, string>, status: number) =>
          gatewayPage(
            request,
            reply,
            { values, fieldErrors: errors, errors: Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` })) },
            status,
          );
        if (!input.success || !body.file || Object.keys(fieldErrors).length > 0) return showErrors(fieldErrors, 400);
        try {
          await uploadEvidence(ctx, actorOf(request), record.id, { ...input.data, ...body.file });
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
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
        if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
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
