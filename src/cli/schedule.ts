// `capstone schedule [--replan] [--moves N]`: a scheduling instance as JSON on stdin
// (src/domain/scheduling/model.ts, docs/scheduling.md), the proposal as JSON on stdout.
// Exit 0: every assessment placed; 1: some could not be (each with its reason); 2: bad input.
import { englandAndWalesBankHolidays } from '../domain/calendar/bank-holidays.ts';
import { SchedulingInstance } from '../domain/scheduling/model.ts';
import { replan } from '../domain/scheduling/replan.ts';
import { schedule } from '../domain/scheduling/solve.ts';
import { catalogue } from '../standards/load.ts';
import { BadInput, EXIT, json, type Output, parseRequest } from './io.ts';

export function scheduleCommand(text: string, args: readonly string[]): Output {
  const moves = args.indexOf('--moves');
  const budget = moves >= 0 ? Number(args[moves + 1]) : undefined;
  if (budget !== undefined && (!Number.isInteger(budget) || budget < 0 || budget > 10_000_000))
    throw new BadInput('--moves takes a whole number of moves, 0 to 10000000');
  const known = new Set(['--replan', '--moves', ...(moves >= 0 ? [args[moves + 1]] : [])]);
  const unknown = args.find((a) => !known.has(a));
  if (unknown !== undefined) throw new BadInput(`usage: capstone schedule [--replan] [--moves N] (unknown "${unknown}")`);
  const instance = parseRequest(text, SchedulingInstance);
  const solve = args.includes('--replan') ? replan : schedule;
  const result = solve(instance, catalogue(), englandAndWalesBankHolidays(), budget === undefined ? {} : { moves: budget });
  if (!result.ok) throw new BadInput(`${result.code}: ${result.message}`);
  return json(result.proposal, result.proposal.unplaced.length === 0 ? EXIT.yes : EXIT.no);
}
