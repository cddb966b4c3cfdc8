// Following an EPA: the provider's work page (/records/:id/work) and the apprentice's "My
// EPA" (/apprentice); the record's timeline and work sections are in sections.ts. An
// adapter: it reads the form, calls the use-cases and renders.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { showMyEpa } from './apprentice.ts';
import { WORK_ROLES } from './sections.ts';
import { readWorkForm, showWork, uploadWork } from './work.ts';

export function progressRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: WORK_ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/apprentice', { config: { roles: ['apprentice'] } }, on(showMyEpa));
    app.get('/records/:id/work', config, on(showWork));
    app.post('/records/:id/work', { ...config, preValidation: readWorkForm }, on(uploadWork));
  };
}
