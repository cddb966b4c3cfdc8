// Every /api/v1 route module. Each one is a Fastify plugin built from the app context.
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { assessmentRoutes } from './assessments.ts';
import { assessorRoutes } from './assessors.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { bookingRoutes } from './bookings.ts';
import { certificateRoutes } from './certificates.ts';
import { outboxRoutes } from './dev-mail.ts';
import { fileRoutes } from './files.ts';
import { gatewayRoutes } from './gateway.ts';
import { importRoutes } from './imports.ts';
import { recordRoutes } from './records.ts';
import { submissionRoutes } from './submissions.ts';

export type RouteOptions = { secureCookies: boolean };
export type RouteModule = (ctx: AppContext, options: RouteOptions) => FastifyPluginAsync;

const modules: RouteModule[] = [
  authRoutes,
  recordRoutes,
  importRoutes,
  fileRoutes,
  gatewayRoutes,
  submissionRoutes,
  assessorRoutes,
  bookingRoutes,
  assessmentRoutes,
  certificateRoutes,
  auditRoutes,
  outboxRoutes,
];

export function apiRoutes(ctx: AppContext, options: RouteOptions): FastifyPluginAsync {
  return async (app) => {
    for (const module of modules) await app.register(module(ctx, options));
  };
}
