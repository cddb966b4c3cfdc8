// A result no longer released stops what would follow from it: a certificate, an appeal,
// a results statement. One refusal for each way it stopped.
import { conflict } from './errors.ts';

/** A result that is not (or no longer) released: suspended for malpractice, cancelled, superseded. */
export function notReleased(result: { status: string }) {
  switch (result.status) {
    case 'suspended':
      return conflict('RESULT_SUSPENDED', 'the result is suspended while a malpractice case is open: nothing is certificated until it is decided');
    case 'cancelled':
      return conflict('RESULT_CANCELLED', 'the result was cancelled after malpractice was identified (004 Section 6)');
    case 'superseded':
      return conflict('RESULT_SUPERSEDED', 'the result was replaced (an upheld appeal or a re-sit): use the current result');
    default:
      return conflict('RESULT_NOT_RELEASED', `the result is ${result.status}`);
  }
}
