// The record page (/records/:id) is the hub each journey hangs from: every journey adds a
// section (its summary of the record and its links), rendered in this order. A section is
// an adapter too: it reads through use-cases and returns its template and data, or null
// when it has nothing to show this actor for this record.
import type { AppContext } from '../app/context.ts';
import type { EpaRecordView } from '../app/records.ts';
import type { Actor } from '../domain/access/access.ts';
import { bookingSection } from './journeys/bookings/section.ts';
import { gatewayReviewSection } from './journeys/gateway/section.ts';
import { malpracticeSection } from './journeys/malpractice/index.ts';
import { timelineSection, workSection } from './journeys/progress/sections.ts';
import { resultSection } from './journeys/results/result.ts';
import { withdrawalSection } from './journeys/withdrawal/index.ts';
import type { Terminology } from './terminology.ts';

export type RecordSectionInput = { ctx: AppContext; actor: Actor; record: EpaRecordView; terms: Terminology };
/** A section: its template (under web/templates) and the data it reads as `section.data`. */
export type RenderedSection = { template: string; data: Record<string, unknown> };
export type RecordSection = (input: RecordSectionInput) => Promise<RenderedSection | null>;

/** Journeys add their section here, one line each. */
export const RECORD_SECTIONS: RecordSection[] = [
  gatewayReviewSection,
  bookingSection,
  resultSection,
  workSection,
  timelineSection,
  withdrawalSection,
  malpracticeSection,
];

export async function recordSections(input: RecordSectionInput): Promise<RenderedSection[]> {
  const rendered = await Promise.all(RECORD_SECTIONS.map((section) => section(input)));
  return rendered.filter((s): s is RenderedSection => s !== null);
}
