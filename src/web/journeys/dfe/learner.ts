// Looking a learner up with DfE from the registration page: whether the Assessor Service
// knows them by this ULN, family name and standard, before the EPA starts. An adapter:
// src/app/dfe/learner.ts asks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lookUpLearner } from '../../../app/dfe/learner.ts';
import { AppError } from '../../../app/errors.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, type ErrorItem, handle, type PageHandler, type Services } from '../kit.ts';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

async function lookup({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, unknown>;
  const values = { uln: text(query.uln, 10), familyName: text(query.familyName, 100), standard: text(query.standard, 20) };
  const standards = [...new Set([...ctx.catalogue.standards.keys()].map((id) => id.split('@')[0] as string))].sort();
  const asked = Boolean(values.uln || values.familyName);
  const fieldErrors: Record<string, string> = {};
  let answer: Awaited<ReturnType<typeof lookUpLearner>> | null = null;
  if (asked) {
    if (!/^\d{10}$/.test(values.uln)) fieldErrors.uln = 'Enter the ULN: 10 digits';
    if (!values.familyName) fieldErrors.familyName = 'Enter the family name as the ILR spells it';
    if (!standards.includes(values.standard)) fieldErrors.standard = 'Choose the standard';
    if (Object.keys(fieldErrors).length === 0) {
      try {
        answer = await lookUpLearner(ctx, actorOf(request), values);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error;
        fieldErrors[error.code === 'ULN_INVALID' ? 'uln' : 'standard'] = plainEnglish(error);
      }
    }
  }
  const errors: ErrorItem[] = Object.entries(fieldErrors).map(([name, t]) => ({ text: t, href: `#${name}` }));
  return view(
    request,
    reply,
    'dfe-learner.njk',
    {
      title: 'Look a learner up with DfE',
      values,
      standards,
      answer,
      fieldErrors,
      errors,
      back: actorOf(request).role === 'epao-admin' ? '/admin/register' : '/provider',
    },
    errors.length > 0 ? 400 : 200,
  );
}

export const learnerLookupRoutes = (services: Services) => {
  const on = (handler: PageHandler) => handle(services, handler);
  return { path: '/dfe/learner', roles: ['epao-admin', 'provider'] as const, handler: on(lookup) };
};
