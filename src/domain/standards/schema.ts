// The shape of a standard version, an EPAO policy and the funding rules, as data.
// One schema validates every data file at load (DESIGN §1, §3): a new standard
// version needs a data file, not code.
import { z } from 'zod';

/** A document reference: seed file and section, e.g. "001_1e92b44f98d10fcb.txt, §5". */
export const Source = z.string().min(8);

/** A value as a document states it, with where it says so. */
/**
 * A rule parameter with its source. `informational`: why no code applies it (a statement a
 * person acts on, or a rule met by how Capstone works); every other parameter must be read
 * by the code (test/domain/rule-data.test.ts).
 */
export const sourced = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, source: Source, note: z.string().optional(), informational: z.string().min(10).optional() });

const IsoDate = z.iso.date();
const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/);

export const QualificationLevel = z.enum(['entry-3', 'level-1', 'level-2']);
export const Channel = z.enum(['face-to-face', 'non-facing', 'both']);
export const Grade = z.enum(['fail', 'pass', 'distinction']);
export const Party = z.enum(['employer', 'provider', 'apprentice']);

export const KsbSchema = z.strictObject({
  id: z.string().regex(/^[KSB]\d+$/),
  kind: z.enum(['knowledge', 'skill', 'behaviour']),
  theme: z.string().min(1),
  statement: z.string().min(1),
  /** Method ids that assess this KSB. */
  methods: z.array(Id).min(1),
  source: Source,
});

export const CriterionSchema = z.strictObject({
  /** `<method>.P<n>` / `<method>.D<n>` for ST0071; the kit's code (K1.1, S8.4) for ST0072. */
  id: z.string().min(2),
  grade: z.enum(['pass', 'distinction']),
  statement: z.string().min(1),
  ksbs: z.array(z.string()).min(1),
  /** Which apprentices it applies to; absent means every apprentice. */
  channel: z.enum(['face-to-face', 'non-facing']).optional(),
  /** Observation criteria that may be met in another method when no situation arose (ST0072). */
  carryOverTo: Id.optional(),
  source: Source,
});

export const SubmissionSchema = z.strictObject({
  id: z.enum(['project-report', 'portfolio', 'showcase']),
  name: z.string(),
  /** Calendar days the submission must reach the EPAO before the method's date. */
  leadDays: sourced(z.int().min(0)).optional(),
  /** Due this many calendar months after gateway approval. */
  dueMonthsAfterGateway: sourced(z.int().min(1)).optional(),
  words: sourced(
    z.strictObject({
      target: z.int().positive().optional(),
      tolerancePercent: z.number().min(0).max(100).optional(),
      max: z.int().positive().optional(),
      excludes: z.array(z.string()).default([]),
    }),
  ).optional(),
  pieces: sourced(z.strictObject({ min: z.int().min(0), max: z.int().min(1) })).optional(),
  presentationMinutes: sourced(z.int().positive()).optional(),
  formats: sourced(z.array(z.enum(['report', 'presentation'])).min(1)).optional(),
});

export const DistinctionRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('all'), source: Source }),
  z.strictObject({ rule: z.literal('at-least'), count: z.int().min(1), of: z.int().min(1), source: Source }),
]);

export const MethodSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  duration: sourced(
    z.strictObject({
      minutes: z.int().positive(),
      tolerancePercent: z.number().min(0).max(100).default(0),
      /** True where the document sets a limit rather than a target (e.g. "up to 30 minutes"). */
      maximum: z.boolean().default(false),
      /** True where the document only recommends a length ("approximately 45 minutes"): planned for, not enforced. */
      guidance: z.boolean().default(false),
      /** Where the length applies only to one showcase format (the ST0072 presentation). */
      onlyForFormat: z.enum(['report', 'presentation']).optional(),
    }),
  ),
  /** Further timed parts of the method (the ST0072 showcase interview). */
  parts: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string(),
        minutes: z.int().positive(),
        maximum: z.boolean().default(false),
        source: Source,
      }),
    )
    .default([]),
  questioning: sourced(z.strictObject({ maxPercentOfDuration: z.number().positive().optional(), maxMinutes: z.number().positive().optional() })).optional(),
  interviewQuestions: sourced(z.int().positive()).optional(),
  /** Calendar days' notice the apprentice must be given of the method's date. */
  noticeDays: sourced(z.int().min(0)).optional(),
  /** Calendar months after gateway approval by which the method must be complete. */
  completeWithinMonths: sourced(z.int().positive()).optional(),
  venue: sourced(
    z.strictObject({
      workplace: z.boolean(),
      remoteAllowed: z.boolean(),
      description: z.string(),
    }),
  ),
  submissions: z.array(SubmissionSchema).default([]),
  distinction: DistinctionRule,
  criteria: z.array(CriterionSchema).min(1),
  /** What a re-sit or re-take of this method involves. */
  reassessment: sourced(z.string()).optional(),
});

