// Writes docs/errors.md from the catalogue of codes (src/app/refusals/catalogue.ts):
//   npx node scripts/errors-doc.ts > docs/errors.md
// test/app/refusal-catalogue.test.ts fails when the file and the catalogue differ.
import { AREAS, type CatalogueEntry, REFUSALS } from '../src/app/refusals/catalogue.ts';

/** Where a code that is told rather than answered is reported, by area. */
const REPORTED_BY: Record<string, string> = {
  outcomes: 'reported by `audit verify`',
  dfe: 'reported on the DfE submissions page and by `capstone dfe send`',
  scheduling: "reported in a schedule proposal's unplaced list",
};

const answer = (r: CatalogueEntry) => {
  if (r.kind === 'cli') return 'exit 2';
  if (r.kind === 'reminder') return 'a reminder';
  if (r.kind === 'report') return REPORTED_BY[r.area] ?? 'reported';
  if (r.kind === 'warning') return r.status ? `${r.status}, with the answer` : 'a warning, with the answer';
  return String(r.status);
};

export function errorsMarkdown(): string {
  const lines = [
    '# Error and finding codes',
    '',
    'Written from `src/app/refusals/catalogue.ts` by `scripts/errors-doc.ts`; do not edit by hand.',
    '',
    'Every refusal is `application/problem+json` with a stable `code`, a human `detail` and,',
    'where a rule said no, the `findings` behind it, each with its own code and source. A',
    "refusal with several findings lists every finding's code in `codes` too. Statuses follow",
    'one rule: 400 the request is malformed; 401 who you are; 403 what you may do; 404 not',
    'there or not yours; 409 a conflict with the current state or version; 413 and 415 the',
    "body's size or type; 422 a rule says no; 429 too many attempts; 5xx Capstone's side or a",
    'service it calls.',
    '',
    'The OpenAPI document (`/api/docs`) lists, for each operation, the codes it can answer',
    "with under their statuses (`src/http/error-responses.ts`): the request's own refusals,",
    "and for a change its area's refusals.",
    '',
    `${REFUSALS.size} codes.`,
  ];
  for (const area of AREAS) {
    lines.push('', `## ${area.title}`, '');
    for (const [code] of area.entries) {
      const r = REFUSALS.get(code) as CatalogueEntry;
      const fields = r.fields.length > 0 ? ` Fields: ${r.fields.map((f) => `\`${f}\``).join(', ')}.` : '';
      lines.push(`- \`${code}\` (${answer(r)}): ${r.title}.${fields} Source: ${r.source}.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) process.stdout.write(errorsMarkdown());
