// Unique Learner Number: the Learning Records Service check-digit rule used in ILR
// validation: 10 digits, not starting with 0; digits 1–9 weighted
// 10, 9, …, 2; r = sum mod 11; r = 0 is invalid; otherwise digit 10 = 10 − r.

/** The temporary ULN the LRS issues while a real one is awaited. */
export const TEMPORARY_ULN = '9999999999';

export type UlnStatus = 'valid' | 'temporary' | 'invalid';

export function ulnStatus(uln: string): UlnStatus {
  if (uln === TEMPORARY_ULN) return 'temporary';
  if (!/^[1-9]\d{9}$/.test(uln)) return 'invalid';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (uln.charCodeAt(i) - 48) * (10 - i);
  const r = sum % 11;
  if (r === 0) return 'invalid';
  return uln.charCodeAt(9) - 48 === 10 - r ? 'valid' : 'invalid';
}
