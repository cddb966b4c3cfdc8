import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModerationInput } from '../../src/app/inputs-assessment.ts';
import { AssessorCreateInput, MAX_PASSWORD, MIN_PASSWORD } from '../../src/app/inputs-assessors.ts';
import { errorsOf, fieldErrorsFrom, type Issue, limitText } from '../../src/web/field-errors.ts';

const complaints = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the schema to complain');
  return parsed.error;
};

const Form = z.strictObject({
  name: z.string().trim().min(1).max(5),
  email: z.email(),
  tags: z.array(z.string().max(3)).max(2),
  version: z.int().min(1),
});

describe('field errors from a schema’s complaints', () => {
  it('puts the page’s words on each field, in the order of the complaints', () => {
    const error = complaints(Form, { name: 'far too long', email: 'nope', tags: [], version: 1 });
    expect(fieldErrorsFrom(error, { name: 'Enter a name of 5 characters or fewer', email: 'Enter an email address' })).toEqual({
      name: 'Enter a name of 5 characters or fewer',
      email: 'Enter an email address',
    });
  });

  it('words a message from the complaint, and says nothing where the wording gives none', () => {
    const length = (issue: Issue) => (issue.code === 'too_big' ? `The name must be ${issue.maximum} characters or fewer` : undefined);
    expect(fieldErrorsFrom(complaints(Form, { name: 'far too long', email: 'a@b.co', tags: [], version: 1 }), { name: { message: length } })).toEqual({
      name: 'The name must be 5 characters or fewer',
    });
    expect(fieldErrorsFrom(complaints(Form, { name: ' ', email: 'a@b.co', tags: [], version: 1 }), { name: { message: length } })).toEqual({});
  });

  it('shows a complaint on another field of the form, by the first part of its path or the whole of it', () => {
    const error = complaints(Form, { name: 'Ada', email: 'a@b.co', tags: ['long one'], version: 0 });
    expect(fieldErrorsFrom(error, { tags: 'Select the tags from the list', version: { field: 'name', message: 'The form is out of date' } })).toEqual({
      tags: 'Select the tags from the list',
      name: 'The form is out of date',
    });
    expect(fieldErrorsFrom(error, { 'tags.0': { field: 'tag-0', message: 'Tag 1 is too long' }, tags: 'Select the tags' })).toEqual({
      'tag-0': 'Tag 1 is too long',
    });
  });

  it('keeps the first complaint about a field, and the errors the form found itself first', () => {
    const error = complaints(Form, { name: 'far too long', email: 'nope', tags: ['a', 'b', 'c'], version: 0, extra: 1 });
    const otherwise = { field: 'name', message: (issue: Issue) => `Check the answers: ${issue.message}` };
    const errors = fieldErrorsFrom(error, { email: 'Enter an email address' }, { otherwise, found: { email: 'Enter the email address', version: 'x' } });
    expect(errors).toEqual({ email: 'Enter the email address', version: 'x', name: expect.stringMatching(/^Check the answers: /) });
    expect(Object.keys(errors)).toEqual(['email', 'version', 'name']);
  });

  it('ignores a complaint no rule names, unless told where to put it', () => {
    const error = complaints(Form, { name: 'Ada', email: 'a@b.co', tags: [], version: 1, extra: 1 });
    expect(fieldErrorsFrom(error, { name: 'Enter a name' })).toEqual({});
    expect(fieldErrorsFrom(error, {}, { otherwise: { field: 'name', message: 'Check the form' } })).toEqual({ name: 'Check the form' });
    expect(fieldErrorsFrom(error, {}, { otherwise: { message: 'Check the form' } })).toEqual({ '': 'Check the form' });
  });

  it('reads the limits from the use-cases’ own schemas', () => {
    const reason = (issue: Issue) =>
      issue.code === 'too_small' ? `The reason must be ${issue.minimum} characters or more` : issue.code === 'too_big' ? `${issue.maximum}` : undefined;
    expect(fieldErrorsFrom(complaints(ModerationInput, { decision: 'change', grade: 'pass', reason: 'no' }), { reason: { message: reason } })).toEqual({
      reason: 'The reason must be 3 characters or more',
    });
    const error = complaints(AssessorCreateInput, { email: 'a@b.co', name: 'Ada', password: 'short' });
    expect(fieldErrorsFrom(error, { password: `The password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long` })).toEqual({
      password: 'The password must be 12 to 200 characters long',
    });
  });

  it('lists the errors for the summary, each linking to its field', () => {
    expect(errorsOf({ name: 'Enter a name', 'date-day': 'Enter the date' })).toEqual([
      { text: 'Enter a name', href: '#name' },
      { text: 'Enter the date', href: '#date-day' },
    ]);
    expect(limitText(2000)).toBe('2,000');
    expect(limitText(300)).toBe('300');
  });
});
