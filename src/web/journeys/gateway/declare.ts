// The employer's and the apprentice's own gateway declaration: the words of 004 Appendix One,
// confirmed signed in, from the task on their home page. An adapter: src/app/declarations.ts decides.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { declareForGateway, gatewayDeclarations } from '../../../app/declarations.ts';
import { AppError } from '../../../app/errors.ts';
import type { Role } from '../../../domain/access/access.ts';
import { plainEnglish } from '../../messages.ts';
import { actorOf, pageRecord, type Services } from '../kit.ts';

export const DECLARERS: readonly Role[] = ['employer', 'apprentice'];

async function declarationPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const actor = actorOf(request);
  const record = await pageRecord(ctx, request);
  const party = actor.role === 'employer' ? 'employer' : 'apprentice';
  const state = await gatewayDeclarations(ctx, actor, record.id);
  return view(
    request,
    reply,
    'declaration.njk',
    {
      title: `Gateway declaration: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      record,
      party,
      statements: state.statements[party],
      source: state.source,
      open: state.open,
      mine: state.declarations.find((d) => d.party === party) ?? null,
      done: (request.query as Record<string, unknown>).done === '1',
      errors: [],
      ...extra,
    },
    status,
  );
}

export const showDeclaration = (services: Services, request: FastifyRequest, reply: FastifyReply) => declarationPage(services, request, reply);

export async function declare(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const record = await pageRecord(services.ctx, request);
  try {
    await declareForGateway(services.ctx, actorOf(request), record.id);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
    return declarationPage(services, request, reply, { errors: [{ text: plainEnglish(error), href: '#declare' }] }, error.status);
  }
  return reply.redirect(`/records/${record.id}/declaration?done=1`, 303);
}