export const OrderRuleSchema = z.strictObject({
  /** Recommended: `before` takes place before `after`. A recommendation warns, never blocks. */
  before: Id,
  after: Id,
  source: Source,
});

export const OrderSchema = z.strictObject({
  sequence: z.array(Id).min(1),
  rules: z.array(OrderRuleSchema),
  source: Source,
});

export const StandardSchema = z.strictObject({
  id: z.string().regex(/^ST\d{4}@\d+\.\d+$/),
  code: z.string().regex(/^ST\d{4}$/),
  version: z.string().regex(/^\d+\.\d+$/),
  title: z.string().min(1),
  level: z.int().min(1).max(8),
  larsCode: sourced(z.int().positive()).optional(),
  /** The version's course options (pathways) as DfE lists them; absent for a version with none. */
  courseOptions: sourced(z.array(z.string().trim().min(1).max(100)).min(1)).optional(),
  documents: z.array(z.strictObject({ file: z.string(), title: z.string(), authority: z.enum(['assessment-plan', 'epao']) })).min(1),
  typicalDurationMonths: sourced(z.int().positive()),
  /** What the standard's own documents say of the minimum time on programme. The minimum applied is the funding rules' (effective-dated), made stricter by an EPAO policy. */
  statedMinimumDuration: z.array(sourced(z.strictObject({ months: z.int().positive().optional(), days: z.int().positive().optional() }))).default([]),
  epaWindow: sourced(
    z.strictObject({
      months: z.int().positive(),
      startsAt: z.enum(['gateway-approval', 'first-assessment']),
    }),
  ),
  ksbs: z.array(KsbSchema).min(1),
  methods: z.array(MethodSchema).min(1),
  overall: sourced(z.literal('fail-if-any-fail-distinction-if-all-distinction')),
  /** Channels the criteria vary by; present only where criteria differ by channel. */
  channels: sourced(z.array(Channel)).optional(),
  gateway: z.strictObject({
    englishMaths: sourced(
      z.strictObject({
        english: QualificationLevel,
        maths: QualificationLevel,
        /** With an education, health and care plan (or legacy statement). */
        ehcpLevel: QualificationLevel.optional(),
        bslForEnglish: z.boolean(),
        /** The standard's own rule before the funding rules changed: every apprentice, or only those aged 16–18 at start. */
        appliesTo: z.enum(['all', 'aged-16-18-at-start']),
      }),
    ),
    declarations: sourced(z.array(Party).min(1)),
    portfolio: sourced(z.strictObject({ min: z.int().min(0), max: z.int().min(1), underpins: Id })).optional(),
    showcaseFormat: sourced(z.array(z.enum(['report', 'presentation'])).min(1)).optional(),
    otherRequirements: z.array(sourced(z.string())).default([]),
  }),
  reassessment: z.strictObject({
    /** Null where the documents set no window (the ST0072 kit). */
    windowMonths: sourced(z.int().positive().nullable()),
    /** Re-sat or re-taken methods and the overall grade are at most this, unless exceptional circumstances are recorded. */
    cap: sourced(Grade.exclude(['fail']).nullable()),
    noRetakeToImprove: sourced(z.boolean()),
    fullReattempt: sourced(z.boolean()).optional(),
    retakeNeedsGateway: sourced(z.boolean()),
    attemptsLimit: sourced(z.int().positive().nullable()),
    /** A failed project report is reworked within this many months of the fail's release (001 §8). */
    projectReworkMonths: sourced(z.int().positive()).optional(),
  }),
  order: OrderSchema,
  notes: z.array(sourced(z.string())).default([]),
});

