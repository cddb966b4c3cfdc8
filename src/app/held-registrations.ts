// Held registrations (registration clashes) as their requester sees them, and opening one:
// the write side of a registration the EPAO must decide (registration-clashes.ts decides it).
import type { Actor } from '../domain/access/access.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { insertClash, openClashId } from '../store/repositories/registration-clashes.repository.ts';
import { today } from './context.ts';
import type { RegisterRequest } from './inputs.ts';

export type ClashStatus = 'open' | 'transferred' | 'rejected';

/**
 * A held registration as whoever asked for it sees it: what they sent and what the EPAO
 * decided. Nothing about the record it clashed with (its provider, dates or id).
 */
export type HeldRegistration = {
  id: string;
  status: ClashStatus;
  uln: string;
  standard: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  providerId: string;
  requestedOn: string;
  decidedOn: string | null;
  /** Why the EPAO rejected it. */
  reason: string | null;
  /** The EPA record made when the EPAO transferred the apprentice. */
  recordId: string | null;
};

export const HELD_MESSAGE =
  'the registration is held for the EPAO to check before it is made: the EPAO will decide, and the outcome shows on this held registration';

export type ClashRequest = {
  uln: string;
  standard: string;
  standardCode: string;
  existingRecordId: string;
  requestedProviderId: string;
  requestedOn: string;
  request: RegisterRequest;
};

/**
 * Holds a registration for the EPAO. Asking again while it is open is the same clash (the
 * index registration_clashes_one_open), so the answer, and the work, are the same each time.
 */
export async function openClash(trx: Db, actor: Actor, clash: ClashRequest): Promise<{ id: string; created: boolean }> {
  const inserted = await insertClash(trx, { ...clash, requestedBy: actor.userId });
  if (inserted) {
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.name,
      action: 'hold',
      entity: 'registration-clash',
      entityId: inserted,
      after: { ...clash, status: 'open' },
    });
    return { id: inserted, created: true };
  }
  return { id: await openClashId(trx, clash), created: false };
}

/** The date in England of an instant. */
export const londonDateOf = (at: Date): string => today({ now: () => new Date(at) });

/** A clash row as its requester sees it. */
export function heldView(row: {
  id: string;
  status: ClashStatus;
  uln: string;
  standard: string;
  requestedProviderId: string;
  requestedOn: string;
  request: unknown;
  decidedAt: Date | null;
  reason: string | null;
  newRecordId: string | null;
}): HeldRegistration {
  const request = row.request as RegisterRequest;
  return {
    id: row.id,
    status: row.status,
    uln: row.uln,
    standard: row.standard,
    givenNames: request.givenNames,
    familyName: request.familyName,
    dateOfBirth: request.dateOfBirth,
    providerId: row.requestedProviderId,
    requestedOn: row.requestedOn,
    decidedOn: row.decidedAt ? londonDateOf(row.decidedAt) : null,
    reason: row.status === 'rejected' ? row.reason : null,
    recordId: row.status === 'transferred' ? row.newRecordId : null,
  };
}

/** Postgres unique violation on registration_clashes_one_open: the same clash opened meanwhile. */
export function isSameClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''}${e.message ?? ''}`.includes('registration_clashes_one_open');
}
