// The EPAO registers apprentices: one at a time through a form, or many from a CSV file
// with a report row by row; and decides the registrations held because they clash. An
// adapter: it reads the form, calls requestRegistration or importRegistrations, and shows
// their refusals on the fields they are about.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { ROLES } from './catalogue.ts';
import { decide, showClash, showClashes } from './clashes.ts';
import { importFile, importTemplate, readImportForm, showImport } from './import.ts';
import { register, showRegister, showRegistered } from './register.ts';
import { importProgress, rejectedRows, showReport } from './report.ts';

/** The held registrations a registration can become are this journey's too. */
function clashRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/admin/registration-clashes', config, on(showClashes));
    app.get('/admin/registration-clashes/:id', config, on(showClash));
    app.post('/admin/registration-clashes/:id', config, on(decide));
  };
}

export function registrationRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    await app.register(clashRoutes(services));
    app.get('/admin/register', config, on(showRegister));
    app.post('/admin/register', config, on(register));
    app.get('/admin/register/registered/:id', config, on(showRegistered));
    app.get('/admin/register/import', config, on(showImport));
    app.get('/admin/register/import/template.csv', config, on(importTemplate));
    app.post('/admin/register/import', { ...config, preValidation: readImportForm }, on(importFile));
    app.get('/admin/register/import/:key', config, on(showReport));
    app.get('/admin/register/import/:key/rejected.csv', config, on(rejectedRows));
    app.get('/admin/register/import/:key/progress', config, on(importProgress));
  };
}
