import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES,
  RECORD_EVENTS,
  RECORD_STATUSES,
  type RecordEvent,
  type RecordStatus,
  statusesAllowing,
  transition,
} from '../../../src/domain/lifecycle/record-lifecycle.ts';

/** Runs events from `start`, a refused one leaving the status as it was; the statuses passed through. */
function walk(
  start: RecordStatus,
  events: readonly RecordEvent[],
): { status: RecordStatus; path: { event: RecordEvent; from: RecordStatus; to: RecordStatus; ok: boolean }[] } {
  let status = start;
  const path: { event: RecordEvent; from: RecordStatus; to: RecordStatus; ok: boolean }[] = [];
  for (const event of events) {
    const t = transition(status, event);
    const to = t.ok ? t.status : status;
    path.push({ event, from: status, to, ok: t.ok });
    status = to;
  }
  return { status, path };
}

const anyEvents = fc.array(fc.constantFrom(...RECORD_EVENTS), { maxLength: 40 });

describe('the record lifecycle (001 §4 gateway, §5 EPA, §8 grading and re-takes)', () => {
  it('takes a record from registration through gateway and EPA to completion', () => {
    const { status } = walk('registered', ['submit-gateway', 'approve-gateway', 'book-assessment', 'submit-work', 'release-pass']);
    expect(status).toBe('completed');
  });

  it('lets gateway be submitted again after a rejection, and not while one is pending', () => {
    expect(transition('gateway-rejected', 'submit-gateway')).toMatchObject({ ok: true, status: 'gateway-submitted' });
    expect(transition('gateway-submitted', 'submit-gateway')).toMatchObject({ ok: false, code: 'GATEWAY_PENDING' });
    expect(transition('in-epa', 'submit-gateway')).toMatchObject({
      ok: false,
      code: 'GATEWAY_CLOSED',
      message: 'the record is in-epa: gateway is submitted from registered, or again after a rejection',
    });
  });

  it('starts the EPA at the first booking and books only after gateway approval', () => {
    expect(transition('gateway-approved', 'book-assessment')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('in-epa', 'book-assessment')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('gateway-submitted', 'book-assessment')).toMatchObject({
      ok: false,
      code: 'NOT_GATEWAY_APPROVED',
      message: 'the record is gateway-submitted: assessments are booked once the gateway is approved',
    });
  });

  it('sends a re-take back through gateway and keeps a re-sit in the EPA', () => {
    expect(transition('in-epa', 'arrange-retake')).toMatchObject({ ok: true, status: 'registered' });
    expect(transition('in-epa', 'arrange-resit')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('completed', 'arrange-resit')).toMatchObject({ ok: false, code: 'EPA_COMPLETED' });
  });

  it('completes on a pass, released or won on appeal, and stays open on a fail', () => {
    expect(transition('in-epa', 'release-pass')).toMatchObject({ ok: true, status: 'completed' });
    expect(transition('in-epa', 'release-fail')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('registered', 'uphold-appeal-to-pass')).toMatchObject({ ok: true, status: 'completed' });
  });

  it('opens a completed EPA again when an upheld appeal orders a re-assessment, and never a withdrawn one', () => {
    expect(transition('completed', 'order-reassessment')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('in-epa', 'order-reassessment')).toMatchObject({ ok: true, status: 'in-epa' });
    expect(transition('withdrawn', 'order-reassessment')).toMatchObject({ ok: false, code: 'RECORD_WITHDRAWN' });
  });

  it('closes a completed or withdrawn record to new evidence, and refuses everything once withdrawn', () => {
    expect(CLOSED_STATUSES).toEqual(['completed', 'withdrawn']);
    expect(transition('completed', 'add-evidence')).toMatchObject({
      ok: false,
      code: 'RECORD_CLOSED',
      message: 'the EPA record is completed: no more evidence can be added',
    });
    expect(transition('completed', 'withdraw')).toMatchObject({ ok: true, status: 'withdrawn' });
    for (const event of RECORD_EVENTS) expect(transition('withdrawn', event)).toMatchObject({ ok: false });
    expect(transition('withdrawn', 'release-pass')).toMatchObject({ ok: false, code: 'RECORD_WITHDRAWN' });
  });

  it('lists where an event may happen', () => {
    expect(statusesAllowing('submit-work')).toEqual(['gateway-approved', 'in-epa']);
    expect(statusesAllowing('submit-gateway')).toEqual(['registered', 'gateway-rejected']);
  });

  it('answers every status and event with a known status, or a refusal with a code, a message and a source', () => {
    for (const status of RECORD_STATUSES)
      for (const event of RECORD_EVENTS) {
        const t = transition(status, event);
        expect(t.source.length).toBeGreaterThan(0);
        if (t.ok) expect(RECORD_STATUSES).toContain(t.status);
        else {
          expect(t.code).toMatch(/^[A-Z_]+$/);
          expect(t.message.length).toBeGreaterThan(0);
        }
      }
  });

  it('reaches every status from registration', () => {
    const seen = new Set<RecordStatus>(['registered']);
    const queue: RecordStatus[] = ['registered'];
    while (queue.length) {
      const status = queue.shift() as RecordStatus;
      for (const event of RECORD_EVENTS) {
        const t = transition(status, event);
        if (t.ok && !seen.has(t.status)) {
          seen.add(t.status);
          queue.push(t.status);
        }
      }
    }
    expect([...seen].sort()).toEqual([...RECORD_STATUSES].sort());
  });

  it('never leaves withdrawn, whatever follows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_STATUSES), anyEvents, anyEvents, (start, before, after) => {
        const first = walk(start, [...before, 'withdraw']);
        expect(first.status).toBe('withdrawn');
        expect(walk('withdrawn', after).status).toBe('withdrawn');
      }),
    );
  });

  it('enters gateway approval only by approving a submitted gateway, and the EPA only after it', () => {
    fc.assert(
      fc.property(anyEvents, (events) => {
        const { path } = walk('registered', events);
        let approved = false;
        for (const step of path) {
          if (step.to === 'gateway-approved' && step.from !== 'gateway-approved')
            expect(step).toMatchObject({ event: 'approve-gateway', from: 'gateway-submitted' });
          if (step.to === 'gateway-approved') approved = true;
          // A re-take means gateway again: the EPA does not resume until it is approved.
          if (step.to === 'registered') approved = false;
          // …save that an appeal upheld for an unsound assessment reopens a completed EPA, which had its gateway.
          if (step.event === 'order-reassessment' && step.from === 'completed') approved = true;
          if (step.to === 'in-epa') expect(approved).toBe(true);
        }
      }),
    );
  });
});
