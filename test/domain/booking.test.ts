import { describe, expect, it } from 'vitest';
import {
  type AssessmentFacts,
  type AssessorFacts,
  assessorFindings,
  availabilityWarning,
  standardisationCurrentOn,
  standardisedUntil,
} from '../../src/domain/booking/assessor-eligibility.ts';
import { cancellationCharge, plannedLength, venueFindings } from '../../src/domain/booking/slot.ts';
import { englandAndWalesBankHolidays } from '../../src/domain/calendar/bank-holidays.ts';
import { londonToUtc, utcToLondon } from '../../src/domain/calendar/london-time.ts';
import { resolved } from '../helpers.ts';

const holidays = englandAndWalesBankHolidays();

const assessment: AssessmentFacts = {
  standard: 'ST0071@1.2',
  date: '2026-02-02',
  apprenticeId: 'apprentice-1',
  uln: '1234567899',
  employerId: 'employer-1',
  providerId: 'provider-1',
};
const fit: AssessorFacts = { standards: ['ST0071@1.2'], standardisedOn: '2025-06-10', relationships: [] };
const codes = (assessor: Partial<AssessorFacts>, facts: Partial<AssessmentFacts> = {}) =>
  assessorFindings({ ...fit, ...assessor }, { ...assessment, ...facts }).map((f) => f.code);
const relationship = (r: { apprenticeId?: string; apprenticeUln?: string; organisationId?: string; nature?: string }) => ({
  apprenticeId: r.apprenticeId ?? null,
  apprenticeUln: r.apprenticeUln ?? null,
  organisationId: r.organisationId ?? null,
  nature: r.nature ?? 'former line manager',
});

describe('independence (001 §6: no direct relationship with the apprentice, employer or training provider)', () => {
  it('an assessor with nothing declared may assess', () => {
    expect(codes({})).toEqual([]);
  });

  it('any declared relationship with the apprentice, the employer or the provider bars the assessor', () => {
    for (const [r, withWhom] of [
      [relationship({ apprenticeId: 'apprentice-1' }), 'apprentice'],
      [relationship({ organisationId: 'employer-1' }), 'employer'],
      [relationship({ organisationId: 'provider-1' }), 'training provider'],
    ] as const) {
      const findings = assessorFindings({ ...fit, relationships: [r] }, assessment);
      expect(findings).toEqual([
        expect.objectContaining({
          code: 'ASSESSOR_NOT_INDEPENDENT',
          source: expect.stringContaining('001_1e92b44f98d10fcb.txt, §6'),
          relationships: [{ with: withWhom, nature: 'former line manager' }],
        }),
      ]);
    }
  });

  it('the same person registered again (another record, same ULN) is the same apprentice; the temporary ULN identifies no one', () => {
    expect(codes({ relationships: [relationship({ apprenticeId: 'apprentice-0', apprenticeUln: '1234567899' })] })).toEqual(['ASSESSOR_NOT_INDEPENDENT']);
    expect(codes({ relationships: [relationship({ apprenticeId: 'apprentice-0', apprenticeUln: '9999999999' })] }, { uln: '9999999999' })).toEqual([]);
  });

  it('relationships with other apprentices and organisations do not matter', () => {
    expect(codes({ relationships: [relationship({ apprenticeId: 'apprentice-2' }), relationship({ organisationId: 'employer-2' })] })).toEqual([]);
  });
});

describe('currency (001 Quality Assurance: a standardisation event at least once a year)', () => {
  it('is current up to and including 12 calendar months after the standardisation', () => {
    expect(codes({ standardisedOn: '2025-02-02' })).toEqual([]);
    expect(codes({ standardisedOn: '2025-02-01' })).toEqual(['ASSESSOR_NOT_CURRENT']);
    expect(codes({ standardisedOn: '2025-02-02' }, { date: '2026-02-03' })).toEqual(['ASSESSOR_NOT_CURRENT']);
    const finding = assessorFindings({ ...fit, standardisedOn: '2025-01-15' }, assessment)[0];
    expect(finding).toMatchObject({ code: 'ASSESSOR_NOT_CURRENT', standardisedOn: '2025-01-15', currentUntil: '2026-01-15' });
    expect(finding?.source).toContain('minimum of one event per year');
  });

  it('clamps to the month end (29 February + 12 months = 28 February)', () => {
    expect(standardisedUntil('2024-02-29')).toBe('2025-02-28');
    expect(codes({ standardisedOn: '2024-02-29' }, { date: '2025-02-28' })).toEqual([]);
    expect(codes({ standardisedOn: '2024-02-29' }, { date: '2025-03-01' })).toEqual(['ASSESSOR_NOT_CURRENT']);
  });

  it('answers "current on this date" as the booking check does', () => {
    expect(standardisationCurrentOn('2025-02-02', '2026-02-02')).toBe(true);
    expect(standardisationCurrentOn('2025-02-02', '2026-02-03')).toBe(false);
    expect(standardisationCurrentOn('2025-02-02', '2025-02-02')).toBe(true);
    expect(standardisationCurrentOn('2025-02-02', '2025-02-01')).toBe(false);
    expect(standardisationCurrentOn('2024-02-29', '2025-02-28')).toBe(true);
    expect(standardisationCurrentOn(null, '2025-02-28')).toBe(false);
  });

  it('no standardisation recorded, or one after the assessment, is not current', () => {
    expect(codes({ standardisedOn: null })).toEqual(['ASSESSOR_NOT_CURRENT']);
    expect(codes({ standardisedOn: '2026-02-03' })).toEqual(['ASSESSOR_NOT_CURRENT']);
    expect(codes({ standardisedOn: '2026-02-02' })).toEqual([]);
  });
});

