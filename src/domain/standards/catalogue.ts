// The catalogue: every standard version and EPAO policy, validated once, with the
// look-ups the rules need. Pure: the files are read by `src/standards/load.ts`.
import { ok, problem, type Result } from '../outcome.ts';
import {
  type Criterion,
  type FundingRules,
  FundingRulesSchema,
  type Ksb,
  type Method,
  type Order,
  type Policy,
  PolicySchema,
  type Standard,
  StandardSchema,
} from './schema.ts';

/** A standard version with its methods, criteria and KSBs indexed by id. */
export type StandardIndex = {
  standard: Standard;
  methods: ReadonlyMap<string, Method>;
  /** Every criterion id of the standard, with the method whose table lists it. */
  criteria: ReadonlyMap<string, { method: Method; criterion: Criterion }>;
  ksbs: ReadonlyMap<string, Ksb>;
};

export type Catalogue = {
  standards: ReadonlyMap<string, StandardIndex>;
  policies: ReadonlyMap<string, Policy>;
  fundingRules: FundingRules;
};

/** One problem found in one data file. */
export type DataProblem = { file: string; path: string; message: string };

export type DataFile = { file: string; kind: 'standard' | 'policy' | 'funding-rules'; data: unknown };

export function indexStandard(standard: Standard): StandardIndex {
  const methods = new Map(standard.methods.map((m) => [m.id, m]));
  const criteria = new Map<string, { method: Method; criterion: Criterion }>();
  for (const method of standard.methods) for (const criterion of method.criteria) criteria.set(criterion.id, { method, criterion });
  const ksbs = new Map(standard.ksbs.map((k) => [k.id, k]));
  return { standard, methods, criteria, ksbs };
}

/** Validates every file (shape, then cross-references) and builds the catalogue when all are sound. */
export function buildCatalogue(files: readonly DataFile[]): { catalogue?: Catalogue; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const standards = new Map<string, StandardIndex>();
  const policies = new Map<string, Policy>();
  let fundingRules: FundingRules | undefined;
  const policyFiles = new Map<string, string>();
  /** Standards whose file parsed, sound or not: a policy naming one is not naming an unknown standard. */
  const defined = new Set<string>();

  for (const { file, kind, data } of files) {
    const schema = kind === 'standard' ? StandardSchema : kind === 'policy' ? PolicySchema : FundingRulesSchema;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    if (kind === 'standard') {
      const standard = parsed.data as Standard;
      defined.add(standard.id);
      const found = checkStandard(standard).map((p) => ({ file, ...p }));
      problems.push(...found);
      if (standards.has(standard.id)) problems.push({ file, path: 'id', message: `standard ${standard.id} is defined twice` });
      if (found.length === 0) standards.set(standard.id, indexStandard(standard));
    } else if (kind === 'policy') {
      const policy = parsed.data as Policy;
      if (policies.has(policy.id)) problems.push({ file, path: 'id', message: `policy ${policy.id} is defined twice` });
      policies.set(policy.id, policy);
      policyFiles.set(policy.id, file);
    } else {
      if (fundingRules) problems.push({ file, path: '', message: 'funding rules are defined twice' });
      fundingRules = parsed.data as FundingRules;
      problems.push(...checkFundingRules(fundingRules).map((p) => ({ file, ...p })));
    }
  }
  for (const policy of policies.values()) {
    const file = policyFiles.get(policy.id) ?? policy.id;
    problems.push(...checkPolicy(policy, standards, defined).map((p) => ({ file, ...p })));
  }
  if (!fundingRules) problems.push({ file: 'funding-rules.json', path: '', message: 'no funding rules file was found' });
  if (problems.length > 0 || !fundingRules) return { problems };
  return { catalogue: { standards, policies, fundingRules }, problems };
}

type Found = { path: string; message: string };

