// `capstone standards list|show|check`: the catalogue for people (text) and tools (--json).
import { findConflicts } from '../domain/standards/conflicts.ts';
import type { Method, Standard } from '../domain/standards/schema.ts';
import { catalogue, loadCatalogue, readDataFiles } from '../standards/load.ts';
import { BadInput, EXIT, json, type Output } from './io.ts';

export function standardsList(asJson: boolean): Output {
  const data = catalogue();
  const rows = [...data.standards.values()].map(({ standard }) => ({
    id: standard.id,
    title: standard.title,
    level: standard.level,
    methods: standard.methods.map((m) => m.id),
    ksbs: standard.ksbs.length,
    criteria: standard.methods.reduce((n, m) => n + m.criteria.length, 0),
    policies: [...data.policies.values()].filter((p) => p.standards.includes(standard.id)).map((p) => p.id),
  }));
  if (asJson)
    return json({ standards: rows, policies: [...data.policies.values()].map((p) => ({ id: p.id, name: p.name, standards: p.standards })) }, EXIT.yes);
  const lines = rows.map(
    (r) =>
      `${r.id.padEnd(12)} ${`${r.title} (level ${r.level})`.padEnd(42)} ${r.methods.join(', ').padEnd(32)} ${String(r.ksbs).padStart(3)} KSBs ${String(r.criteria).padStart(3)} criteria   policies: ${r.policies.join(', ') || '—'}`,
  );
  return { exitCode: EXIT.yes, stdout: `${lines.join('\n')}\n` };
}

export function standardsShow(id: string, asJson: boolean): Output {
  const index = catalogue().standards.get(id);
  if (!index) throw new BadInput(`UNKNOWN_STANDARD: unknown standard version "${id}" (known: ${[...catalogue().standards.keys()].join(', ')})`);
  if (asJson) return json(index.standard, EXIT.yes);
  return { exitCode: EXIT.yes, stdout: describeStandard(index.standard) };
}

function describeMethod(method: Method): string[] {
  const d = method.duration.value;
  const time = `${d.maximum ? 'up to ' : ''}${d.minutes} minutes${d.tolerancePercent ? ` ± ${d.tolerancePercent}%` : ''}`;
  const pass = method.criteria.filter((c) => c.grade === 'pass');
  const distinction = method.criteria.filter((c) => c.grade === 'distinction');
  const rule =
    method.distinction.rule === 'all' ? 'all distinction criteria' : `at least ${method.distinction.count} of ${method.distinction.of} distinction criteria`;
  const lines = [`  ${method.id} — ${method.name}`, `    ${time}  [${method.duration.source}]`];
  for (const part of method.parts) lines.push(`    + ${part.name}: ${part.maximum ? 'up to ' : ''}${part.minutes} minutes`);
  if (method.questioning) {
    const q = method.questioning.value;
    lines.push(`    questioning at most ${q.maxPercentOfDuration ? `${q.maxPercentOfDuration}% of the time` : `${q.maxMinutes} minutes`}`);
  }
  if (method.interviewQuestions) lines.push(`    ${method.interviewQuestions.value} interview questions`);
  if (method.noticeDays) lines.push(`    notice at least ${method.noticeDays.value} days`);
  for (const s of method.submissions) {
    const parts = [s.name];
    if (s.leadDays) parts.push(`at least ${s.leadDays.value} days before`);
    if (s.dueMonthsAfterGateway) parts.push(`due ${s.dueMonthsAfterGateway.value} months after gateway`);
    if (s.words?.value.target) parts.push(`${s.words.value.target} words ± ${s.words.value.tolerancePercent ?? 0}%`);
    if (s.words?.value.max) parts.push(`at most ${s.words.value.max} words`);
    if (s.pieces) parts.push(`${s.pieces.value.min}–${s.pieces.value.max} pieces`);
    lines.push(`    submission: ${parts.join(', ')}`);
  }
  lines.push(`    venue: ${method.venue.value.description}`);
  lines.push(`    grading: fail unless all ${pass.length} pass criteria are met; distinction with ${rule}  [${method.distinction.source}]`);
  for (const c of method.criteria) lines.push(`      ${c.id.padEnd(16)} ${c.channel ? `(${c.channel}) ` : ''}${c.statement}  [${c.ksbs.join(' ')}]`);
  if (distinction.length === 0) lines.push('      (no distinction criteria)');
  return lines;
}

