// Re-planning after one cancellation: our proposal is booked (every booking freed to move,
// as the re-plan use-case frees them), one booking is cancelled because the apprentice is
// ill that day, and replan() repairs the schedule. Measured: the re-plan call alone, how
// many other bookings it moved, and verify's count on the result.
import type { HolidayCalendar } from '../../src/domain/calendar/working-days.ts';
import type { Proposal, SchedulingInstance } from '../../src/domain/scheduling/model.ts';
import { seeded } from '../../src/domain/scheduling/random.ts';
import { replan } from '../../src/domain/scheduling/replan.ts';
import type { Catalogue } from '../../src/domain/standards/catalogue.ts';
import type { Replan } from './report.ts';

export function replanAfterCancellation(
  instance: SchedulingInstance,
  proposal: Proposal,
  seed: number,
  cat: Catalogue,
  holidays: HolidayCalendar,
): Replan | null {
  if (proposal.placements.length === 0) return null;
  const method = new Map(instance.records.flatMap((r) => r.methods.map((m) => [`${r.id}|${m.method}`, m])));
  const record = new Map(instance.records.map((r) => [r.id, r]));
  const bookings = proposal.placements.map((p, k) => ({
    id: `B${k}`,
    recordId: p.recordId,
    method: p.method,
    assessorId: p.assessorId,
    date: p.date,
    start: p.start,
    minutes: p.minutes,
    bookedOn: instance.today,
    venue: method.get(`${p.recordId}|${p.method}`)?.remote ? null : (record.get(p.recordId)?.venue ?? `workplace of ${p.recordId}`),
    region: method.get(`${p.recordId}|${p.method}`)?.remote ? null : (record.get(p.recordId)?.region ?? null),
    movable: true,
  }));
  const cancelled = bookings[seeded(seed).int(bookings.length)] as (typeof bookings)[number];
  // Every record stays listed, for its bookings; only the cancelled method waits, and not on the day the apprentice is ill.
  const records = instance.records.map((r) => ({
    ...r,
    methods: r.methods.filter((m) => r.id === cancelled.recordId && m.method === cancelled.method),
    unavailable: r.id === cancelled.recordId ? [...r.unavailable, cancelled.date] : r.unavailable,
  }));
  const started = performance.now();
  const result = replan({ ...instance, records, bookings: bookings.filter((b) => b !== cancelled) }, cat, holidays);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`replan() refused the instance: ${result.code}: ${result.message}`);
  return { ms, moved: result.proposal.moved.length, hard: result.proposal.hardViolations };
}
