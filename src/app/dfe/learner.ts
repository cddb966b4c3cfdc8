// Looking a learner up in the Assessor Service (GET learner/{uln}/{familyName}/{standard}):
// before the EPA starts, whether DfE knows the apprentice by this ULN, family name (as the
// ILR spells it) and standard, and with which start date and version. The API answers an
// unknown learner with 403 and its message (shared/interop/dfe-assessor-external-api.md,
// Endpoints; Corrections: "GET learner never answers 404").
import type { Actor } from '../../domain/access/access.ts';
import { ulnStatus } from '../../domain/gateway/uln.ts';
import type { AppContext } from '../context.ts';
import { AppError, badRequest, conflict, forbidden } from '../errors.ts';
import { DfeUnavailable } from './client.ts';
import { dfeApiOf } from './connection.ts';

export type LearnerLookup = { uln: string; familyName: string; standard: string };

type LearnerData = {
  learnerData?: {
    learner?: { givenNames?: string; familyName?: string };
    learningDetails?: { learningStartDate?: string; plannedEndDate?: string; version?: string; providerName?: string; providerUkPrn?: number };
  };
  status?: { completionStatus?: number };
  epaDetails?: { latestEpaOutcome?: string };
};

const COMPLETION: Record<number, string> = { 1: 'continuing', 2: 'complete', 3: 'withdrawn', 6: 'temporarily withdrawn' };

export async function lookUpLearner(ctx: AppContext, actor: Actor, input: LearnerLookup) {
  if (actor.role !== 'epao-admin' && actor.role !== 'provider') throw forbidden('the EPAO or the training provider looks a learner up with DfE');
  if (ulnStatus(input.uln) !== 'valid') throw new AppError(422, 'ULN_INVALID', `${input.uln} is not a ULN DfE can know (10 digits, with its check digit)`);
  const reference = input.standard.split('@')[0] ?? input.standard;
  if (!/^ST\d{4}$/.test(reference)) throw badRequest('UNKNOWN_STANDARD', `${input.standard} is not a standard reference like ST0071`);
  const api = dfeApiOf(ctx);
  if (!api) throw conflict('DFE_NOT_CONNECTED', 'Capstone is not connected to the DfE Assessor Service (DFE_API_URL and DFE_SUBSCRIPTION_KEY)');
  // A person waits on this: one try, and no long queue (client.ts, Patience).
  const answer = await api
    .call('GET', `learner/${input.uln}/${encodeURIComponent(input.familyName.trim())}/${reference}`, undefined, 'interactive')
    .catch((error: unknown) => {
      if (error instanceof DfeUnavailable) throw new AppError(503, 'DFE_UNAVAILABLE', error.message);
      throw error;
    });
  if (answer.status !== 200) {
    const message = (answer.body as { message?: unknown } | null)?.message;
    return { found: false as const, message: typeof message === 'string' ? message : `DfE answered ${answer.status}` };
  }
  const data = answer.body as LearnerData;
  const details = data.learnerData?.learningDetails ?? {};
  return {
    found: true as const,
    givenNames: data.learnerData?.learner?.givenNames ?? null,
    familyName: data.learnerData?.learner?.familyName ?? input.familyName,
    learningStartDate: details.learningStartDate?.slice(0, 10) ?? null,
    plannedEndDate: details.plannedEndDate?.slice(0, 10) ?? null,
    version: details.version ?? null,
    providerName: details.providerName ?? null,
    completion: COMPLETION[data.status?.completionStatus ?? 0] ?? null,
    latestEpaOutcome: data.epaDetails?.latestEpaOutcome ?? null,
  };
}
