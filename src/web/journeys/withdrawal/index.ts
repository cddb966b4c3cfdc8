// Withdrawal on the web: the provider or employer asks for it, the EPAO confirms or declines
// it (or withdraws straight away), and every one of them sees, before anything is done, the
// bookings still to come with the charge the policy makes due on each. An adapter:
// src/app/withdrawal.ts decides.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app/errors.ts';
import { MAX_REASON_TEXT, WithdrawalDeclineInput, WithdrawalRequestInput, WithdrawInput } from '../../../app/inputs-assessment.ts';
import { confirmWithdrawal, declineWithdrawal, requestWithdrawal, withdraw, withdrawalPreview } from '../../../app/withdrawal.ts';
import type { Role } from '../../../domain/access/access.ts';
import { utcToLondon } from '../../../domain/calendar/london-time.ts';
import { errorsOf, fieldErrorsFrom, limitText } from '../../field-errors.ts';
import { plainEnglish } from '../../messages.ts';
import type { RecordSection } from '../../record-sections.ts';
import { actorOf, asPage, formBody, handle, one, type PageHandler, pageRecord, type Services } from '../kit.ts';

const PARTIES: readonly Role[] = ['epao-admin', 'provider', 'employer'];

/** The record page's section: where a withdrawal stands, and the way to it. */
export const withdrawalSection: RecordSection = async ({ ctx, actor, record }) => {
  if (!PARTIES.includes(actor.role) || record.status === 'withdrawn') return null;
  const preview = await withdrawalPreview(ctx, actor, record.id);
  return { template: 'record/withdrawal.njk', data: { recordId: record.id, request: preview.request, bookings: preview.bookings.length } };
};

async function withdrawalPage({ ctx, view }: Services, request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const record = await pageRecord(ctx, request);
  const preview = await withdrawalPreview(ctx, actorOf(request), record.id).catch(asPage);
  const bookings = preview.bookings.map((b) => ({ ...b, when: utcToLondon(b.startsAt) }));
  return view(
    request,
    reply,
    'withdrawal.njk',
    {
      title: `Withdraw: ${record.apprentice.givenNames} ${record.apprentice.familyName}`,
      record,
      preview: { ...preview, bookings },
      charged: bookings.filter((b) => b.charge !== 'none').length,
      done: (request.query as Record<string, unknown>).done ?? null,
      values: { reason: '' },
      fieldErrors: {},
      errors: [],
      ...extra,
    },
    status,
  );
}

/** The reason as the use-case's schema judges it, in the page's words; null when it will do. */
function reasonError(reason: string): string | null {
  const input = WithdrawalRequestInput.safeParse({ reason });
  if (input.success) return null;
  const rules = {
    reason: {
      message: (issue: { code: string }) =>
        issue.code === 'too_big' ? `The reason must be ${limitText(MAX_REASON_TEXT)} characters or fewer` : 'Enter the reason',
    },
  };
  return fieldErrorsFrom(input.error, rules).reason ?? 'Enter the reason';
}

/** A refusal shown on the page (a stale version, a request already decided); anything else is the error page. */
async function refusedOnPage(services: Services, request: FastifyRequest, reply: FastifyReply, error: unknown, values: { reason: string }) {
  if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
  return withdrawalPage(services, request, reply, { values, errors: [{ text: plainEnglish(error), href: '#reason' }] }, error.status);
}

/** The four forms, each: read the reason (or version), do it, come back to the page with what was done. */
function action(done: string, act: (services: Services, request: FastifyRequest, reason: string) => Promise<unknown>, needsReason = true): PageHandler {
  return async (services, request, reply) => {
    const record = await pageRecord(services.ctx, request);
    const reason = one(formBody(request), 'reason').trim();
    const problem = needsReason ? reasonError(reason) : null;
    if (problem) {
      const fieldErrors = { reason: problem };
      return withdrawalPage(services, request, reply, { values: { reason }, fieldErrors, errors: errorsOf(fieldErrors) }, 400);
    }
    try {
      await act(services, request, reason);
    } catch (error) {
      return refusedOnPage(services, request, reply, error, { reason });
    }
    return reply.redirect(`/records/${record.id}/${done === 'withdrawn' ? '' : 'withdrawal'}?done=${done}`.replace('/?', '?'), 303);
  };
}

const versionOf = (request: FastifyRequest) => Number(one(formBody(request), 'version'));

/** The form's withdrawal, or a 400 the page shows (a tampered or stale form). */
function validWithdrawal(value: { version: number; reason: string }) {
  const input = WithdrawInput.safeParse(value);
  if (!input.success) throw new AppError(400, 'VALIDATION_FAILED', 'the form is out of date: open the withdrawal page again');
  return input.data;
}
const requestIdOf = (request: FastifyRequest) => one(formBody(request), 'requestId');
const recordIdOf = (request: FastifyRequest) => (request.params as { id: string }).id;

const ask = action('requested', ({ ctx }, request, reason) =>
  requestWithdrawal(ctx, actorOf(request), recordIdOf(request), WithdrawalRequestInput.parse({ reason })),
);
const decline = action('declined', ({ ctx }, request, reason) =>
  declineWithdrawal(ctx, actorOf(request), requestIdOf(request), WithdrawalDeclineInput.parse({ reason })),
);
const confirm = action(
  'withdrawn',
  ({ ctx }, request) => confirmWithdrawal(ctx, actorOf(request), requestIdOf(request), { version: versionOf(request) }),
  false,
);
const withdrawNow = action('withdrawn', ({ ctx }, request, reason) =>
  withdraw(ctx, actorOf(request), recordIdOf(request), validWithdrawal({ version: versionOf(request), reason })),
);

export function withdrawalRoutes(services: Services): FastifyPluginAsync {
  const on = (handler: PageHandler) => handle(services, handler);
  const as = (roles: readonly Role[]) => ({ config: { roles } });
  return async (app) => {
    app.get(
      '/records/:id/withdrawal',
      as(PARTIES),
      on((s, rq, rp) => withdrawalPage(s, rq, rp)),
    );
    app.post('/records/:id/withdrawal/request', as(['provider', 'employer']), on(ask));
    app.post('/records/:id/withdrawal/confirm', as(['epao-admin']), on(confirm));
    app.post('/records/:id/withdrawal/decline', as(['epao-admin']), on(decline));
    app.post('/records/:id/withdrawal/withdraw', as(['epao-admin']), on(withdrawNow));
  };
}
