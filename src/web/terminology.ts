// The words the pages use for the EPA's things: the ONE place labels live. An EPAO picks a
// set (the terms in the assessment plans, or those in use since the August 2025 changes)
// and may override any label from a JSON file:
//   TERMINOLOGY=2025                        the 2025 set
//   TERMINOLOGY=/path/to/terms.json         {"extends": "2025", "labels": {"epao": "…"}}
// Templates read them with term('gateway') or {{ 'gateway' | term }}.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Role } from '../domain/access/access.ts';
import type { EvidencePurpose } from '../domain/evidence/file-type.ts';
import type { Judgement, RecordStatus } from '../store/schema.ts';

const DEFAULT_LABELS = {
  epao: 'EPAO',
  epaoLong: 'End-point assessment organisation',
  epa: 'EPA',
  epaLong: 'End-point assessment',
  epaRecord: 'EPA record',
  epaWindow: 'EPA window',
  gateway: 'Gateway',
  iqa: 'IQA',
  iqaLong: 'Internal quality assurer',
  assessor: 'Independent assessor',
  provider: 'Training provider',
  employer: 'Employer',
  apprentice: 'Apprentice',
  uln: 'ULN',
  ulnLong: 'Unique learner number',
  standard: 'Standard',
  moderation: 'Moderation',
  booking: 'Booking',
  ksb: 'KSB',
  ksbLong: 'Knowledge, skills and behaviours',
  portfolio: 'Portfolio',
  portfolioPiece: 'Portfolio piece',
  judgementMet: 'Met',
  judgementNotMet: 'Not met',
  judgementNotEvidenced: 'Not evidenced',
} as const;

export type TermKey = keyof typeof DEFAULT_LABELS;
export type Labels = Record<TermKey, string>;

/** The sets an EPAO can choose by name. */
export const TERM_SETS: Record<'default' | '2025', Labels> = {
  default: { ...DEFAULT_LABELS },
  // The official terms changed in August 2025.
  '2025': { ...DEFAULT_LABELS, epao: 'Assessment Organisation', epaoLong: 'Assessment Organisation', gateway: 'Gateway to Completion' },
};

const TERM_KEYS = Object.keys(DEFAULT_LABELS) as [TermKey, ...TermKey[]];

const TermsFile = z.strictObject({
  extends: z.enum(['default', '2025']).default('default'),
  labels: z.partialRecord(z.enum(TERM_KEYS), z.string().trim().min(1).max(80)).default({}),
});

export type Terminology = {
  labels: Labels;
  term(key: string): string;
  role(role: Role): string;
  status(status: RecordStatus): string;
  /** An assessor's judgement of a criterion: met, not met or not evidenced. */
  judgement(judgement: Judgement): string;
  /** What a piece of evidence is for, by its upload purpose. */
  purpose(purpose: EvidencePurpose): string;
};

/** A terminology from a set name, a JSON file path, or nothing (the default set). */
export function terminology(setting: string | undefined = process.env.TERMINOLOGY): Terminology {
  return makeTerminology(labelsFrom(setting));
}

function labelsFrom(setting: string | undefined): Labels {
  const value = setting?.trim();
  if (!value || value === 'default') return TERM_SETS.default;
  if (value === '2025') return TERM_SETS['2025'];
  if (!value.endsWith('.json')) throw new Error(`TERMINOLOGY must be "default", "2025" or a path to a .json file, not "${value}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(value, 'utf8'));
  } catch (error) {
    throw new Error(`TERMINOLOGY file ${value} could not be read: ${(error as Error).message}`);
  }
  const parsed = TermsFile.safeParse(raw);
  if (!parsed.success) throw new Error(`TERMINOLOGY file ${value}: ${z.prettifyError(parsed.error)}`);
  return { ...TERM_SETS[parsed.data.extends], ...parsed.data.labels };
}

export function makeTerminology(labels: Labels): Terminology {
  const term = (key: string): string => {
    if (!Object.hasOwn(labels, key)) throw new Error(`no label for the term "${key}"`);
    return labels[key as TermKey];
  };
  const ROLES: Record<Role, string> = {
    'epao-admin': `${labels.epao} administrator`,
    assessor: labels.assessor,
    iqa: labels.iqaLong,
    provider: labels.provider,
    employer: labels.employer,
    apprentice: labels.apprentice,
  };
  const STATUSES: Record<RecordStatus, string> = {
    registered: 'Registered',
    'gateway-submitted': `${labels.gateway}: submitted`,
    'gateway-rejected': `${labels.gateway}: not approved`,
    'gateway-approved': `${labels.gateway}: approved`,
    'in-epa': `${labels.epa} in progress`,
    completed: 'Completed',
    withdrawn: 'Withdrawn',
  };
  const PURPOSES: Record<EvidencePurpose, string> = {
    'qualification-english': 'English qualification',
    'qualification-maths': 'Maths qualification',
    'portfolio-piece': labels.portfolioPiece,
    'mapping-document': `${labels.portfolio} mapping document`,
    'employer-validation': `${labels.employer} validation statement`,
    'authenticity-declaration': 'Declaration of authenticity',
    'project-report': 'Project report',
    showcase: 'Showcase',
    'declaration-record': 'Signed Gateway Declaration Record',
  };
  const JUDGEMENTS: Record<Judgement, string> = {
    met: labels.judgementMet,
    'not-met': labels.judgementNotMet,
    'not-evidenced': labels.judgementNotEvidenced,
  };
  return {
    labels,
    term,
    role: (role) => ROLES[role],
    status: (status) => STATUSES[status] ?? status,
    purpose: (purpose) => PURPOSES[purpose] ?? purpose,
    judgement: (judgement) => JUDGEMENTS[judgement] ?? judgement,
  };
}

/** Record statuses in the order an EPA goes through them. */
export const STATUS_ORDER: readonly RecordStatus[] = [
  'registered',
  'gateway-submitted',
  'gateway-rejected',
  'gateway-approved',
  'in-epa',
  'completed',
  'withdrawn',
];
