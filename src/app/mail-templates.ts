// The EPAO's e-mail templates: each message Capstone composes is rendered from the EPAO's
// edited words where it saved some, else Capstone's (domain/mail/templates.ts). The EPAO
// edits a template with a preview (the sample values of the fields it may use), and an edit
// that drops a required field or names an unknown one is refused before it is saved.
import type { Actor } from '../domain/access/access.ts';
import { MAIL_CATALOGUE, MAIL_KINDS, type MailKind, type MailTemplate, renderMail, sampleValues, templateProblems } from '../domain/mail/templates.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { deleteTemplate, saveTemplate, storedTemplates } from '../store/repositories/mail-templates.repository.ts';
import type { MailRow } from '../store/repositories/outbox.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { badRequest, conflict, forbidden, notFound, refused } from './errors.ts';

const assertAdmin = (actor: Actor) => {
  if (actor.role !== 'epao-admin') throw forbidden('the EPAO edits its e-mails');
};

export const isMailKind = (kind: string): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind);

/** The words a kind is sent in now, read in the caller's transaction: the EPAO's, or Capstone's. */
async function wordsOf(db: Db, kind: MailKind): Promise<MailTemplate & { version: number; edited: boolean }> {
  const stored = (await storedTemplates(db)).find((t) => t.kind === kind);
  return stored
    ? { subject: stored.subject, body: stored.body, version: stored.version, edited: true }
    : { ...MAIL_CATALOGUE[kind].template, version: 0, edited: false };
}

/** The EPAO's stored words per database, read at most every 30 seconds (and at once after an edit here). */
const cache = new WeakMap<Db, { at: number; rows: Awaited<ReturnType<typeof storedTemplates>> }>();
const CACHE_MS = 30_000;

/** The words in force, from the cache: for a hot path (a booking's statement) where a round trip would cost. */
export async function cachedWords(db: Db, kind: MailKind): Promise<MailTemplate> {
  let held = cache.get(db);
  if (!held || Date.now() - held.at > CACHE_MS) {
    held = { at: Date.now(), rows: await storedTemplates(db) };
    cache.set(db, held);
  }
  return held.rows.find((t) => t.kind === kind) ?? MAIL_CATALOGUE[kind].template;
}

/** A message of this kind to `to`, composed from the template in force, ready for the outbox. */
export async function composeMail(db: Db, kind: MailKind, to: string, values: Record<string, string>, dedupeKey: string): Promise<MailRow> {
  const { subject, body } = renderMail(await wordsOf(db, kind), values);
  return { toAddress: to.toLowerCase(), subject, body, kind, dedupeKey };
}

/** Every kind with what it is for and whether the EPAO changed its words. */
export async function listTemplates(ctx: AppContext, actor: Actor) {
  assertAdmin(actor);
  const stored = new Map((await storedTemplates(ctx.db)).map((t) => [t.kind, t]));
  return MAIL_KINDS.map((kind) => ({ kind, purpose: MAIL_CATALOGUE[kind].purpose, edited: stored.has(kind), updatedAt: stored.get(kind)?.updatedAt ?? null }));
}

/** A kind's words in force, its fields, and a preview with the sample values. */
export async function templateFor(ctx: AppContext, actor: Actor, kind: string) {
  assertAdmin(actor);
  if (!isMailKind(kind)) throw notFound(`e-mail ${kind}`);
  const words = await wordsOf(ctx.db, kind);
  return { kind, ...MAIL_CATALOGUE[kind], words, preview: renderMail(words, sampleValues(kind)) };
}

/** What a draft would look like, and what is wrong with it: nothing is saved. */
export function previewTemplate(actor: Actor, kind: string, draft: MailTemplate) {
  assertAdmin(actor);
  if (!isMailKind(kind)) throw notFound(`e-mail ${kind}`);
  return { preview: renderMail(draft, sampleValues(kind)), problems: templateProblems(kind, draft) };
}

/** Saves the EPAO's words at the version read; the next message of the kind is sent in them. */
export async function editTemplate(ctx: AppContext, actor: Actor, kind: string, input: MailTemplate & { version: number }) {
  assertAdmin(actor);
  if (!isMailKind(kind)) throw notFound(`e-mail ${kind}`);
  if (!Number.isSafeInteger(input.version) || input.version < 0) throw badRequest('VALIDATION_FAILED', 'the form is out of date: open the e-mail again');
  const problems = templateProblems(kind, input);
  if (problems.length > 0) throw refused(problems[0]?.code as string, problems.map((p) => p.message).join('; '), problems);
  await inTransaction(ctx.db, async (trx) => {
    const saved = await saveTemplate(trx, { kind, subject: input.subject, body: input.body, version: input.version, by: actor.userId, at: ctx.now() });
    if (!saved) throw conflict('STALE_VERSION', 'someone saved this e-mail meanwhile: reload it and make your change again');
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'edit',
      entity: 'mail-template',
      entityId: kind,
      after: { subject: input.subject, body: input.body },
    });
  });
  // After the commit: a read meanwhile could have cached the words from before it.
  cache.delete(ctx.db);
  return templateFor(ctx, actor, kind);
}

/** Back to Capstone's own words. */
export async function resetTemplate(ctx: AppContext, actor: Actor, kind: string) {
  assertAdmin(actor);
  if (!isMailKind(kind)) throw notFound(`e-mail ${kind}`);
  await inTransaction(ctx.db, async (trx) => {
    await deleteTemplate(trx, kind);
    await appendAudit(trx, { actorId: actor.userId, actor: actor.name, action: 'reset', entity: 'mail-template', entityId: kind });
  });
  cache.delete(ctx.db);
  return templateFor(ctx, actor, kind);
}
