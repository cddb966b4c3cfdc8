// The e-mail templates the EPAO edits (domain/mail/templates.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAIL_CATALOGUE, MAIL_KINDS, renderMail, sampleValues, templateProblems } from '../../src/domain/mail/templates.ts';

describe('mail templates', () => {
  it('fills each field, leaves an unknown value empty, and keeps the subject on one line', () => {
    const t = { subject: 'Hello {{name}}', body: 'Dear {{ name }},\n{{link}}\n{{missing}}.' };
    expect(renderMail(t, { name: 'Ada\nLovelace', link: 'https://x' })).toEqual({ subject: 'Hello Ada Lovelace', body: 'Dear Ada\nLovelace,\nhttps://x\n.' });
  });

  it('has defaults that pass their own checks and use only their own fields', () => {
    for (const kind of MAIL_KINDS) expect(templateProblems(kind, MAIL_CATALOGUE[kind].template), kind).toEqual([]);
  });

  it('refuses an edit that drops a required field, names an unknown one, or is empty', () => {
    const codes = (subject: string, body: string) => templateProblems('invitation', { subject, body }).map((p) => p.code);
    expect(codes('Welcome', 'Dear {{name}}, choose a password.')).toEqual(['TEMPLATE_FIELD_REQUIRED']);
    expect(codes('Welcome {{surname}}', 'Here: {{link}}')).toEqual(['TEMPLATE_UNKNOWN_FIELD']);
    expect(codes(' ', ' ')).toEqual(['TEMPLATE_EMPTY', 'TEMPLATE_EMPTY', 'TEMPLATE_FIELD_REQUIRED']);
    expect(codes('Two\nlines', '{{link}}')).toEqual(['TEMPLATE_SUBJECT_LINES']);
  });

  it('property: whatever the values hold, a rendered default keeps every required value and no {{field}} marker', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAIL_KINDS),
        fc.string({ maxLength: 40 }).filter((s) => !s.includes('{{')),
        (kind, noise) => {
          const values = Object.fromEntries(Object.keys(sampleValues(kind)).map((k) => [k, `${noise}<${k}>`]));
          const { subject, body } = renderMail(MAIL_CATALOGUE[kind].template, values);
          expect(`${subject}${body}`).not.toMatch(/\{\{\s*[A-Za-z]+\s*\}\}/);
          for (const [name, field] of Object.entries(MAIL_CATALOGUE[kind].fields)) if (field.required) expect(body).toContain(`<${name}>`);
          expect(subject).not.toMatch(/[\r\n]/);
        },
      ),
    );
  });
});
