// Who may see and do what. Each role sees only its own records (this EPAO's setting,
// by role): a provider its apprentices, an employer its own, an assessor the assessments
// assigned to it, an apprentice itself; EPAO staff (admin, IQA) see the EPAO's work.
// An assessment stops being assigned when its booking is cancelled: the assessor then
// keeps only what they judged themselves.

export type Role = 'epao-admin' | 'assessor' | 'iqa' | 'provider' | 'employer' | 'apprentice';

export type Actor = {
  userId: string;
  role: Role;
  organisationId: string | null;
  apprenticeId: string | null;
  assessorId: string | null;
  name: string;
};

/** The bookings that assign a record to their assessor: booked or held, never cancelled. */
export const LIVE_BOOKING_STATUSES = ['booked', 'held'] as const;
export type LiveBookingStatus = (typeof LIVE_BOOKING_STATUSES)[number];

/**
 * Which EPA records an actor may see, as a filter the store turns into SQL. An assessor's:
 * those with a booking of theirs in one of `bookingStatuses`, or an assessment they recorded.
 */
export type RecordScope =
  | { kind: 'all' }
  | { kind: 'provider'; organisationId: string }
  | { kind: 'employer'; organisationId: string }
  | { kind: 'apprentice'; apprenticeId: string }
  | { kind: 'assessor'; assessorId: string; bookingStatuses: readonly LiveBookingStatus[] }
  | { kind: 'none' };

export function recordScope(actor: Actor): RecordScope {
  switch (actor.role) {
    case 'epao-admin':
    case 'iqa':
      return { kind: 'all' };
    case 'provider':
      return actor.organisationId ? { kind: 'provider', organisationId: actor.organisationId } : { kind: 'none' };
    case 'employer':
      return actor.organisationId ? { kind: 'employer', organisationId: actor.organisationId } : { kind: 'none' };
    case 'apprentice':
      return actor.apprenticeId ? { kind: 'apprentice', apprenticeId: actor.apprenticeId } : { kind: 'none' };
    case 'assessor':
      return actor.assessorId ? { kind: 'assessor', assessorId: actor.assessorId, bookingStatuses: LIVE_BOOKING_STATUSES } : { kind: 'none' };
  }
}

/** The facts about a record that decide who sees it: its bookings (any status) and who recorded its assessments. */
export type RecordParties = {
  providerId: string;
  employerId: string;
  apprenticeId: string;
  bookings: readonly { assessorId: string; status: string }[];
  assessmentAssessorIds: readonly string[];
};

export function canSeeRecord(actor: Actor, record: RecordParties): boolean {
  const scope = recordScope(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'provider':
      return record.providerId === scope.organisationId;
    case 'employer':
      return record.employerId === scope.organisationId;
    case 'apprentice':
      return record.apprenticeId === scope.apprenticeId;
    case 'assessor':
      return (
        record.bookings.some((b) => b.assessorId === scope.assessorId && (scope.bookingStatuses as readonly string[]).includes(b.status)) ||
        record.assessmentAssessorIds.includes(scope.assessorId)
      );
    case 'none':
      return false;
  }
}

export type Action =
  | 'register'
  | 'gateway.submit'
  | 'gateway.decide'
  | 'assessor.manage'
  | 'assessor.declare'
  | 'booking.manage'
  | 'result.release'
  | 'submission.upload'
  | 'record.update'
  | 'token.manage'
  | 'audit.verify'
  | 'registration-clash.decide'
  | 'organisation.create'
  | 'reminder.send'
  | 'booking.confirm';

const ALLOWED: Record<Action, readonly Role[]> = {
  register: ['epao-admin', 'provider'],
  'gateway.submit': ['epao-admin', 'provider'],
  'gateway.decide': ['epao-admin'],
  'assessor.manage': ['epao-admin'],
  // An assessor declares their own relationships; the EPAO may record them too.
  'assessor.declare': ['epao-admin', 'assessor'],
  'booking.manage': ['epao-admin'],
  // The EPAO's staff release results once moderated (001 §8); the IQA who moderated may
  // release too, as this EPAO's setting has it: the IQA agrees or changes a grade, then releases.
  'result.release': ['epao-admin', 'iqa'],
  'submission.upload': ['epao-admin', 'provider', 'apprentice'],
  'record.update': ['epao-admin', 'provider'],
  'token.manage': ['epao-admin', 'provider'],
  'audit.verify': ['epao-admin'],
  // The EPAO decides a registration clash: it alone may know both providers' sides.
  'registration-clash.decide': ['epao-admin'],
  // Employers and providers are the EPAO's list: a provider's import names employers, never adds them.
  'organisation.create': ['epao-admin'],
  // The EPAO chases its apprentices' work; the daily run reminds everyone anyway.
  'reminder.send': ['epao-admin'],
  // An assessor confirms their own bookings (the use-case holds them to their own).
  'booking.confirm': ['assessor'],
};

export function may(actor: Actor, action: Action): boolean {
  return ALLOWED[action].includes(actor.role);
}

/** A provider registers only its own apprentices; the EPAO registers for any provider. */
export function mayRegisterFor(actor: Actor, providerId: string): boolean {
  return actor.role === 'epao-admin' || (actor.role === 'provider' && actor.organisationId === providerId);
}

/**
 * Which held registrations (registration clashes) an actor sees: the EPAO every one, with
 * both providers' sides; a provider the ones it asked for, with only its own side; no one
 * else any. Someone else's clash answers 404, as a record does.
 */
export type ClashScope = { kind: 'all' } | { kind: 'requested-by'; organisationId: string } | { kind: 'none' };

export function clashScope(actor: Actor): ClashScope {
  if (actor.role === 'epao-admin') return { kind: 'all' };
  if (actor.role === 'provider' && actor.organisationId) return { kind: 'requested-by', organisationId: actor.organisationId };
  return { kind: 'none' };
}

export function canSeeClash(actor: Actor, clash: { requestedProviderId: string }): boolean {
  const scope = clashScope(actor);
  return scope.kind === 'all' || (scope.kind === 'requested-by' && scope.organisationId === clash.requestedProviderId);
}