describe('suspension after an upheld malpractice case (Ofqual A8)', () => {
  it('refuses a suspended assessor, and only a suspended one', () => {
    expect(codes({ suspendedOn: '2026-01-10' })).toEqual(['ASSESSOR_SUSPENDED']);
    expect(codes({ suspendedOn: null })).toEqual([]);
  });
});

describe('approval for the standard version', () => {
  it('refuses a version the assessor is not approved for', () => {
    expect(codes({ standards: ['ST0071@1.1', 'ST0072@1.1'] })).toEqual(['ASSESSOR_NOT_APPROVED']);
    expect(codes({ standards: [] })).toEqual(['ASSESSOR_NOT_APPROVED']);
    expect(codes({ standards: ['ST0071@1.1'] }, { standard: 'ST0071@1.1' })).toEqual([]);
  });

  it('lists every reason at once, independence first', () => {
    expect(codes({ standards: [], standardisedOn: null, relationships: [relationship({ organisationId: 'employer-1' })] })).toEqual([
      'ASSESSOR_NOT_INDEPENDENT',
      'ASSESSOR_NOT_CURRENT',
      'ASSESSOR_NOT_APPROVED',
    ]);
  });
});

describe('availability (a warning only)', () => {
  const slot = { startsAt: '2026-02-02T10:00:00Z', endsAt: '2026-02-02T11:06:00Z' };
  it('says nothing without declared windows or inside one; warns outside all', () => {
    expect(availabilityWarning([], slot)).toBeNull();
    expect(availabilityWarning([{ startsAt: '2026-02-02T09:00:00Z', endsAt: '2026-02-02T17:00:00Z' }], slot)).toBeNull();
    expect(availabilityWarning([{ startsAt: '2026-02-02T11:00:00Z', endsAt: '2026-02-02T17:00:00Z' }], slot)?.code).toBe('OUTSIDE_ASSESSOR_AVAILABILITY');
  });
});

describe('the planned length: duration, tolerance, parts and extra time', () => {
  const method = (standard: string, id: string) => {
    const m = resolved(standard).index.methods.get(id);
    if (!m) throw new Error(`no ${id}`);
    return m;
  };

  it('ST0071: 60 minutes ± 10% (001 §5); the slot is held for 66', () => {
    expect(plannedLength(method('ST0071@1.2', 'observation'), 0)).toMatchObject({ minutes: 60, maxMinutes: 66, baseMinutes: 60, tolerancePercent: 10 });
    expect(plannedLength(method('ST0071@1.2', 'observation'), 0).source).toContain('001_1e92b44f98d10fcb.txt, §5');
  });

  it('extra time agreed as a reasonable adjustment lengthens it, rounded up to the minute', () => {
    const p = plannedLength(method('ST0071@1.2', 'discussion'), 25);
    expect(p).toMatchObject({ minutes: 75, maxMinutes: 83, extraTimePercent: 25 });
    expect(p.source).toContain('25% extra time');
    expect(plannedLength(method('ST0071@1.2', 'discussion'), 100)).toMatchObject({ minutes: 120, maxMinutes: 132 });
  });

  it('ST0072: the observation is at most 90 minutes; the showcase adds its 30-minute interview (003)', () => {
    expect(plannedLength(method('ST0072@1.1', 'observation'), 0)).toMatchObject({ minutes: 90, maxMinutes: 90 });
    expect(plannedLength(method('ST0072@1.1', 'observation'), 50)).toMatchObject({ minutes: 135, maxMinutes: 135 });
    const showcase = plannedLength(method('ST0072@1.1', 'showcase'), 10);
    expect(showcase).toMatchObject({ baseMinutes: 75, minutes: 83, maxMinutes: 83, parts: [{ id: 'interview', minutes: 30 }] });
    expect(showcase.source).toContain('003_16fb56b024b0b0ad.txt');
  });

  it('a venue or a remote link; remote only where the method allows it', () => {
    expect(venueFindings(method('ST0071@1.2', 'observation'), {}).map((f) => f.code)).toEqual(['VENUE_REQUIRED']);
    expect(venueFindings(method('ST0071@1.2', 'observation'), { remoteLink: 'https://meet.example/x' }).map((f) => f.code)).toEqual(['REMOTE_NOT_ALLOWED']);
    expect(venueFindings(method('ST0071@1.2', 'observation'), { venue: 'Acme Retail, Leeds' })).toEqual([]);
    expect(venueFindings(method('ST0071@1.2', 'discussion'), { remoteLink: 'https://meet.example/x' })).toEqual([]);
    expect(venueFindings(method('ST0072@1.1', 'observation'), { remoteLink: 'https://meet.example/x' })).toEqual([]);
  });
});

