// The review's tables as a reader needs them: the proposed bookings by date, the moves, what
// could not be placed, and once accepted what each row came to; a page of 200 rows at a time
// (?page= for the proposed bookings, ?movedPage=, ?unplacedPage=, ?refusedPage= for the
// others), and the before and after figures in words. Nothing here decides a rule.
import type { ProposalView } from '../../../app/scheduling/views.ts';
import { plainEnglish } from '../../messages.ts';

/** Rows a table shows at once. */
export const ROWS_PER_PAGE = 200;

export const STATUS_NAMES: Record<ProposalView['status'], string> = {
  proposed: 'Waiting for review',
  accepting: 'Being accepted',
  accepted: 'Accepted',
  discarded: 'Discarded',
};

export type Paged<T> = {
  rows: T[];
  total: number;
  /** The first and last row shown, counting from 1. */
  first: number;
  last: number;
  previous: { href: string; labelText: string } | null;
  next: { href: string; labelText: string } | null;
};

type Query = Record<string, unknown>;

const pageAsked = (query: Query, param: string): number => {
  const n = Number(query[param]);
  return Number.isInteger(n) && n > 0 ? n : 1;
};

/** One page of `rows`, with links to the pages either side that keep the other tables' pages. */
export function paged<T>(rows: T[], query: Query, param: string, anchor: string): Paged<T> {
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const page = Math.min(pageAsked(query, param), pages);
  const start = (page - 1) * ROWS_PER_PAGE;
  const shown = rows.slice(start, start + ROWS_PER_PAGE);
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (typeof value === 'string' && key !== param && key !== 'done') params.set(key, value);
    if (n > 1) params.set(param, String(n));
    const search = params.toString();
    return `?${search}#${anchor}`;
  };
  const label = (n: number) =>
    `Rows ${((n - 1) * ROWS_PER_PAGE + 1).toLocaleString('en-GB')} to ${Math.min(n * ROWS_PER_PAGE, rows.length).toLocaleString('en-GB')}`;
  return {
    rows: shown,
    total: rows.length,
    first: shown.length ? start + 1 : 0,
    last: start + shown.length,
    previous: page > 1 ? { href: href(page - 1), labelText: label(page - 1) } : null,
    next: page < pages ? { href: href(page + 1), labelText: label(page + 1) } : null,
  };
}

/** What accepting did with one row: booked (with the record's bookings page), refused (why), or nothing yet. */
export type RowOutcome = { booked: boolean; refused: string | null };

type Placed = ProposalView['placements'][number];

const byDate = (a: Pick<Placed, 'date' | 'start' | 'assessorName' | 'apprentice'>, b: typeof a) =>
  a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.assessorName.localeCompare(b.assessorName) || a.apprentice.localeCompare(b.apprentice);

function outcomes(p: ProposalView): Map<string, RowOutcome> {
  const map = new Map<string, RowOutcome>();
  if (!p.outcome) return map;
  for (const done of [...p.outcome.booked, ...p.outcome.moved]) map.set(done.key, { booked: true, refused: null });
  for (const r of p.outcome.refused) map.set(r.key, { booked: false, refused: plainEnglish(r) });
  return map;
}

/** Each refusal with the row it is about, in plain words. */
function refusals(p: ProposalView) {
  const rows = new Map<string, Placed>([...p.placements, ...p.moved].map((x) => [x.key, x]));
  return (p.outcome?.refused ?? []).map((r) => {
    const row = rows.get(r.key);
    return { key: r.key, row: row ?? null, reason: plainEnglish(r) };
  });
}

/** The figures before and after, each as a line of the headline table. */
export function figureRows(p: ProposalView) {
  const days = (n: number | null) => (n === null ? 'None with every assessment dated' : `${n.toLocaleString('en-GB')} days`);
  const load = (f: ProposalView['before']) => `${f.load.min} / ${f.load.mean} / ${f.load.max}`;
  return [
    {
      id: 'mean-days',
      name: 'Mean days from gateway approval to the last assessment',
      before: days(p.before.meanDaysToComplete),
      after: days(p.after.meanDaysToComplete),
    },
    {
      id: 'worst-days',
      name: 'Worst (longest) days from gateway approval to the last assessment',
      before: days(p.before.worstDaysToComplete),
      after: days(p.after.worstDaysToComplete),
    },
    { id: 'placed', name: 'Waiting assessments given a date', before: p.before.placed.toLocaleString('en-GB'), after: p.after.placed.toLocaleString('en-GB') },
    {
      id: 'unplaced',
      name: 'Waiting assessments still without a date',
      before: p.before.unplaced.toLocaleString('en-GB'),
      after: p.after.unplaced.toLocaleString('en-GB'),
    },
    { id: 'load', name: 'Assessments per assessor in these days: least / mean / most', before: load(p.before), after: load(p.after) },
  ];
}

/** Everything the review's tables show, a page of each. */
export function reviewTables(p: ProposalView, query: Query) {
  const done = outcomes(p);
  const withOutcome = <T extends { key: string }>(x: T) => ({ ...x, outcome: done.get(x.key) ?? null });
  const placements = [...p.placements].sort(byDate).map(withOutcome);
  const moved = [...p.moved].sort(byDate).map(withOutcome);
  const unplaced = [...p.unplaced].sort((a, b) => a.apprentice.localeCompare(b.apprentice) || a.methodName.localeCompare(b.methodName));
  return {
    placements: paged(placements, query, 'page', 'proposed-bookings'),
    moved: paged(moved, query, 'movedPage', 'moved-bookings'),
    unplaced: paged(unplaced, query, 'unplacedPage', 'unplaced'),
    refused: paged(refusals(p), query, 'refusedPage', 'refused'),
    firstDate: placements[0]?.date ?? moved[0]?.date ?? null,
  };
}
