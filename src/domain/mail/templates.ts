// The e-mails Capstone sends, as templates the EPAO may edit: each kind's words by default,
// the fields it may use ({{name}}), which of them it must keep (a link the message exists to
// carry), and the checks an edit must pass before it is saved. No seed sets these words: the
// EPAO's own, with the facts each message must carry.
import type { Finding } from '../outcome.ts';
import { SCHEDULED_MESSAGES } from './scheduled-messages.ts';

export const MAIL_KINDS = [
  'invitation',
  'password-reset',
  'appeal-acknowledged',
  'appeal-reviewer',
  'appeal-decided',
  'withdrawal-requested',
  'withdrawal-confirmed',
  'withdrawal-declined',
  'complaint-acknowledged',
  'complaint-responded',
  'gateway-decided',
  'result-released',
  'booking-made',
  'booking-moved',
  'booking-cancelled',
  'casework-due',
  'remote-link',
  'record-reminder',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export type MailTemplate = { subject: string; body: string };

export type Field = { description: string; sample: string; required?: boolean };

const SOURCE = 'this EPAO’s setting (its own e-mails; no seed sets their words)';

export const MAX_SUBJECT = 200;
export const MAX_BODY = 5_000;

/** Each kind: what it is for, its fields (with a sample for the preview), and its words by default. */
export const MAIL_CATALOGUE: Readonly<Record<MailKind, { purpose: string; fields: Record<string, Field>; template: MailTemplate }>> = {
  invitation: {
    purpose: 'Sent when the EPAO invites someone: the link to choose their password',
    fields: {
      name: { description: 'their name', sample: 'Grace Adeyemi' },
      email: { description: 'the address they sign in with', sample: 'grace.adeyemi@example.com' },
      inviter: { description: 'who invited them', sample: 'Priya Shah' },
      link: { description: 'the one-time link (lasts 7 days)', sample: 'https://capstone.example/set-password?token=…', required: true },
    },
    template: {
      subject: 'You are invited to Capstone',
      body: 'Dear {{name}},\n\n{{inviter}} has invited you to Capstone. Choose your password here, within 7 days:\n\n{{link}}\n\nThen sign in with {{email}}.\n',
    },
  },
  'password-reset': {
    purpose: 'Sent when someone asks to reset their password',
    fields: {
      name: { description: 'their name', sample: 'Grace Adeyemi' },
      link: { description: 'the one-time link (lasts 1 hour)', sample: 'https://capstone.example/set-password?token=…', required: true },
    },
    template: {
      subject: 'Reset your Capstone password',
      body: 'Dear {{name}},\n\nSomeone asked to reset the password of your Capstone account. If it was you, choose a new one here, within 1 hour:\n\n{{link}}\n\nIf it was not you, ignore this e-mail: your password is unchanged.\n',
    },
  },
  'appeal-acknowledged': {
    purpose: 'Sent to whoever lodged an appeal and the apprentice, when the EPAO acknowledges it',
    fields: {
      apprentice: { description: 'the apprentice’s name', sample: 'Chloe Walker' },
      lodgedOn: { description: 'the day it was lodged', sample: '2026-12-04' },
      decideBy: { description: 'the day it will be decided by', sample: '2027-01-06', required: true },
      link: { description: 'the appeal’s page', sample: 'https://capstone.example/appeals/…' },
    },
    template: {
      subject: 'Your appeal has been received: {{apprentice}}',
      body: "The EPAO has received the appeal lodged on {{lodgedOn}} against {{apprentice}}'s result. It will be reviewed by someone who had no part in the assessment, and decided by {{decideBy}}.\n\nFollow it here: {{link}}\n",
    },
  },
  'appeal-reviewer': {
    purpose: 'Sent to the reviewer the EPAO gives an appeal to',
    fields: {
      reviewer: { description: 'the reviewer’s name', sample: 'Omar Haddad' },
      apprentice: { description: 'the apprentice’s name', sample: 'Chloe Walker' },
      lodgedOn: { description: 'the day it was lodged', sample: '2026-12-04' },
      decideBy: { description: 'the day it must be decided by', sample: '2027-01-06' },
      link: { description: 'the appeal’s page', sample: 'https://capstone.example/appeals/…', required: true },
    },
    template: {
      subject: 'An appeal for you to review: {{apprentice}}',
      body: "Dear {{reviewer}},\n\nThe EPAO has given you the appeal lodged on {{lodgedOn}} against {{apprentice}}'s result to review. It is to be decided by {{decideBy}}.\n\nRead the grounds and decide it here: {{link}}\n",
    },
  },
  'appeal-decided': {
    purpose: 'Sent to whoever lodged an appeal and the apprentice, when it is decided',
    fields: {
      apprentice: { description: 'the apprentice’s name', sample: 'Chloe Walker' },
      lodgedOn: { description: 'the day it was lodged', sample: '2026-12-04' },
      outcome: { description: 'upheld (and the new overall grade) or not upheld', sample: 'upheld: the overall grade is now distinction', required: true },
      reasons: { description: 'the reviewer’s reasons', sample: 'The recording shows every distinction criterion.', required: true },
      link: { description: 'the appeal’s page', sample: 'https://capstone.example/appeals/…' },
    },
    template: {
      subject: 'Your appeal has been decided: {{apprentice}}',
      body: "The appeal lodged on {{lodgedOn}} against {{apprentice}}'s result was {{outcome}}.\n\nThe reviewer's reasons: {{reasons}}\n\nSee the decision and the result here: {{link}}\n",
    },
  },
  'withdrawal-requested': {
    purpose: 'Sent to the EPAO’s admins when a provider or employer asks for a withdrawal',
    fields: {
      requester: { description: 'who asked', sample: 'Alex Morgan' },
      apprentice: { description: 'the apprentice’s name', sample: 'Oliver Price' },
      requestedOn: { description: 'the day it was asked for', sample: '2026-12-04' },
      reason: { description: 'their reason', sample: 'Left the employer.', required: true },
      link: { description: 'the withdrawal page, with the charges', sample: 'https://capstone.example/records/…/withdrawal', required: true },
    },
    template: {
      subject: 'Withdrawal asked for: {{apprentice}}',
      body: '{{requester}} asked on {{requestedOn}} for {{apprentice}} to be withdrawn.\n\nReason: {{reason}}\n\nReview it, with the charges of the bookings to come: {{link}}\n',
    },
  },
  'withdrawal-confirmed': {
    purpose: 'Sent to whoever asked for a withdrawal, when the EPAO confirms it',
    fields: {
      withdrawnOn: { description: 'the day', sample: '2026-12-04' },
      cancelled: { description: 'how many bookings to come were cancelled', sample: '2' },
      charged: { description: 'how many of them carry the late-cancellation charge', sample: '1', required: true },
    },
    template: {
      subject: 'Withdrawal confirmed',
      body: "The EPAO withdrew the apprentice on {{withdrawnOn}}, as you asked. {{cancelled}} booking(s) to come were cancelled; {{charged}} carry the policy's late-cancellation charge.\n",
    },
  },
  'complaint-acknowledged': {
    purpose: 'Sent to whoever made a complaint, when the EPAO acknowledges it',
    fields: {
      name: { description: 'their name', sample: 'Alex Morgan' },
      subject: { description: 'what the complaint is about, in their words', sample: 'Assessment moved at a day’s notice' },
      receivedOn: { description: 'the day it was made', sample: '2026-12-04' },
      respondBy: { description: 'the day the EPAO will respond by', sample: '2027-01-06', required: true },
      link: { description: 'the complaint’s page', sample: 'https://capstone.example/complaints/…' },
    },
    template: {
      subject: 'Your complaint has been received: {{subject}}',
      body: 'Dear {{name}},\n\nWe have received your complaint of {{receivedOn}}, "{{subject}}". We will respond by {{respondBy}}.\n\nFollow it here: {{link}}\n',
    },
  },
  'complaint-responded': {
    purpose: 'Sent to whoever made a complaint, with the EPAO’s response',
    fields: {
      name: { description: 'their name', sample: 'Alex Morgan' },
      subject: { description: 'what the complaint is about, in their words', sample: 'Assessment moved at a day’s notice' },
      response: { description: 'the EPAO’s response', sample: 'We are sorry: the assessor was ill. From now on …', required: true },
      link: { description: 'the complaint’s page', sample: 'https://capstone.example/complaints/…' },
    },
    template: {
      subject: 'Our response to your complaint: {{subject}}',
      body: 'Dear {{name}},\n\nOur response to your complaint, "{{subject}}":\n\n{{response}}\n\nSee it here: {{link}}\n',
    },
  },
  'gateway-decided': {
    purpose: 'Sent to the provider, the employer and the apprentice when the EPAO decides the gateway',
    fields: {
      apprentice: { description: 'the apprentice’s name', sample: 'Noah Evans' },
      decision: { description: 'approved, or not approved', sample: 'approved', required: true },
      reasons: { description: 'the reasons, where it was not approved', sample: 'The employer’s declaration is missing.' },
      link: { description: 'the apprentice’s record', sample: 'https://capstone.example/records/…' },
    },
    template: {
      subject: 'Gateway {{decision}}: {{apprentice}}',
      body: "The EPAO has decided {{apprentice}}'s gateway: {{decision}}.\n\n{{reasons}}\n\nSee the record: {{link}}\n",
    },
  },
  'result-released': {
    purpose: 'Sent to the apprentice, the provider and the employer when a result is released',
    fields: {
      apprentice: { description: 'the apprentice’s name', sample: 'Chloe Walker' },
      releasedOn: { description: 'the day it was released', sample: '2026-12-04' },
      link: { description: 'the result’s page', sample: 'https://capstone.example/records/…/result', required: true },
    },
    template: {
      subject: 'End-point assessment result released: {{apprentice}}',
      body: "{{apprentice}}'s end-point assessment result was released on {{releasedOn}}. Sign in to see it, with the results statement:\n\n{{link}}\n\nA result can be appealed: the result's page says until when.\n",
    },
  },
  'booking-made': {
    purpose: 'Sent to the apprentice when an assessment is booked',
    fields: {
      name: { description: 'the apprentice’s given names', sample: 'Jack' },
      method: { description: 'the assessment method', sample: 'Practical observation with Q&As' },
      date: { description: 'the day, UK', sample: '2027-01-14', required: true },
      time: { description: 'the start, UK time', sample: '10:00' },
      place: { description: 'the venue, or that it is online', sample: 'Employer’s premises, meeting room 2' },
    },
    template: {
      subject: 'Your assessment is booked: {{method}} on {{date}}',
      body: 'Dear {{name}},\n\nYour {{method}} is booked for {{date}} at {{time}} (UK time). Where: {{place}}.\n\nBring photo ID. If you need to change it, talk to your training provider.\n',
    },
  },
  'booking-moved': {
    purpose: 'Sent to the apprentice when an assessment moves to another time or place',
    fields: {
      name: { description: 'the apprentice’s given names', sample: 'Jack' },
      method: { description: 'the assessment method', sample: 'Practical observation with Q&As' },
      date: { description: 'the day, UK', sample: '2027-01-14', required: true },
      time: { description: 'the start, UK time', sample: '10:00' },
      place: { description: 'the venue, or that it is online', sample: 'Employer’s premises, meeting room 2' },
    },
    template: {
      subject: 'Your assessment has moved: {{method}} on {{date}}',
      body: 'Dear {{name}},\n\nYour {{method}} is now on {{date}} at {{time}} (UK time). Where: {{place}}.\n',
    },
  },
  'booking-cancelled': {
    purpose: 'Sent to the apprentice when an assessment is cancelled',
    fields: {
      name: { description: 'the apprentice’s given names', sample: 'Jack' },
      method: { description: 'the assessment method', sample: 'Practical observation with Q&As' },
      date: { description: 'the day it was booked for, UK', sample: '2027-01-14', required: true },
      reason: { description: 'why it was cancelled', sample: 'The assessor is ill.' },
    },
    template: {
      subject: 'Your assessment is cancelled: {{method}} on {{date}}',
      body: 'Dear {{name}},\n\nYour {{method}} on {{date}} is cancelled. Why: {{reason}}\n\nThe EPAO will book a new date with your training provider.\n',
    },
  },
  ...SCHEDULED_MESSAGES,
  'withdrawal-declined': {
    purpose: 'Sent to whoever asked for a withdrawal, when the EPAO declines it',
    fields: { reason: { description: 'the EPAO’s reason', sample: 'A break in learning is arranged instead.', required: true } },
    template: { subject: 'Withdrawal declined', body: 'The EPAO did not withdraw the apprentice.\n\nIts reason: {{reason}}\n' },
  },
};

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The template with each {{field}} replaced by its value (a field with no value is left empty). */
export function renderMail(template: MailTemplate, values: Readonly<Record<string, string>>): MailTemplate {
  const fill = (text: string) => text.replace(FIELD, (_, name: string) => values[name] ?? '');
  // A subject is one line, whatever a value holds.
  return {
    subject: fill(template.subject)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    body: fill(template.body),
  };
}

/** What is wrong with an edit: empty or too long, a field the kind does not have, a required field left out. */
export function templateProblems(kind: MailKind, template: MailTemplate): Finding[] {
  const { fields } = MAIL_CATALOGUE[kind];
  const problems: Finding[] = [];
  const say = (code: string, field: 'subject' | 'body', message: string) => problems.push({ code, message, source: SOURCE, field });
  if (!template.subject.trim()) say('TEMPLATE_EMPTY', 'subject', 'the subject is empty');
  if (template.subject.length > MAX_SUBJECT) say('TEMPLATE_TOO_LONG', 'subject', `the subject is longer than ${MAX_SUBJECT} characters`);
  if (/[\r\n]/.test(template.subject)) say('TEMPLATE_SUBJECT_LINES', 'subject', 'the subject is one line');
  if (!template.body.trim()) say('TEMPLATE_EMPTY', 'body', 'the message is empty');
  if (template.body.length > MAX_BODY) say('TEMPLATE_TOO_LONG', 'body', `the message is longer than ${MAX_BODY.toLocaleString('en-GB')} characters`);
  for (const part of ['subject', 'body'] as const)
    for (const [, name] of template[part].matchAll(FIELD))
      if (!Object.hasOwn(fields, name as string)) say('TEMPLATE_UNKNOWN_FIELD', part, `{{${name}}} is not a field of this message`);
  const used = new Set([...`${template.subject}\n${template.body}`.matchAll(FIELD)].map((m) => m[1]));
  for (const [name, field] of Object.entries(fields))
    if (field.required && !used.has(name)) say('TEMPLATE_FIELD_REQUIRED', 'body', `the message must keep {{${name}}} (${field.description})`);
  return problems;
}

/** The sample values of a kind's fields, for the preview. */
export const sampleValues = (kind: MailKind): Record<string, string> =>
  Object.fromEntries(Object.entries(MAIL_CATALOGUE[kind].fields).map(([name, f]) => [name, f.sample]));
