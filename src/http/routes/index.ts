// Every /api/v1 route module. Each one is a Fastify plugin built from the app context.
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { unauthorised } from '../../app/errors.ts';
import { appealRoutes } from './appeals.ts';
import { assessmentRoutes } from './assessments.ts';
import { assessorTimeRoutes } from './assessor-time.ts';
import { assessorRoutes } from './assessors.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { bookingRoutes } from './bookings.ts';
import { calendarRoutes } from './calendar.ts';
import { certificateRoutes } from './certificates.ts';
import { complaintRoutes } from './complaints.ts';
import { declarationRoutes } from './declarations.ts';
import { outboxRoutes } from './dev-mail.ts';
import { dfeRoutes } from './dfe.ts';
import { fileRoutes } from './files.ts';
import { gatewayRoutes } from './gateway.ts';
import { importRoutes } from './imports.ts';
import { mailTemplateRoutes } from './mail-templates.ts';
import { malpracticeRoutes } from './malpractice.ts';
import { organisationRoutes } from './organisations.ts';
import { peopleRoutes } from './people.ts';
import { queueRoutes } from './queues.ts';
import { recordRoutes } from './records.ts';
import { registrationClashRoutes } from './registration-clashes.ts';
import { scheduleRoutes } from './schedule.ts';
import { submissionRoutes } from './submissions.ts';
import { withdrawalRoutes } from './withdrawal.ts';

export type RouteOptions = { secureCookies: boolean };
export type RouteModule = (ctx: AppContext, options: RouteOptions) => FastifyPluginAsync;

const modules: RouteModule[] = [
  authRoutes,
  peopleRoutes,
  organisationRoutes,
  recordRoutes,
  queueRoutes,
  importRoutes,
  registrationClashRoutes,
  fileRoutes,
  gatewayRoutes,
  declarationRoutes,
  submissionRoutes,
  assessorRoutes,
  bookingRoutes,
  calendarRoutes,
  assessorTimeRoutes,
  assessmentRoutes,
  certificateRoutes,
  appealRoutes,
  malpracticeRoutes,
  complaintRoutes,
  withdrawalRoutes,
  dfeRoutes,
  scheduleRoutes,
  auditRoutes,
  outboxRoutes,
  mailTemplateRoutes,
];

/** The only /api/v1 routes open to someone not signed in. */
const PUBLIC = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/sign-out', '/api/v1/auth/password-reset', '/api/v1/auth/password']);

export function apiRoutes(ctx: AppContext, options: RouteOptions): FastifyPluginAsync {
  return async (app) => {
    // Signed in first, before a body or query is even read: a stranger learns nothing, not even a validation message.
    app.addHook('onRequest', async (request) => {
      if (!request.actor && !PUBLIC.has(request.routeOptions.url ?? '')) throw unauthorised();
    });
    for (const module of modules) await app.register(module(ctx, options));
  };
}
