// How a page is rendered: the layout's data (the actor, the EPAO's name, the navigation with
// the current page marked, the form token, the asset version, the phase banner) around each
// page's own, sent as no-store HTML. Also each form's CSRF token for this session (or
// pre-session: a cookie is set for someone not signed in).

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { epaoName, standardTitle } from '../app/dashboard.ts';
import { SESSION_COOKIE } from '../http/kit.ts';
import { csrfToken, newPresessionId, PRESESSION_COOKIE } from './csrf.ts';
import type { PageView } from './journeys/kit.ts';
import { navigationFor } from './navigation.ts';
import { assetVersion, renderEnvironment } from './render.ts';
import { documentTitles } from './source-text.ts';
import type { Terminology } from './terminology.ts';

export type FormTokens = {
  /** The token this session's (or pre-session's) forms carry; null when there is neither cookie. */
  expected(request: FastifyRequest): string | null;
  /** The token for this page's forms; a pre-session cookie is set for someone not signed in. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string;
};

export function formTokens(secret: Buffer, secure: boolean): FormTokens {
  function expected(request: FastifyRequest): string | null {
    const session = request.cookies[SESSION_COOKIE];
    if (session) return csrfToken(secret, 'session', session);
    const presession = request.cookies[PRESESSION_COOKIE];
    return presession ? csrfToken(secret, 'presession', presession) : null;
  }
  function tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    const token = expected(request);
    if (token) return token;
    const id = newPresessionId();
    reply.setCookie(PRESESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    return csrfToken(secret, 'presession', id);
  }
  return { expected, tokenFor };
}

export type RendererOptions = { terms: Terminology; env: NodeJS.ProcessEnv; tokens: FormTokens };

export function pageRenderer(ctx: AppContext, { terms, env, tokens }: RendererOptions): PageView {
  const views = renderEnvironment(terms, (id) => standardTitle(ctx, id), documentTitles(ctx.catalogue));
  const version = assetVersion();
  const showPhaseBanner = env.PHASE_BANNER !== 'off';
  let epao = env.EPAO_NAME?.trim() || null;
  const currentEpaoName = async () => {
    // The error page is shown when the database is away, so it does without the name then.
    epao ??= await epaoName(ctx).catch(() => null);
    return epao;
  };

  return async (request, reply, template, data, status = 200) => {
    const actor = request.actor;
    const path = request.url.split('?')[0];
    // An apprentice reads their own pages without the rules' sources, unless they ask for them.
    const askedForSources = new URLSearchParams(request.url.split('?')[1] ?? '').get('detail') === 'sources';
    const sourcesHidden = actor?.role === 'apprentice' && !askedForSources;
    const html = views.render(template, {
      ...data,
      actor,
      epaoName: await currentEpaoName(),
      navigation: actor ? navigationFor(actor.role, terms).map((item) => ({ ...item, current: item.href === path })) : [],
      csrfToken: tokens.tokenFor(request, reply),
      assetVersion: version,
      showPhaseBanner,
      sourcesHidden,
      showSourcesHref: sourcesHidden ? withDetail(request.url) : null,
    });
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
}

/** The page's address asking for the rules' sources too. */
function withDetail(url: string): string {
  const [path, search] = url.split('?');
  const params = new URLSearchParams(search ?? '');
  params.set('detail', 'sources');
  return `${path}?${params.toString()}`;
}
