// The GOV.UK date input pattern (day, month and year fields) read from a urlencoded form:
// "<name>-day", "<name>-month", "<name>-year". The messages follow the design system's
// wording; which day is allowed is the use-cases' business, not this reader's.
import { isIsoDate } from '../../domain/calendar/dates.ts';
import { type FormBody, one } from './kit.ts';

export type DateParts = { day: string; month: string; year: string };
export type DateField = {
  /** The date as YYYY-MM-DD; null when empty or not a real date. */
  value: string | null;
  parts: DateParts;
  empty: boolean;
  /** The message for the field, and which of its inputs to mark; null when it is sound (or empty and optional). */
  error: { text: string; part: keyof DateParts } | null;
};

/** Reads one date input; `label` starts the messages ("Date of birth must include a month"). */
export function readDate(body: FormBody, name: string, label: string, required: boolean): DateField {
  const parts = { day: one(body, `${name}-day`).trim(), month: one(body, `${name}-month`).trim(), year: one(body, `${name}-year`).trim() };
  const empty = !parts.day && !parts.month && !parts.year;
  if (empty) return { value: null, parts, empty, error: required ? { text: `Enter the ${label.toLowerCase()}`, part: 'day' } : null };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length > 0)
    return { value: null, parts, empty, error: { text: `${label} must include a ${missing.join(' and a ')}`, part: missing[0] as keyof DateParts } };
  if (!/^\d{4}$/.test(parts.year)) return { value: null, parts, empty, error: { text: `${label} must include a 4-digit year, like 2007`, part: 'year' } };
  const iso = /^\d{1,2}$/.test(parts.day) && /^\d{1,2}$/.test(parts.month) ? `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}` : '';
  if (!isIsoDate(iso)) return { value: null, parts, empty, error: { text: `${label} must be a real date`, part: 'day' } };
  return { value: iso, parts, empty, error: null };
}

/** The parts of a stored date, to fill a date input. */
export function dateParts(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The GOV.UK date input's items: each input with its value; on an error, the inputs it is about (all of them when a use-case refused the date). */
export function dateItems(parts: DateParts, error: DateField['error'] | string | undefined) {
  return (['day', 'month', 'year'] as const).map((part) => {
    const marked = typeof error === 'string' || (error && (error.part === part || error.text.endsWith('real date')));
    return {
      name: part,
      label: part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year',
      value: parts[part],
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${marked ? ' govuk-input--error' : ''}`,
    };
  });
}
