// The provider's gateway page: the evidence uploaded so far, the portfolio's KSB coverage
// grid, the upload form and the submission form, with each error placed where it is put right.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gatewayDeclarations } from '../../../app/declarations.ts';
import { AppError } from '../../../app/errors.ts';
import { listFiles } from '../../../app/files.ts';
import { OPEN_FOR_GATEWAY } from '../../../app/gateway.ts';
import type { Role } from '../../../domain/access/access.ts';
import type { EvidencePurpose } from '../../../domain/evidence/file-type.ts';
import { portfolioCoverage } from '../../../domain/gateway/coverage.ts';
import { formatDate } from '../../render.ts';
import { type DateParts, dateItems, dateParts } from '../date-fields.ts';
import { actorOf, type ErrorItem, pageRecord, type Services } from '../kit.ts';

export const ROLES: readonly Role[] = ['provider', 'epao-admin'];
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
export const PARTIES = ['employer', 'provider', 'apprentice'] as const;
/** The places on the page outside the two forms, there whether or not gateway is open. */
const ALWAYS_SHOWN = new Set(['#evidence', '#pieces']);

/**
 * Each error links to something on the page: the forms are there only while gateway is
 * open (else the note saying so), the KSB boxes only with a portfolio (else the purpose).
 */
function placing(open: boolean, hasCoverage: boolean) {
  const shown = (href: string) => {
    if (ALWAYS_SHOWN.has(href) || (hasCoverage && href === '#coverage')) return href;
    if (!open) return '#not-open';
    if (!hasCoverage && href === '#ksbs') return '#purpose';
    return href === '#coverage' ? '#pieces' : href;
  };
  return <T extends { href: string }>(items: unknown) => ((items as T[] | undefined) ?? []).map((item) => ({ ...item, href: shown(item.href) }));
}

export async function gatewayPage(
  { ctx, view, terms }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const actor = actorOf(request);
  const record = await pageRecord(ctx, request);
  const standard = ctx.catalogue.standards.get(record.standard)?.standard;
  if (!standard) throw new AppError(500, 'INTERNAL', `the record's standard ${record.standard} is not in the catalogue`);
  const files = (await listFiles(ctx, actor, record.id)).filter((f) => f.purpose !== 'project-report' && f.purpose !== 'showcase');
  const pieces = files.filter((f) => f.purpose === 'portfolio-piece');
  const coverage = portfolioCoverage(
    standard,
    pieces.map((p) => ({ id: p.id, name: p.fileName, ksbs: p.ksbs })),
  );
  const purposes = [...QUALIFICATIONS, ...(standard.gateway.portfolio ? PORTFOLIO : [])];
  const open = (OPEN_FOR_GATEWAY as readonly string[]).includes(record.status);
  const fieldErrors = { ...((extra.fieldErrors as Record<string, string> | undefined) ?? {}) };
  if (!coverage && fieldErrors.ksbs) {
    fieldErrors.purpose ??= fieldErrors.ksbs;
    delete fieldErrors.ksbs;
  }
  const place = placing(open, Boolean(coverage));
  const signedValues = (extra.values as { signed?: { signedOn: DateParts } } | undefined)?.signed;
  const declared = (await gatewayDeclarations(ctx, actor, record.id)).declarations;
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
      parties: PARTIES.map((party) => {
        const own = declared.find((d) => d.party === party);
        return {
          value: party,
          text: `The ${terms.term(party).toLowerCase()}’s declaration is signed`,
          // On file (made by the party itself, or its signed record uploaded): it counts whether or not the box is ticked.
          hint: own ? declaredHint(own) : null,
        };
      }),
      showcaseFormats: standard.gateway.showcaseFormat?.value ?? [],
      // The parties whose declaration is not on file yet: the provider may record their signed form.
      awaiting: (['employer', 'apprentice'] as const)
        .filter((party) => !declared.some((d) => d.party === party))
        .map((value) => ({ value, text: terms.term(value) })),
      held: declared.map((d) => ({ ...d, partyName: terms.term(d.party), hint: declaredHint(d) })),
      signedOnItems: dateItems(signedValues?.signedOn ?? dateParts(null), fieldErrors.signedOn),
      uploaded: (request.query as Record<string, unknown>).uploaded === '1',
      recorded: (request.query as Record<string, unknown>).recorded === '1',
      ...extra,
      // Each form's answers over the defaults: an upload's errors keep the submission form whole.
      values: {
        ehcp: record.apprentice.ehcp,
        declarations: [],
        upload: { ksbs: [] },
        signed: { party: '', signedBy: '' },
        ...(extra.values as Record<string, unknown> | undefined),
      },
      fieldErrors,
      errors: place<ErrorItem>(extra.errors),
      findings: place(extra.findings),
    },
    status,
  );
}

type DeclarationRow = Awaited<ReturnType<typeof gatewayDeclarations>>['declarations'][number];

/** Who declared, and how: for themselves signed in, or on the signed record the provider uploaded. */
const declaredHint = (d: DeclarationRow) =>
  d.by === 'self'
    ? `${d.name} declared for themselves on ${formatDate(d.declaredOn)}`
    : `Signed by ${d.name} on ${formatDate(d.declaredOn)}; the signed record was uploaded by ${d.recordedBy}`;

export const showGateway = (services: Services, request: FastifyRequest, reply: FastifyReply) => gatewayPage(services, request, reply);
