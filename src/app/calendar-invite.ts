// A booking as a calendar invitation: an RFC 5545 iCalendar file with one event, times in
// UTC, CRLF line endings, TEXT values escaped (§3.3.11) and lines folded at 75 octets
// (§3.1). It carries the reasonable adjustment agreed for the apprentice.
import type { Actor } from '../domain/access/access.ts';
import { type BookingView, getBooking } from './bookings.ts';
import type { AppContext } from './context.ts';

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in a TEXT value (§3.3.11).
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** Folds a content line into lines of at most 75 octets, never inside a UTF-8 character; continuations start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 20260202T100000Z */
export function icsInstant(instant: Date | string): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export type InviteDetails = {
  booking: BookingView;
  standardTitle: string;
  /** When the file is made (DTSTAMP). */
  stamp: Date;
};

export function inviteSummary(booking: BookingView): string {
  return `End-point assessment: ${booking.methodName} — ${booking.apprentice.name}`;
}

export function renderInvite(details: InviteDetails): string {
  return calendarFile([eventLines(details, describe(details))]);
}

function describe({ booking, standardTitle }: InviteDetails): string {
  return [
    `End-point assessment of ${booking.apprentice.name} for ${standardTitle} (${booking.standard}).`,
    `Method: ${booking.methodName}.`,
    `Independent assessor: ${booking.assessor.name}.`,
    `When: ${booking.date}, ${booking.startTime} to ${booking.endTime} UK time (${booking.minutes} minutes held).`,
    booking.venue ? `Venue: ${booking.venue}.` : null,
    booking.remoteLink ? `Remote link: ${booking.remoteLink}` : null,
    booking.extraTimePercent > 0 || booking.adjustments
      ? `Reasonable adjustment agreed: ${[
          booking.extraTimePercent > 0 ? `${booking.extraTimePercent}% extra time (included in the time held)` : null,
          booking.adjustments,
        ]
          .filter(Boolean)
          .join('; ')}.`
      : 'No reasonable adjustment recorded.',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

/** A calendar of events (each its content lines), folded, with CRLF line endings. */
export function calendarFile(events: string[][], name?: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Capstone//End-point assessment//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines({ booking, stamp }: InviteDetails, description: string): string[] {
  const where = booking.venue ?? booking.remoteLink ?? '';
  return [
    'BEGIN:VEVENT',
    `UID:${booking.id}@capstone`,
    `DTSTAMP:${icsInstant(stamp)}`,
    `DTSTART:${icsInstant(booking.startsAt)}`,
    `DTEND:${icsInstant(booking.endsAt)}`,
    `SEQUENCE:${booking.version - 1}`,
    `STATUS:${booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(inviteSummary(booking))}`,
    `LOCATION:${escapeText(where)}`,
    ...(booking.remoteLink ? [`URL:${booking.remoteLink}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    'END:VEVENT',
  ];
}

/** One booking's event, for a calendar of many. */
export const bookingEvent = (details: InviteDetails): string[] => eventLines(details, describe(details));

/** The invitation for a booking the actor may see. */
export async function bookingInvite(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; content: string }> {
  const booking = await getBooking(ctx, actor, id);
  const standardTitle = ctx.catalogue.standards.get(booking.standard)?.standard.title ?? booking.standard;
  return {
    fileName: `epa-${booking.method}-${booking.date}.ics`,
    content: renderInvite({ booking, standardTitle, stamp: ctx.now() }),
  };
}
