// How Capstone reaches the DfE Assessor Service External API: the EPAO's identity there and
// the API's address and subscription key, read from the environment (the key is a secret:
// it is never stored, shown, logged or written to the audit log). Without DFE_API_URL and
// DFE_SUBSCRIPTION_KEY nothing is sent; the queue still fills and can be read.
import { ukprnProblem } from '../../domain/organisations/ukprn.ts';

export type DfeSettings = {
  epaoId: string | null;
  ukprn: string | null;
  /** The API's base, ending before `/api/v1`. */
  baseUrl: string | null;
  /** Kept off every view: `describeDfeSettings` says only whether one is set. */
  subscriptionKey: string | null;
  sandbox: boolean;
  /** Calls a minute at most (the API's gateway allows 120 per caller). */
  callsPerMinute: number;
};

/** The sandbox's fixed UKPRN (shared/interop/dfe-assessor-external-api.md, Transport and identity). */
export const SANDBOX_UKPRN = '99999999';

/** The settings, each checked; a bad one stops Capstone at start, saying which and why (never echoing the key). */
export function dfeSettings(env: Record<string, string | undefined> = process.env): DfeSettings {
  const epaoId = env.EPAO_ID?.trim() || null;
  if (epaoId && !/^EPA\d{4}$/.test(epaoId)) throw new Error(`EPAO_ID must be the Assessor Service's EPAO ID, like EPA0001, not "${epaoId.slice(0, 20)}"`);
  const sandbox = env.DFE_SANDBOX === 'true';
  const ukprn = sandbox ? SANDBOX_UKPRN : env.EPAO_UKPRN?.trim() || null;
  if (ukprn && !sandbox && ukprnProblem(ukprn)) throw new Error(`EPAO_UKPRN must be the EPAO's UKPRN, 8 digits beginning with 1, not "${ukprn.slice(0, 20)}"`);
  const baseUrl = env.DFE_API_URL?.trim().replace(/\/+$/, '') || null;
  if (baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error('DFE_API_URL is not a URL');
    }
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.protocol !== 'https:' && !(local && url.protocol === 'http:'))
      throw new Error('DFE_API_URL must be https (http only on this machine, for a test service)');
  }
  const subscriptionKey = env.DFE_SUBSCRIPTION_KEY?.trim() || null;
  const callsPerMinute = Number(env.DFE_CALLS_PER_MINUTE ?? 100);
  if (!Number.isInteger(callsPerMinute) || callsPerMinute < 1 || callsPerMinute > 120)
    throw new Error(`DFE_CALLS_PER_MINUTE must be a whole number from 1 to 120 (the API's limit), not "${env.DFE_CALLS_PER_MINUTE}"`);
  return { epaoId, ukprn, baseUrl, subscriptionKey, sandbox, callsPerMinute };
}

/** Whether Capstone may send: an address and a key. */
export const dfeConnected = (s: DfeSettings): s is DfeSettings & { baseUrl: string; subscriptionKey: string } => Boolean(s.baseUrl && s.subscriptionKey);

/** The settings as a page or the API may show them: the key only as set or not. */
export function describeDfeSettings(s: DfeSettings) {
  return {
    epaoId: s.epaoId,
    ukprn: s.ukprn,
    baseUrl: s.baseUrl,
    subscriptionKeySet: Boolean(s.subscriptionKey),
    sandbox: s.sandbox,
    callsPerMinute: s.callsPerMinute,
  };
}

/** How long a certificate waits before it is sent (domain/dfe/wait.ts): the appeal window, or a few days for a distinction. */
export function certificateWait(env: Record<string, string | undefined> = process.env, appealWindowWorkingDays: number) {
  const topGradeCalendarDays = Number(env.DFE_TOP_GRADE_WAIT_DAYS ?? 7);
  if (!Number.isInteger(topGradeCalendarDays) || topGradeCalendarDays < 0 || topGradeCalendarDays > 60)
    throw new Error(`DFE_TOP_GRADE_WAIT_DAYS must be a whole number of days from 0 to 60, not "${env.DFE_TOP_GRADE_WAIT_DAYS}"`);
  return {
    appealWindowWorkingDays,
    topGradeCalendarDays,
    source: 'EPAO settings APPEAL_WINDOW_WORKING_DAYS and DFE_TOP_GRADE_WAIT_DAYS (the API has no appeal check; DfE prints what it is sent)',
  };
}
