// The Nunjucks environment: our templates in web/templates, GOV.UK Frontend's macros under
// "govuk/", autoescape on, and the filters the pages share (terms, dates, statuses).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { sourceText } from './source-text.ts';
import type { Terminology } from './terminology.ts';

const require = createRequire(import.meta.url);

/** GOV.UK Frontend's dist folder (holds govuk/ with its macros, CSS and JS). */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const GOVUK_VERSION: string = require('govuk-frontend/package.json').version;
export const WEB_DIR = join(import.meta.dirname, '..', '..', 'web');
export const TEMPLATES_DIR = join(WEB_DIR, 'templates');
export const STATIC_DIR = join(WEB_DIR, 'static');

/** Changes whenever GOV.UK Frontend or our own static files change, so assets can be cached for a year. */
export function assetVersion(): string {
  const hash = createHash('sha256').update(GOVUK_VERSION);
  for (const file of readdirSync(STATIC_DIR).sort()) hash.update(file).update(readFileSync(join(STATIC_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });

/** "5 January 2026" from an ISO calendar date or an instant (in London); empty for nothing. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE.format(new Date(`${value}T00:00:00Z`));
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : LONDON_DATE.format(date);
}

export function formatTime(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? '' : LONDON_TIME.format(date);
}

export type RenderEnvironment = {
  render(template: string, context: Record<string, unknown>): string;
  renderString(source: string, context: Record<string, unknown>): string;
};

export function renderEnvironment(
  terms: Terminology,
  standardTitle: (id: string) => string,
  documentTitles: ReadonlyMap<string, string> = new Map(),
): RenderEnvironment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([TEMPLATES_DIR, GOVUK_DIST], { noCache: process.env.NODE_ENV === 'development' }), {
    autoescape: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addGlobal('term', terms.term);
  env.addFilter('term', terms.term);
  env.addFilter('status', (status: string) => terms.status(status as never));
  env.addFilter('role', (role: string) => terms.role(role as never));
  env.addFilter('judgement', (judgement: string) => terms.judgement(judgement as never));
  // Nunjucks's capitalize lowercases the rest ("Jack Turner" → "jack turner"); this does not.
  env.addFilter('sentence', (text: unknown) => {
    const value = String(text ?? '');
    return value ? `${value[0]?.toUpperCase()}${value.slice(1)}` : value;
  });
  env.addFilter('number', (value: number) => Number(value).toLocaleString('en-GB'));
  env.addFilter('source', (source: unknown) => sourceText(String(source ?? ''), documentTitles));
  env.addFilter('date', formatDate);
  env.addFilter('time', formatTime);
  env.addFilter('standard', (id: string) => {
    const [code, version] = id.split('@');
    return `${standardTitle(id)} (${code} v${version})`;
  });
  return { render: (template, context) => env.render(template, context), renderString: (source, context) => env.renderString(source, context) };
}
