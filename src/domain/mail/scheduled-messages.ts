// The e-mails the daily runs send (an appeal's or complaint's next step due, an EPA record's
// deadlines) and the remote link a policy promises: their fields and words by default, part
// of the catalogue the EPAO edits (templates.ts).
import type { Field, MailTemplate } from './templates.ts';

type Message = { purpose: string; fields: Record<string, Field>; template: MailTemplate };

export const SCHEDULED_MESSAGES: { 'casework-due': Message; 'remote-link': Message; 'record-reminder': Message } = {
  'casework-due': {
    purpose: 'Sent to the EPAO’s admins each day an appeal’s or complaint’s next step is due soon or late',
    fields: {
      what: { description: 'an appeal, or a complaint', sample: 'An appeal' },
      about: { description: 'whose, or what about', sample: 'Chloe Walker' },
      step: { description: 'the step it waits for', sample: 'its decision' },
      by: { description: 'the day it is due', sample: '2027-01-06', required: true },
      late: { description: '"late" when the day has passed, else empty', sample: 'late' },
      link: { description: 'its page', sample: 'https://capstone.example/appeals/…', required: true },
    },
    template: {
      subject: '{{what}} waits for {{step}} by {{by}} {{late}}',
      body: '{{what}} ({{about}}) waits for {{step}}, due by {{by}} {{late}}.\n\nSee it here: {{link}}\n',
    },
  },
  'remote-link': {
    purpose: 'Sent to the apprentice with the link to an online assessment, where the EPAO’s policy promises it',
    fields: {
      name: { description: 'the apprentice’s given names', sample: 'Jack' },
      method: { description: 'the assessment method', sample: 'Professional discussion' },
      date: { description: 'the day, UK', sample: '2027-01-14' },
      time: { description: 'the start, UK time', sample: '10:00' },
      link: { description: 'the link to join', sample: 'https://meet.example/abc', required: true },
      rule: { description: 'the policy that promises the link', sample: 'VTCT Skills guide, Scheduling – Remote End-point Assessments' },
      withinHours: { description: 'how soon after booking the policy promises it', sample: '72' },
      record: { description: 'the EPA record’s reference', sample: '5f0c…' },
    },
    template: {
      subject: 'Your assessment link: {{method}} on {{date}} at {{time}}',
      body: 'Dear {{name}},\n\nYour {{method}} is booked for {{date}} at {{time}} (UK time). It takes place online: join it with this link.\n\n{{link}}\n\nRule: {{rule}} (the link within {{withinHours}} hours of booking)\nEPA record: {{record}}\n',
    },
  },
  'record-reminder': {
    purpose: 'Sent each day to those an EPA record’s deadline concerns (a submission, the EPA window, a result, a moderation), as it comes due or passes',
    fields: {
      title: { description: 'what the reminder is, such as "Submission due"', sample: 'Submission due' },
      about: { description: 'the apprentice and the standard', sample: 'Jack Turner (ST0071@1.2)' },
      message: { description: 'what is due, in a sentence', sample: 'The project report is due by 2027-01-14', required: true },
      dueOn: { description: 'the day it is due', sample: '2027-01-14' },
      rule: { description: 'the document and section that set the deadline', sample: '001 §5 Work based project' },
      recordId: { description: 'the EPA record’s reference', sample: '5f0c…' },
      reference: { description: 'the reminder’s code, such as SUBMISSION_DUE', sample: 'SUBMISSION_DUE' },
    },
    template: {
      subject: '{{title}}: {{about}}',
      body: '{{message}}.\n\nDue: {{dueOn}}\nRule: {{rule}}\nEPA record: {{recordId}}\nReference: {{reference}}\n',
    },
  },
};