describe('cancellation charge (000 Scheduling – Cancellation: within 10 working days, the full cost)', () => {
  const vtct = resolved('ST0071@1.1', 'VTCT').policy?.cancellation;

  it('10 working days or fewer to go costs the full fee; 11 costs nothing', () => {
    // Assessment Monday 16 March 2026: from Monday 2 March there are 10 working days to go.
    expect(cancellationCharge(vtct, '2026-03-16', '2026-03-02', holidays)).toMatchObject({ charge: 'full-fee', workingDaysBefore: 10, withinWorkingDays: 10 });
    expect(cancellationCharge(vtct, '2026-03-16', '2026-02-27', holidays)).toMatchObject({ charge: 'none', workingDaysBefore: 11 });
    expect(cancellationCharge(vtct, '2026-03-16', '2026-03-16', holidays)).toMatchObject({ charge: 'full-fee', workingDaysBefore: 0 });
    expect(cancellationCharge(vtct, '2026-03-16', '2026-03-02', holidays).source).toContain('000_105fd02c04a4443e.txt, Scheduling – Cancellation');
  });

  it('bank holidays are not working days (Good Friday and Easter Monday 2026)', () => {
    // Friday 17 April: from Wednesday 1 April, 3 and 6 April are bank holidays → 10 working days.
    expect(cancellationCharge(vtct, '2026-04-17', '2026-04-01', holidays)).toMatchObject({ charge: 'full-fee', workingDaysBefore: 10 });
    expect(cancellationCharge(vtct, '2026-04-17', '2026-03-31', holidays)).toMatchObject({ charge: 'none', workingDaysBefore: 11 });
  });

  it('a policy without a cancellation rule charges nothing', () => {
    expect(resolved('ST0071@1.2', 'PAL').policy?.cancellation).toBeUndefined();
    expect(cancellationCharge(undefined, '2026-03-16', '2026-03-16', holidays)).toMatchObject({ charge: 'none', withinWorkingDays: null });
  });
});

describe('UK time (Europe/London, GMT and BST)', () => {
  const utc = (date: string, time: string) => {
    const r = londonToUtc(date, time);
    return r.ok ? r.value.toISOString() : r.problem.code;
  };

  it('winter is GMT, summer is BST', () => {
    expect(utc('2026-02-02', '10:00')).toBe('2026-02-02T10:00:00.000Z');
    expect(utc('2026-07-01', '09:00')).toBe('2026-07-01T08:00:00.000Z');
    expect(utc('2026-07-01', '00:30')).toBe('2026-06-30T23:30:00.000Z');
  });

  it('29 March 2026: the clocks go forward at 01:00 GMT, so 01:00–01:59 never happens', () => {
    expect(utc('2026-03-29', '00:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(utc('2026-03-29', '01:00')).toBe('TIME_DOES_NOT_EXIST');
    expect(utc('2026-03-29', '01:30')).toBe('TIME_DOES_NOT_EXIST');
    expect(utc('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(utc('2026-03-29', '10:00')).toBe('2026-03-29T09:00:00.000Z');
  });

  it('25 October 2026: the clocks go back at 02:00 BST; the repeated hour means its first (BST) occurrence', () => {
    expect(utc('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(utc('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(utc('2026-10-25', '02:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(utc('2026-10-25', '10:00')).toBe('2026-10-25T10:00:00.000Z');
  });

  it('round-trips every quarter hour across both changes', () => {
    for (const from of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z']) {
      for (let i = 0; i < 4 * 36; i++) {
        const instant = new Date(Date.parse(from) + i * 15 * 60_000);
        const local = utcToLondon(instant);
        const back = londonToUtc(local.date, local.time);
        if (!back.ok) throw new Error(back.problem.message);
        // The second 01:xx on 25 October reads back as the first one, an hour earlier.
        const repeated = instant.toISOString() >= '2026-10-25T01:00' && instant.toISOString() < '2026-10-25T02:00';
        expect(back.value.getTime(), instant.toISOString()).toBe(instant.getTime() - (repeated ? 3_600_000 : 0));
      }
    }
  });

  it('refuses what is not a date or a time', () => {
    expect(utc('2026-02-30', '10:00')).toBe('INVALID_DATE');
    expect(utc('2026-02-02', '24:00')).toBe('INVALID_TIME');
    expect(utc('2026-02-02', '9:00')).toBe('INVALID_TIME');
  });
});
