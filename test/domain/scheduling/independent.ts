// A proposal checked from the instance alone with the domain's raw rules, not the solver's
// oracle (rules.ts) nor its compiled problem: the plan (checkPlan on the record's whole set of
// dates), the assessor's approval, independence and currency (assessorFindings), leave
// (leaveRefusal), declared hours (weeklyWindowsOn), caps (capRefusal, counting every
// placement and existing booking of the day and the Monday-to-Sunday week), one assessment
// at a time with time to travel (dayRefusal), the apprentice in one place at a time, working
// days and hours. Returns what is wrong, in words; empty when nothing is.
import { assessorFindings } from '../../../src/domain/booking/assessor-eligibility.ts';
import { capRefusal, weekOf } from '../../../src/domain/booking/assessor-load.ts';
import { leaveRefusal, weeklyWindowsOn } from '../../../src/domain/booking/availability.ts';
import { dayRefusal, overlapping, type Visit } from '../../../src/domain/booking/travel.ts';
import { londonToUtc } from '../../../src/domain/calendar/london-time.ts';
import { isWorkingDay } from '../../../src/domain/calendar/working-days.ts';
import { checkPlan } from '../../../src/domain/planning/booking-check.ts';
import type { Booking } from '../../../src/domain/planning/input.ts';
import type { Placement, SchedulingInstance } from '../../../src/domain/scheduling/model.ts';
import { resolve } from '../../../src/domain/standards/catalogue.ts';
import { data, holidays } from './build.ts';

type Instance = SchedulingInstance;
type RecordData = Instance['records'][number];
/** A placement or an existing booking, as one assessor's or one apprentice's diary sees it. */
type Entry = { recordId: string; assessorId: string; date: string; visit: Visit; placed: boolean };

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const key = (p: Placement) => `${p.recordId}|${p.method}@${p.date} ${p.start} ${p.assessorId}`;

function venueOf(record: RecordData, method: string): string | null {
  const m = record.methods.find((x) => x.method === method);
  return m?.remote ? null : (record.venue ?? `workplace of ${record.id}`);
}

function entries(inst: Instance, placements: readonly Placement[]): Entry[] {
  const records = new Map(inst.records.map((r) => [r.id, r]));
  const placed = placements.map((p) => {
    const record = records.get(p.recordId);
    const from = minutesOf(p.start);
    const visit = { from, until: from + p.minutes, venue: record ? venueOf(record, p.method) : null };
    return { recordId: p.recordId, assessorId: p.assessorId, date: p.date, visit, placed: true };
  });
  const fixed = inst.bookings.map((b) => {
    const from = minutesOf(b.start);
    return { recordId: b.recordId, assessorId: b.assessorId, date: b.date, visit: { from, until: from + b.minutes, venue: b.venue }, placed: false };
  });
  return [...placed, ...fixed];
}

/** The placement's own day and time: a working day in the horizon, within the working hours and the assessor's declared hours. */
function timeProblems(inst: Instance, p: Placement): string[] {
  const out: string[] = [];
  const start = minutesOf(p.start);
  if (!isWorkingDay(p.date, holidays)) out.push('not a working day');
  if (p.date < inst.from || p.date > inst.to) out.push('outside the horizon');
  if (start < minutesOf(inst.workingHours.from) || start + p.minutes > minutesOf(inst.workingHours.until)) out.push('outside the working hours');
  if ((start - minutesOf(inst.workingHours.from)) % inst.stepMinutes !== 0) out.push('off the grid of start times');
  const record = inst.records.find((r) => r.id === p.recordId);
  const method = record?.methods.find((m) => m.method === p.method);
  if (!record || !method) return [...out, 'no such assessment'];
  if (method.minutes !== p.minutes) out.push(`lasts ${p.minutes}, not the method's ${method.minutes} minutes`);
  if (record.unavailable.includes(p.date)) out.push('on a day the apprentice cannot do');
  return out;
}

