// How the engine speaks: every rule outcome carries a stable code, a human message and
// the document it comes from (DESIGN §4); bad input is a value too, never a throw.

/** A failure, violation or warning produced by a rule. Extra fields carry the details. */
export type Finding = {
  code: string;
  message: string;
  source: string;
  [detail: string]: unknown;
};

/** Input the engine cannot judge: unknown ids, malformed dates, contradictions. */
export type InputProblem = { code: string; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; problem: InputProblem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const problem = (code: string, message: string): Result<never> => ({ ok: false, problem: { code, message } });
