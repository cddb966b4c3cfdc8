// London wall-clock time from an instant: the offset is asked of ICU once an hour of time and
// reused, so this holds the arithmetic to what ICU itself says for any instant, either side
// of every change of clocks, and the seeds' own booking times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonToUtc, utcToLondon } from '../../src/domain/calendar/london-time.ts';

const icu = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function byIcu(instant: Date): { date: string; time: string } {
  const p: Record<string, string> = {};
  for (const part of icu.formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

describe('London time', () => {
  it('agrees with ICU for any instant from 1990 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(utcToLondon(new Date(ms))).toEqual(byIcu(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with ICU minute by minute around the changes of clocks in 2026', () => {
    // Spring forward 29 March 2026 01:00 UTC; fall back 25 October 2026 01:00 UTC.
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)])
      for (let ms = change - 3 * 3_600_000; ms <= change + 3 * 3_600_000; ms += 60_000 - 1) expect(utcToLondon(new Date(ms))).toEqual(byIcu(new Date(ms)));
  });

  it('reads a London date and time back to the instant it names, BST and GMT', () => {
    expect(londonToUtc('2026-03-02', '10:00')).toEqual({ ok: true, value: new Date('2026-03-02T10:00:00Z') });
    expect(londonToUtc('2026-06-15', '10:00')).toEqual({ ok: true, value: new Date('2026-06-15T09:00:00Z') });
    expect(londonToUtc('2026-10-25', '01:30')).toEqual({ ok: true, value: new Date('2026-10-25T00:30:00Z') });
    expect(londonToUtc('2026-03-29', '01:30')).toMatchObject({ ok: false });
  });
});
