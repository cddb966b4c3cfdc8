import { describe, expect, it } from 'vitest';
import { workDeadlines } from '../../src/domain/planning/work-due.ts';
import { type RecordRows, recordFacts } from '../../src/domain/reminders/due.ts';
import { resolved } from '../helpers.ts';

const ST0071 = resolved('ST0071@1.2');
const ST0072 = resolved('ST0072@1.1', 'HIGHFIELD');

const rows = (overrides: Partial<RecordRows> = {}): RecordRows => ({
  recordId: 'rec-1',
  about: 'Ada Lovelace (ST0071@1.2)',
  gatewayApprovedOn: '2026-01-05',
  bookings: [],
  submitted: [],
  assessments: [],
  results: [],
  ...overrides,
});

describe('workDeadlines', () => {
  it('puts the ST0071 project report due 2 months after gateway when no project is booked', () => {
    const [report, ...rest] = workDeadlines(recordFacts(ST0071, rows()));
    expect(rest).toEqual([]);
    expect(report).toMatchObject({
      kind: 'project-report',
      due: '2026-03-05',
      submitted: false,
      because: { rule: 'after-gateway', gatewayApprovedOn: '2026-01-05' },
    });
    expect(report?.source).toContain('001_1e92b44f98d10fcb.txt');
  });

  it('takes the earlier of the 2 months and the 14 days before a booked project interview', () => {
    const early = recordFacts(ST0071, rows({ bookings: [{ id: 'b1', method: 'project', date: '2026-02-20', status: 'booked' }] }));
    expect(workDeadlines(early)[0]).toMatchObject({
      kind: 'project-report',
      due: '2026-02-06',
      because: { rule: 'before-method', method: 'project', methodDate: '2026-02-20', leadDays: 14 },
    });
    const late = recordFacts(ST0071, rows({ bookings: [{ id: 'b1', method: 'project', date: '2026-03-30', status: 'booked' }] }));
    expect(workDeadlines(late)[0]).toMatchObject({ kind: 'project-report', due: '2026-03-05', because: { rule: 'after-gateway' } });
  });

  it('lists the portfolio 14 days before a booked discussion, soonest first, and marks work already in', () => {
    const facts = recordFacts(
      ST0071,
      rows({
        submitted: ['project-report', 'portfolio'],
        bookings: [
          { id: 'b1', method: 'discussion', date: '2026-01-26', status: 'booked' },
          { id: 'b2', method: 'observation', date: '2026-01-19', status: 'booked' },
        ],
      }),
    );
    const deadlines = workDeadlines(facts);
    expect(deadlines.map((d) => [d.kind, d.due, d.submitted])).toEqual([
      ['portfolio', '2026-01-12', true],
      ['project-report', '2026-03-05', true],
    ]);
  });

  it('ignores cancelled and held bookings', () => {
    const facts = recordFacts(ST0071, rows({ bookings: [{ id: 'b1', method: 'project', date: '2026-01-20', status: 'cancelled' }] }));
    expect(workDeadlines(facts)[0]?.due).toBe('2026-03-05');
  });

  it('sets no date for the ST0072 showcase, which the data gives no deadline', () => {
    const facts = recordFacts(ST0072, rows({ bookings: [{ id: 'b1', method: 'showcase', date: '2026-02-02', status: 'booked' }] }));
    expect(workDeadlines(facts)).toEqual([]);
  });
});
