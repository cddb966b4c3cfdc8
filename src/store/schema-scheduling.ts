// Schedule proposals kept for review (migration 031).
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './schema.ts';

export type ProposalStatus = 'proposed' | 'accepting' | 'accepted' | 'discarded';

export interface SchedulingTables {
  scheduleProposals: {
    id: Generated<string>;
    kind: 'schedule' | 'replan';
    status: ColumnType<ProposalStatus, 'proposed' | undefined, ProposalStatus>;
    proposedBy: string;
    proposedAt: CreatedAt;
    scheduleFrom: string;
    scheduleTo: string;
    standard: string | null;
    proposal: Json<unknown>;
    acceptedBy: string | null;
    /** When an acceptance claimed it: a claim left by a process that stopped is taken again after 30 minutes. */
    claimedAt: Timestamp | null;
    acceptedAt: Timestamp | null;
    outcome: Json<unknown> | null;
  };
}
