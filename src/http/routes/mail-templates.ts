// The EPAO's e-mail templates: the list, one with its fields and preview, a draft's preview,
// saving and going back to Capstone's words. An adapter: src/app/mail-templates.ts decides.
import { z } from 'zod';
import { editTemplate, listTemplates, previewTemplate, resetTemplate, templateFor } from '../../app/mail-templates.ts';
import { MAX_BODY, MAX_SUBJECT } from '../../domain/mail/templates.ts';
import { actorOf, docs, parse } from '../kit.ts';
import { InstantResponse } from '../responses/instants.ts';
import type { RouteModule } from './index.ts';

const KindParams = z.object({ kind: z.string().max(50) });
/** Limits a little above the rule's, so an over-long draft reaches the rule and is refused in its words. */
const Draft = z.strictObject({ subject: z.string().max(MAX_SUBJECT * 2), body: z.string().max(MAX_BODY * 2) });
const Edit = Draft.extend({ version: z.number().int().min(0) });
const Words = z.object({ subject: z.string(), body: z.string() });
const Finding = z.object({ code: z.string(), message: z.string(), source: z.string() }).passthrough();
const TemplateResponse = z.object({
  kind: z.string(),
  purpose: z.string(),
  fields: z.record(z.string(), z.object({ description: z.string(), sample: z.string(), required: z.boolean().optional() })),
  template: Words,
  words: Words.extend({ version: z.number().int(), edited: z.boolean() }),
  preview: Words,
});

export const mailTemplateRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/mail-templates',
    {
      schema: docs({
        summary: 'The e-mails Capstone sends, each with what it is for and whether the EPAO changed its words',
        tags: ['mail'],
        responses: {
          200: z.object({
            templates: z.array(z.object({ kind: z.string(), purpose: z.string(), edited: z.boolean(), updatedAt: InstantResponse.nullable() })),
          }),
        },
      }),
    },
    async (request) => ({ templates: await listTemplates(ctx, actorOf(request)) }),
  );
  app.get(
    '/mail-templates/:kind',
    {
      schema: docs({
        summary: 'One e-mail: its words in force, Capstone’s own, its fields and a preview',
        tags: ['mail'],
        params: KindParams,
        responses: { 200: TemplateResponse },
      }),
    },
    async (request) => templateFor(ctx, actorOf(request), parse(KindParams, request.params).kind),
  );
  app.put(
    '/mail-templates/:kind',
    {
      schema: docs({
        summary: 'Save the EPAO’s words (at the version read; 0 for Capstone’s own): the next e-mail of the kind is sent in them',
        tags: ['mail'],
        params: KindParams,
        body: Edit,
        responses: { 200: TemplateResponse },
      }),
    },
    async (request) => editTemplate(ctx, actorOf(request), parse(KindParams, request.params).kind, parse(Edit, request.body)),
  );
  app.post(
    '/mail-templates/:kind/preview',
    {
      schema: docs({
        summary: 'A draft rendered with the sample values, and what is wrong with it; nothing is saved',
        tags: ['mail'],
        params: KindParams,
        body: Draft,
        responses: { 200: z.object({ preview: Words, problems: z.array(Finding) }) },
      }),
    },
    async (request) => previewTemplate(actorOf(request), parse(KindParams, request.params).kind, parse(Draft, request.body)),
  );
  app.delete(
    '/mail-templates/:kind',
    { schema: docs({ summary: 'Go back to Capstone’s own words', tags: ['mail'], params: KindParams, responses: { 200: TemplateResponse } }) },
    async (request) => resetTemplate(ctx, actorOf(request), parse(KindParams, request.params).kind),
  );
};