function checkStandard(standard: Standard): Found[] {
  const found: Found[] = [];
  const say = (path: string, message: string) => found.push({ path, message });
  if (standard.id !== `${standard.code}@${standard.version}`) say('id', `id must be ${standard.code}@${standard.version}`);
  const methodIds = new Set<string>();
  standard.methods.forEach((m, i) => {
    if (methodIds.has(m.id)) say(`methods.${i}.id`, `method ${m.id} is defined twice`);
    methodIds.add(m.id);
  });
  const ksbIds = new Set<string>();
  standard.ksbs.forEach((k, i) => {
    if (ksbIds.has(k.id)) say(`ksbs.${i}.id`, `KSB ${k.id} is defined twice`);
    ksbIds.add(k.id);
    for (const m of k.methods) if (!methodIds.has(m)) say(`ksbs.${i}.methods`, `KSB ${k.id} names unknown method ${m}`);
  });
  const criterionIds = new Set<string>();
  standard.methods.forEach((method, mi) => {
    method.criteria.forEach((c, ci) => {
      const path = `methods.${mi}.criteria.${ci}`;
      if (criterionIds.has(c.id)) say(`${path}.id`, `criterion ${c.id} is defined twice`);
      criterionIds.add(c.id);
      for (const k of c.ksbs) if (!ksbIds.has(k)) say(`${path}.ksbs`, `criterion ${c.id} names unknown KSB ${k}`);
      if (c.carryOverTo !== undefined && (!methodIds.has(c.carryOverTo) || c.carryOverTo === method.id))
        say(`${path}.carryOverTo`, `criterion ${c.id} carries over to ${c.carryOverTo}, which is not another method`);
      if (c.channel !== undefined && !standard.channels) say(`${path}.channel`, `criterion ${c.id} has a channel but the standard declares no channels`);
    });
    const distinctions = method.criteria.filter((c) => c.grade === 'distinction').length;
    if (method.distinction.rule === 'at-least' && method.distinction.count > distinctions)
      say(`methods.${mi}.distinction`, `method ${method.id} needs ${method.distinction.count} distinction criteria but has ${distinctions}`);
    if (!method.criteria.some((c) => c.grade === 'pass')) say(`methods.${mi}.criteria`, `method ${method.id} has no pass criteria`);
  });
  found.push(...checkOrder(standard.order, methodIds, 'order'));
  const portfolio = standard.gateway.portfolio;
  if (portfolio && !methodIds.has(portfolio.value.underpins)) say('gateway.portfolio', `the portfolio underpins unknown method ${portfolio.value.underpins}`);
  if (portfolio && portfolio.value.min > portfolio.value.max) say('gateway.portfolio', 'the portfolio minimum exceeds its maximum');
  return found;
}

function checkOrder(order: Order, methodIds: ReadonlySet<string>, path: string): Found[] {
  const found: Found[] = [];
  for (const m of order.sequence) if (!methodIds.has(m)) found.push({ path: `${path}.sequence`, message: `unknown method ${m}` });
  for (const rule of order.rules) {
    for (const m of [rule.before, rule.after]) if (!methodIds.has(m)) found.push({ path: `${path}.rules`, message: `unknown method ${m}` });
    if (rule.before === rule.after) found.push({ path: `${path}.rules`, message: `method ${rule.before} cannot come before itself` });
  }
  return found;
}

function checkPolicy(policy: Policy, standards: ReadonlyMap<string, StandardIndex>, defined: ReadonlySet<string>): Found[] {
  const found: Found[] = [];
  for (const id of policy.standards) {
    const index = standards.get(id);
    if (!index) {
      if (!defined.has(id)) found.push({ path: 'standards', message: `policy ${policy.id} is declared for unknown standard ${id}` });
      continue;
    }
    const methodIds = new Set(index.methods.keys());
    if (policy.order) found.push(...checkOrder(policy.order, methodIds, 'order'));
    for (const m of Object.keys(policy.questioningMaxMinutes ?? {}))
      if (!methodIds.has(m)) found.push({ path: 'questioningMaxMinutes', message: `unknown method ${m} for ${id}` });
    for (const row of policy.overallGradeTable?.value ?? [])
      for (const m of Object.keys(row.methods)) if (!methodIds.has(m)) found.push({ path: 'overallGradeTable', message: `unknown method ${m} for ${id}` });
  }
  return found;
}

function checkFundingRules(rules: FundingRules): Found[] {
  const found: Found[] = [];
  for (const [name, list] of [
    ['englishMaths', rules.englishMaths],
    ['minimumDuration', rules.minimumDuration],
  ] as const) {
    for (let i = 1; i < list.length; i++)
      if ((list[i]?.from ?? '') <= (list[i - 1]?.from ?? '')) found.push({ path: `${name}.${i}.from`, message: 'effective dates must be in ascending order' });
  }
  return found;
}

/** The standard version and, where named, the EPAO policy layered over it. */
export type Resolved = { index: StandardIndex; policy: Policy | null };

export function resolve(catalogue: Catalogue, standardId: string, policyId: string | null | undefined): Result<Resolved> {
  const index = catalogue.standards.get(standardId);
  if (!index) return problem('UNKNOWN_STANDARD', `unknown standard version "${standardId}" (known: ${[...catalogue.standards.keys()].join(', ')})`);
  if (policyId === null || policyId === undefined) return ok({ index, policy: null });
  const policy = catalogue.policies.get(policyId);
  if (!policy) return problem('UNKNOWN_POLICY', `unknown EPAO policy "${policyId}" (known: ${[...catalogue.policies.keys()].join(', ')})`);
  if (!policy.standards.includes(standardId))
    return problem('POLICY_NOT_FOR_STANDARD', `policy ${policyId} is not declared for ${standardId} (it covers ${policy.standards.join(', ')})`);
  return ok({ index, policy });
}

/** The order recommendations in force: the EPAO's preferred order where its policy sets one, else the standard's. */
export function orderInForce(resolved: Resolved): Order {
  return resolved.policy?.order ?? resolved.index.standard.order;
}
