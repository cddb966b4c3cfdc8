// Gateway: the provider's submission (the evidence uploaded so far, the portfolio's KSB
// coverage grid, an upload form and the submission form) and the EPAO's review of it. An
// adapter: the gateway engine and the use-cases decide, and their findings are shown with
// their sources.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { DECLARERS, declare, showDeclaration } from './declare.ts';
import { decide, REVIEW_ROLES, showQueue, showReview } from './review.ts';
import { readSignedRecordForm, recordSignedRecord } from './signed-record.ts';
import { ROLES, showGateway } from './submission-page.ts';
import { showSubmitted, submit } from './submit.ts';
import { readUploadForm, upload } from './upload.ts';

export function gatewayRoutes(services: Services): FastifyPluginAsync {
  const provider = { config: { roles: ROLES } };
  const epao = { config: { roles: REVIEW_ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/records/:id/gateway', provider, on(showGateway));
    app.post('/records/:id/gateway/files', { ...provider, preValidation: readUploadForm }, on(upload));
    app.post('/records/:id/gateway', provider, on(submit));
    app.post('/records/:id/gateway/declaration-record', { ...provider, preValidation: readSignedRecordForm }, on(recordSignedRecord));
    app.get('/records/:id/gateway/submitted', provider, on(showSubmitted));

    app.get('/records/:id/declaration', { config: { roles: DECLARERS } }, on(showDeclaration));
    app.post('/records/:id/declaration', { config: { roles: DECLARERS } }, on(declare));

    app.get('/admin/gateway', epao, on(showQueue));
    app.get('/records/:id/gateway/review', epao, on(showReview));
    app.post('/records/:id/gateway/review', epao, on(decide));
  };
}