function describeStandard(s: Standard): string {
  const g = s.gateway;
  const em = g.englishMaths.value;
  const lines = [
    `${s.id}  ${s.title}, level ${s.level}${s.larsCode ? `, LARS ${s.larsCode.value}` : ''}`,
    `typically ${s.typicalDurationMonths.value} months on programme; EPA window ${s.epaWindow.value.months} months from ${s.epaWindow.value.startsAt === 'gateway-approval' ? 'gateway approval' : 'the first assessment'}`,
    '',
    'Gateway',
    `  English ${em.english}, maths ${em.maths}${em.ehcpLevel ? ` (${em.ehcpLevel} with an EHCP)` : ''}${em.bslForEnglish ? '; BSL may replace English' : ''}; ${em.appliesTo === 'all' ? 'every apprentice' : 'apprentices aged 16–18 at start'} before funding rules apply  [${g.englishMaths.source}]`,
    `  declarations: ${g.declarations.value.join(', ')}`,
    ...(g.portfolio ? [`  portfolio: ${g.portfolio.value.min}–${g.portfolio.value.max} pieces underpinning the ${g.portfolio.value.underpins}`] : []),
    ...(g.showcaseFormat ? [`  showcase format chosen at gateway: ${g.showcaseFormat.value.join(' or ')}`] : []),
    '',
    'Methods',
    ...s.methods.flatMap(describeMethod),
    '',
    `Overall: any method failed → fail; every method distinction → distinction; otherwise pass  [${s.overall.source}]`,
    `Re-sits and re-takes ${s.reassessment.windowMonths.value === null ? 'with no window set' : `within ${s.reassessment.windowMonths.value} months`}; ${s.reassessment.cap.value ? `grade capped at ${s.reassessment.cap.value} unless exceptional circumstances` : 'no grade cap'}  [${s.reassessment.cap.source}]`,
    `Recommended order: ${s.order.sequence.join(' → ')} (${s.order.rules.map((r) => `${r.before} before ${r.after}`).join('; ')})  [${s.order.source}]`,
    '',
    'KSBs',
    ...s.ksbs.map((k) => `  ${k.id.padEnd(4)} ${k.methods.join('/').padEnd(12)} ${k.statement}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function standardsCheck(asJson: boolean): Output {
  const { files } = readDataFiles();
  const loaded = loadCatalogue();
  const valid = loaded.catalogue !== undefined;
  const conflicts = loaded.catalogue ? findConflicts(loaded.catalogue) : [];
  const exitCode = valid ? EXIT.yes : EXIT.no;
  if (asJson) return json({ valid, files: files.map((f) => f.file), problems: loaded.problems, conflicts }, exitCode);
  const lines: string[] = [];
  if (!valid) {
    lines.push(`${loaded.problems.length} problem(s) in the standards data:`);
    for (const p of loaded.problems) lines.push(`  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
  } else {
    lines.push(`${files.length} data files valid: ${files.map((f) => f.file).join(', ')}`, '', `${conflicts.length} conflicts between the documents:`);
    for (const c of conflicts) {
      lines.push('', `• ${c.topic} (${c.standard})`);
      for (const v of c.values) lines.push(`    ${JSON.stringify(v.value)}  [${v.source}]`);
      lines.push(`  applies: ${c.applies}`);
    }
  }
  return { exitCode, stdout: `${lines.join('\n')}\n` };
}
