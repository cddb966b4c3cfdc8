// What reaches the DfE Assessor Service and what it answered (migration 029).
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './schema.ts';

export type DfeState = 'queued' | 'held' | 'sent' | 'rejected' | 'submitted' | 'done';
export type DfeProblem = { code: string; message: string; source?: string };

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface DfeTables {
  dfeSubmissions: {
    id: Generated<string>;
    epaRecordId: string;
    kind: 'epa' | 'certificate';
    certificateId: Nullable<string>;
    state: ColumnType<DfeState, DfeState | undefined, DfeState>;
    /** The EPA reference (for an EPA) or the certificate reference the API gave. */
    dfeReference: Nullable<string>;
    /** The certificate's status as the API last reported it (Draft, Submitted, Printed, Delivered…). */
    dfeStatus: Nullable<string>;
    /** Why it is held (Capstone's checks) or rejected (the API's messages). */
    problems: ColumnType<DfeProblem[], string | undefined, string>;
    /** The EPA outcomes last accepted, to send again only when they change. */
    sentOutcomes: ColumnType<unknown, string | null | undefined, string | null>;
    attempts: ColumnType<number, number | undefined, number>;
    nextAttemptAt: ColumnType<Date, Date | string | undefined, Date | string>;
    /** A certificate waits for the appeal window (or until the EPAO releases it early). */
    notBefore: Nullable<string>;
    releasedEarlyBy: Nullable<string>;
    sentAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    updatedAt: Timestamp;
    createdAt: CreatedAt;
  };
}