/** The assessor: approved, independent, current, not suspended, not on leave, within declared hours. */
function assessorProblems(inst: Instance, p: Placement): string[] {
  const record = inst.records.find((r) => r.id === p.recordId);
  const who = inst.assessors.find((a) => a.id === p.assessorId);
  if (!record || !who) return ['no such record or assessor'];
  const facts = { standard: record.standard, date: p.date, apprenticeId: record.apprenticeId, employerId: record.employerId, providerId: record.providerId };
  const out = assessorFindings(who, record.uln ? { ...facts, uln: record.uln } : facts).map((f) => f.code);
  const leave = leaveRefusal(p.date, who.leave);
  if (leave) out.push(leave.code);
  if (who.weeklyHours.length > 0) {
    const from = londonToUtc(p.date, p.start);
    const start = from.ok ? from.value.getTime() : Number.NaN;
    const end = start + p.minutes * 60_000;
    const windows = weeklyWindowsOn(p.date, who.weeklyHours);
    if (!windows.some((w) => new Date(w.startsAt).getTime() <= start && end <= new Date(w.endsAt).getTime())) out.push('outside declared hours');
  }
  return out;
}

/** The assessor's day and week (caps, overlap, travel) and the apprentice's day, with every other placement and booking in place. */
function diaryProblems(inst: Instance, all: readonly Entry[], self: Entry): string[] {
  const out: string[] = [];
  const who = inst.assessors.find((a) => a.id === self.assessorId);
  const others = all.filter((e) => e !== self);
  const sameDay = others.filter((e) => e.assessorId === self.assessorId && e.date === self.date);
  const sameWeek = others.filter((e) => e.assessorId === self.assessorId && weekOf(e.date) === weekOf(self.date));
  const caps = { perDay: who?.maxPerDay ?? null, perWeek: who?.maxPerWeek ?? null };
  const cap = capRefusal(caps, self.date, sameDay.length, sameWeek.length);
  if (cap) out.push(cap.code);
  const busy = dayRefusal(
    sameDay.map((e) => e.visit),
    self.visit,
    inst.travelMinutes,
  );
  if (busy) out.push(busy.code);
  const apprentice = others.filter((e) => e.recordId === self.recordId && e.date === self.date);
  if (apprentice.some((e) => overlapping(e.visit, self.visit))) out.push('APPRENTICE_BUSY');
  return out;
}

/** The record's plan with all its dates (existing bookings and placements): no violation may name a placed method. */
function planProblems(inst: Instance, record: RecordData, placements: readonly Placement[]): string[] {
  const mine = placements.filter((p) => p.recordId === record.id);
  if (mine.length === 0) return [];
  const r = resolve(data, record.standard, record.policy);
  if (!r.ok) return [r.problem.code];
  const { projectSubmittedOn, portfolioSubmittedOn, showcaseSubmittedOn, evidenceSubmittedOn, projectFailReleasedOn } = record;
  const submitted = { projectSubmittedOn, portfolioSubmittedOn, showcaseSubmittedOn };
  const bookings: Booking[] = [
    ...inst.bookings.filter((b) => b.recordId === record.id).map((b) => ({ method: b.method, date: b.date, bookedOn: b.bookedOn, ...submitted })),
    ...mine.map((p) => ({ method: p.method, date: p.date, bookedOn: inst.today, ...submitted })),
  ].map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) as Booking);
  const base = { standard: record.standard, policy: record.policy, gatewayApproved: record.gatewayApproved, registeredOn: record.registeredOn };
  const extra = Object.fromEntries(Object.entries({ evidenceSubmittedOn, projectFailReleasedOn }).filter(([, v]) => v !== undefined));
  const checked = checkPlan(r.value, { ...base, ...extra, bookings }, holidays);
  if (!checked.ok) return [`${record.id}: ${checked.problem.code}`];
  const placed = new Set(mine.map((p) => p.method));
  return checked.value.violations
    .filter((v) => Array.isArray(v.methods) && (v.methods as string[]).some((m) => placed.has(m)))
    .map((v) => `${record.id}: ${v.code} (${(v.methods as string[]).join(', ')})`);
}

export function independentProblems(inst: Instance, placements: readonly Placement[]): string[] {
  const all = entries(inst, placements);
  const out: string[] = [];
  placements.forEach((p, i) => {
    const found = [...timeProblems(inst, p), ...assessorProblems(inst, p), ...diaryProblems(inst, all, all[i] as Entry)];
    for (const f of found) out.push(`${key(p)}: ${f}`);
  });
  for (const record of inst.records) out.push(...planProblems(inst, record, placements));
  return out;
}
