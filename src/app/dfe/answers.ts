// Reading the Assessor Service's answers: a batch answers 200 with one item per request, each
// with its own validationErrors; a refusal of the whole batch is 403 {statusCode, message}
// (shared/interop/dfe-assessor-external-api.md, Endpoints; Create / update EPA).
import type { DfeProblem } from '../../store/schema-dfe.ts';
import type { DfeAnswer } from './client.ts';

export type ItemAnswer = { requestId?: string; epaReference?: string; certificate?: DfeCertificate; validationErrors?: string[] };
export type DfeCertificate = {
  certificateData?: { certificateReference?: string };
  status?: { currentStatus?: string };
  delivered?: { status?: string; deliveryDate?: string };
};

const SOURCE = 'the DfE Assessor Service’s answer';

/** The API's messages as problems, in its own words. */
export const apiProblems = (messages: readonly string[]): DfeProblem[] => messages.map((message) => ({ code: 'DFE_REFUSED', message, source: SOURCE }));

/** Each request's answer by its requestId; a whole-batch refusal gives every request the same message. */
export function answersById(answer: DfeAnswer, requestIds: readonly string[]): Map<string, ItemAnswer> {
  const out = new Map<string, ItemAnswer>();
  if (answer.status === 200 && Array.isArray(answer.body)) {
    for (const item of answer.body as ItemAnswer[]) if (item?.requestId) out.set(item.requestId, item);
    return out;
  }
  const message =
    typeof (answer.body as { message?: unknown } | null)?.message === 'string'
      ? ((answer.body as { message: string }).message as string)
      : `the Assessor Service answered ${answer.status}`;
  for (const id of requestIds) out.set(id, { requestId: id, validationErrors: [message] });
  return out;
}