export const PolicySchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  name: z.string(),
  document: z.strictObject({ file: z.string(), title: z.string() }),
  /** Standard versions this policy is written for. */
  standards: z.array(z.string().regex(/^ST\d{4}@\d+\.\d+$/)).min(1),
  /** Calendar days on programme at the least (stricter than the funding rules only). */
  minimumDaysOnProgramme: sourced(z.int().positive()).optional(),
  bookingLeadWorkingDays: sourced(z.int().positive()).optional(),
  cancellation: sourced(z.strictObject({ withinWorkingDays: z.int().positive(), charge: z.enum(['full-fee', 'none']) })).optional(),
  remoteLinkWithinHours: sourced(z.int().positive()).optional(),
  registrationLeadDays: sourced(z.int().positive()).optional(),
  registrationFeePounds: sourced(z.number().nonnegative()).optional(),
  evidenceLeadWorkingDays: sourced(z.int().positive()).optional(),
  resultsWithinWorkingDays: sourced(z.int().positive()).optional(),
  bookingConfirmationHours: sourced(z.int().positive()).optional(),
  acceptedIdDocuments: sourced(z.array(z.string()).min(1)).optional(),
  /** A share of each assessor's assessments moderated above the plan's 5% (never below it). */
  moderationMinimumPercent: sourced(z.number().min(5).max(100)).optional(),
  portfolio: z
    .strictObject({
      everyKsbCovered: sourced(z.boolean()).optional(),
      mappingDocument: sourced(z.boolean()).optional(),
      employerValidation: sourced(z.boolean()).optional(),
      authenticityDeclaration: sourced(z.boolean()).optional(),
    })
    .optional(),
  order: OrderSchema.optional(),
  /** A questioning limit the document words differently from the plan (PAL: "a maximum of 10 minutes"). */
  questioningMaxMinutes: z.record(Id, sourced(z.number().positive())).optional(),
  /** A grade table as the document prints it, by method id; "any" stands for any grade. */
  overallGradeTable: sourced(z.array(z.strictObject({ methods: z.record(Id, z.enum(['fail', 'pass', 'distinction', 'any'])), overall: Grade }))).optional(),
  reassessment: z
    .strictObject({
      windowMonths: sourced(z.int().positive()).optional(),
      typicalMonthsEach: sourced(z.int().positive()).optional(),
      projectReworkMonths: sourced(z.int().positive()).optional(),
    })
    .optional(),
  /** What else the document sets that the engine records but does not decide. */
  notes: z.array(sourced(z.string())).default([]),
});

export const FundingRulesSchema = z.strictObject({
  englishMaths: z
    .array(
      z.strictObject({
        /** Gateway dates on or after this use this rule. */
        from: IsoDate,
        appliesTo: z.enum(['standard', 'aged-16-18-at-start']),
        source: Source,
      }),
    )
    .min(1),
  minimumDuration: z
    .array(
      z.strictObject({
        /** Start dates on or after this use this rule. */
        from: IsoDate,
        months: z.int().positive(),
        source: Source,
      }),
    )
    .min(1),
});

export type Standard = z.infer<typeof StandardSchema>;
export type Method = Standard['methods'][number];
export type Criterion = Method['criteria'][number];
export type Ksb = Standard['ksbs'][number];
export type Policy = z.infer<typeof PolicySchema>;
export type Order = z.infer<typeof OrderSchema>;
export type FundingRules = z.infer<typeof FundingRulesSchema>;
export type QualificationLevelT = z.infer<typeof QualificationLevel>;
export type ChannelT = z.infer<typeof Channel>;
export type GradeT = z.infer<typeof Grade>;
export type PartyT = z.infer<typeof Party>;
