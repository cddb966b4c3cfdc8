// What every journey shares: the renderer pageRoutes lends it, and small readers of a
// urlencoded form body. Journeys are adapters: they read the form, call use-cases in
// src/app and render; the rules are decided in src/domain.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { AppError, notFound } from '../../app/errors.ts';
import { type EpaRecordView, getRecord } from '../../app/records.ts';
import type { Actor } from '../../domain/access/access.ts';
import type { Terminology } from '../terminology.ts';

export type PageView = (request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status?: number) => Promise<unknown>;
/** What pageRoutes lends a journey: its renderer (layout, navigation, CSRF token, headers) and the terminology. */
export type JourneyOptions = { view: PageView; terms: Terminology };

export type FormBody = Record<string, unknown> | undefined;
export type ErrorItem = { text: string; href: string };

/** One text field of a form ('' when absent; the first when repeated). */
export const one = (body: FormBody, name: string): string => {
  const value = body?.[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
};

/** Every value of a repeated field (checkboxes), blanks left out. */
export const many = (body: FormBody, name: string): string[] => {
  const value = body?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
};

/** Field errors ({name: message}) as the error summary's list, each linking to its field. */
export const errorsOf = (fieldErrors: Record<string, string>): ErrorItem[] => Object.entries(fieldErrors).map(([name, text]) => ({ text, href: `#${name}` }));

export const actorOf = (request: FastifyRequest): Actor => request.actor as Actor;

/** The record named by :id, as the actor may see it; a 404 page when it is not there or not theirs. */
export async function pageRecord(ctx: AppContext, request: FastifyRequest): Promise<EpaRecordView> {
  const { id } = request.params as { id: string };
  return getRecord(ctx, actorOf(request), id).catch((error: unknown) => {
    throw error instanceof AppError && error.status === 404 ? notFound('page') : error;
  });
}
