// A proposal as a reviewer reads it: each placement and move with the apprentice, the
// method's name, the assessor and the venue, each unplaced assessment with its reason,
// and the before and after figures. Built once, when the proposal is made, and kept.
import { utcToLondon } from '../../domain/calendar/london-time.ts';
import type { Placement, Proposal } from '../../domain/scheduling/model.ts';
import type { Catalogue } from '../../domain/standards/catalogue.ts';
import { resolve } from '../../domain/standards/catalogue.ts';
import type { StoredProposal } from '../../store/repositories/schedule-proposals.repository.ts';
import type { Gathered } from './instance.ts';
import { venueOf } from './instance.ts';

export type PlacedView = Placement & {
  /** Stable within the proposal: what an acceptance names it by. */
  key: string;
  apprentice: string;
  standard: string;
  methodName: string;
  assessorName: string;
  venue: string;
};

export type MovedView = PlacedView & { bookingId: string; bookingVersion: number; was: { date: string; start: string; assessorName: string } };

export type UnplacedView = { recordId: string; method: string; methodName: string; apprentice: string; standard: string; code: string; reason: string };

export type ProposalBody = {
  placements: PlacedView[];
  moved: MovedView[];
  unplaced: UnplacedView[];
  before: Proposal['before'];
  after: Proposal['after'];
  cost: number;
  costFloor: number;
  costParts: Record<string, number>;
  hardViolations: number;
  iterations: number;
  ms: number;
};

export type ProposalOutcome = {
  booked: { key: string; bookingId: string }[];
  moved: { key: string; bookingId: string }[];
  refused: { key: string; code: string; message: string }[];
};

export type ProposalView = ProposalBody & {
  id: string;
  kind: 'schedule' | 'replan';
  status: StoredProposal['status'];
  proposedAt: string;
  from: string;
  to: string;
  standard: string | null;
  acceptedAt: string | null;
  outcome: ProposalOutcome | null;
};

function methodName(catalogue: Catalogue, standard: string, method: string): string {
  const r = resolve(catalogue, standard, null);
  return r.ok ? (r.value.index.methods.get(method)?.name ?? method) : method;
}

export function describeProposal(catalogue: Catalogue, proposal: Proposal, gathered: Gathered): ProposalBody {
  const apprentice = (recordId: string) => {
    const w = gathered.records.get(recordId);
    return w ? `${w.givenNames} ${w.familyName}` : recordId;
  };
  const standard = (recordId: string) => gathered.records.get(recordId)?.standard ?? '';
  const assessorName = (id: string) => gathered.assessors.get(id)?.name ?? id;
  const placed = (p: Placement, key: string): PlacedView => {
    const w = gathered.records.get(p.recordId);
    return {
      ...p,
      key,
      apprentice: apprentice(p.recordId),
      standard: standard(p.recordId),
      methodName: methodName(catalogue, standard(p.recordId), p.method),
      assessorName: assessorName(p.assessorId),
      venue: w ? venueOf(w) : '',
    };
  };
  return {
    placements: proposal.placements.map((p) => placed(p, `${p.recordId}:${p.method}`)),
    moved: proposal.moved.map((m) => {
      const booking = gathered.bookings.get(m.bookingId);
      const was = booking ? { start: booking.startsAt, assessorId: booking.assessorId } : null;
      const at = was ? utcToLondon(was.start) : null;
      return {
        ...placed(m, `move:${m.bookingId}`),
        // A move keeps the booking's own place (moveBooking changes its date, time and assessor).
        venue: booking?.venue ?? '',
        bookingId: m.bookingId,
        bookingVersion: booking?.version ?? 1,
        was: {
          date: at?.date ?? '',
          start: at?.time ?? '',
          assessorName: was ? assessorName(was.assessorId) : '',
        },
      };
    }),
    unplaced: proposal.unplaced.map((u) => ({
      ...u,
      apprentice: apprentice(u.recordId),
      standard: standard(u.recordId),
      methodName: methodName(catalogue, standard(u.recordId), u.method),
    })),
    before: proposal.before,
    after: proposal.after,
    cost: proposal.cost,
    costFloor: proposal.costFloor,
    costParts: proposal.costParts,
    hardViolations: proposal.hardViolations,
    iterations: proposal.iterations,
    ms: proposal.ms,
  };
}

export function toProposalView(row: StoredProposal): ProposalView {
  return {
    ...(row.proposal as ProposalBody),
    id: row.id,
    kind: row.kind,
    status: row.status,
    proposedAt: new Date(row.proposedAt).toISOString(),
    from: row.scheduleFrom,
    to: row.scheduleTo,
    standard: row.standard,
    acceptedAt: row.acceptedAt ? new Date(row.acceptedAt).toISOString() : null,
    outcome: (row.outcome as ProposalOutcome | null) ?? null,
  };
}
