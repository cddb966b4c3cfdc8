// GOV.UK field errors from a schema's complaints. A page validates its form against the
// use-case's Zod schema, and says what is wrong in its own words, on the field the reader
// puts right: this turns the schema's issues into those messages ({field: message}) and
// the messages into the error summary's list, each linking to its field.
import type { ZodError } from 'zod';

export type ErrorItem = { text: string; href: string };
export type Issue = ZodError['issues'][number];

/** What a page says about a complaint on one of the schema's fields. */
export type FieldRule = {
  /** The form's field the message goes on, where it is not the schema's field of the same name. */
  field?: string;
  /** The page's words: one message for any complaint, or worded from the complaint (its limit); undefined says nothing. */
  message: string | ((issue: Issue) => string | undefined);
};
/** Rules by the schema's field (the first part of an issue's path), or by its whole dotted path; a string is the message. */
export type FieldRules = Readonly<Record<string, FieldRule | string>>;

export type FieldErrorOptions = {
  /** The rule for a complaint no rule names (its field is the issue's own, unless the rule says). */
  otherwise?: FieldRule;
  /** The errors the form found itself: they stand, and come first; a complaint on their fields adds nothing. */
  found?: Readonly<Record<string, string>>;
};

const ruleFor = (rules: FieldRules, keys: string[]): FieldRule | undefined => {
  const key = keys.find((k) => Object.hasOwn(rules, k));
  const rule = key === undefined ? undefined : rules[key];
  return typeof rule === 'string' ? { message: rule } : rule;
};

/** The schema's complaints as the form's field errors, the first complaint about a field being the one shown. */
export function fieldErrorsFrom(error: ZodError, rules: FieldRules, options: FieldErrorOptions = {}): Record<string, string> {
  const errors: Record<string, string> = { ...options.found };
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const name = path[0] ?? '';
    const rule = ruleFor(rules, [path.join('.'), name]) ?? options.otherwise;
    if (!rule) continue;
    const field = rule.field ?? name;
    if (errors[field] !== undefined) continue;
    const text = typeof rule.message === 'string' ? rule.message : rule.message(issue);
    if (text !== undefined) errors[field] = text;
  }
  return errors;
}

/** Field errors ({name: message}) as the error summary's list, each linking to its field. */
export const errorsOf = (fieldErrors: Record<string, string>): ErrorItem[] => Object.entries(fieldErrors).map(([name, text]) => ({ text, href: `#${name}` }));

/** A limit as the pages write it in a sentence: 2,000. */
export const limitText = (limit: number | bigint): string => limit.toLocaleString('en-GB');
