// What every use-case runs with: the database, the standards catalogue, the bank-holiday
// calendar, file storage and the clock (passed in, so tests can fix "today").
import type { HolidayCalendar } from '../domain/calendar/working-days.ts';
import type { Catalogue } from '../domain/standards/catalogue.ts';
import type { AuditSigner } from '../store/audit-key.ts';
import type { Db } from '../store/database.ts';
import type { DfeApi } from './dfe/client.ts';
import type { FileStorage } from './ports.ts';

export type AppContext = {
  db: Db;
  catalogue: Catalogue;
  holidays: HolidayCalendar;
  storage: FileStorage;
  now: () => Date;
  /**
   * The key that signs the audit log's checkpoints (null in a command run where this
   * installation has no key yet), and the file outside the database they are copied to.
   */
  audit: { signer: AuditSigner | null; checkpointsFile: string | null };
  /** The DfE Assessor Service, when not the one the environment names (tests give the fake's). */
  dfe?: DfeApi | null;
  /** The scheduler's search budget, where not its own default (a test that only fuzzes the input gives a small one). */
  scheduling?: { moves?: number };
};

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England, the calendar the rules count in. */
export function today(ctx: Pick<AppContext, 'now'>): string {
  return londonDate.format(ctx.now());
}
