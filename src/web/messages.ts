// AppError codes in plain English for the pages. A code not listed here shows the
// use-case's own message, with a capital letter and a full stop.
import { SIGN_IN_LIMIT } from '../app/auth.ts';
import type { AppError } from '../app/errors.ts';

const MESSAGES: Record<string, string> = {
  BAD_CREDENTIALS: 'Enter a correct email address and password',
  TOO_MANY_ATTEMPTS: `There have been too many attempts to sign in to this account. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes, then try again`,
  UNAUTHENTICATED: 'Sign in to see this page',
  FORBIDDEN: 'Your account cannot see this page',
  NOT_FOUND: 'Page not found',
  CSRF_TOKEN_INVALID: 'This form has expired or did not come from Capstone',
  ALREADY_DECIDED: 'This submission has already been decided, so nothing was saved: the page now shows the decision',
  GATEWAY_NOT_ELIGIBLE: 'The check found this submission not eligible, so it cannot be approved',
  REASONS_REQUIRED: 'Enter the reasons the submission is not approved',
  PROVIDER_REQUIRED: 'Give the training provider the apprentice is with',
  CHANNEL_REQUIRED: 'This standard version grades by channel: give the channel the apprentice serves customers in (face-to-face, non-facing or both)',
  PROPOSAL_NOT_OPEN: 'This proposal has already been accepted or discarded, or is being accepted now, so nothing was done: the page shows where it stands',
  SCHEDULER_TIMED_OUT: 'The scheduler took too long and was stopped, so nothing was proposed. Try fewer days, or one standard version at a time',
  IMPORT_CONFLICT:
    'Nothing was imported: one of the file’s apprentices was registered by someone else while the file was being imported. Upload the file again to see which rows are now duplicates',
};

export function plainEnglish(error: Pick<AppError, 'code' | 'message'>): string {
  const known = MESSAGES[error.code];
  if (known) return known;
  const text = error.message.trim();
  return text ? `${text[0]?.toUpperCase()}${text.slice(1)}` : 'Something went wrong';
}
