// The "Check" page every booking change passes through: the verdict of a dry run (or of a
// confirm the rules now refuse) — refusals that block, warnings that do not, each with its
// source — and a confirm button carrying the values only when nothing blocks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BookingView } from '../../../app/bookings.ts';
import { type AppError, findingsOf, warningsOf } from '../../../app/errors.ts';
import type { EpaRecordView } from '../../../app/records.ts';
import type { Finding } from '../../../domain/outcome.ts';
import { plainEnglish } from '../../messages.ts';
import type { Services } from '../kit.ts';

export type Action = 'book' | 'move' | 'cancel';

export type CheckData = {
  action: Action;
  record: EpaRecordView;
  summary: { key: string; value: string }[];
  outcome?: BookingView & { cancellation?: { charge: string; workingDaysBefore: number; withinWorkingDays: number | null; source: string } };
  error?: AppError;
  changed?: boolean;
  confirmUrl: string;
  backUrl: string;
  /** Where "Change it" posts the values back to, to show the form filled in as it was sent. */
  changeUrl: string;
  hidden: { name: string; value: string }[];
};

const HEADINGS: Record<Action, string> = { book: 'Check the booking', move: 'Check the move', cancel: 'Check the cancellation' };
const REFUSED: Record<Action, string> = {
  book: 'This booking cannot be made',
  move: 'This booking cannot be moved',
  cancel: 'This booking cannot be cancelled',
};

function conflictText(error: AppError): string {
  if (error.code === 'STALE_VERSION')
    return 'Someone else changed this booking after you opened it, so nothing was saved. Go back to the bookings to see it as it is now, then try again';
  return plainEnglish(error);
}

const shown = (f: Finding) => ({ code: f.code, text: plainEnglish(f), source: f.source });

export async function checkPage({ view }: Services, request: FastifyRequest, reply: FastifyReply, data: CheckData) {
  const { error } = data;
  const refusals = error ? findingsOf(error).map(shown) : [];
  // A conflict (the assessor is busy, the booking changed) has no rule behind it: its message is the refusal.
  if (error && refusals.length === 0) refusals.push({ code: error.code, text: conflictText(error), source: '' });
  const warnings = (data.outcome?.warnings ?? (error ? warningsOf(error) : [])).map(shown);
  const heading = HEADINGS[data.action];
  const errorTitle = data.changed ? 'Something changed since the check: this cannot be done now' : REFUSED[data.action];
  return view(
    request,
    reply,
    'booking-check.njk',
    {
      title: heading,
      heading,
      action: data.action,
      record: data.record,
      summary: data.summary,
      outcome: data.outcome ?? null,
      refusals,
      warnings,
      errorTitle,
      errors: refusals.length > 0 ? [{ text: errorTitle, href: '#refusals' }] : [],
      confirmUrl: data.confirmUrl,
      backUrl: data.backUrl,
      changeUrl: data.changeUrl,
      hidden: data.hidden,
    },
    error ? error.status : 200,
  );
}
