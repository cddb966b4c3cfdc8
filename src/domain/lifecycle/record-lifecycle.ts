// The EPA record's lifecycle: which event may happen in which status, and the status it
// leads to. Every use-case that moves a record, or does work that only some statuses
// allow, asks this table instead of keeping its own list of statuses.

/** Where an apprentice's EPA stands. */
export const RECORD_STATUSES = ['registered', 'gateway-submitted', 'gateway-rejected', 'gateway-approved', 'in-epa', 'completed', 'withdrawn'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** What can happen to a record. */
export const RECORD_EVENTS = [
  'submit-gateway',
  'approve-gateway',
  'reject-gateway',
  'book-assessment',
  'submit-work',
  'add-evidence',
  'release-pass',
  'release-fail',
  'arrange-retake',
  'arrange-resit',
  'uphold-appeal-to-pass',
  'order-reassessment',
  'withdraw',
] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

export type Refusal = { code: string; message: string; source: string };
export type Transition = { ok: true; status: RecordStatus; source: string } | ({ ok: false } & Refusal);

const GATEWAY = '001_1e92b44f98d10fcb.txt §4 Assessment Gateway';
const EPA = '001_1e92b44f98d10fcb.txt §5 End Point Assessment (the EPA follows gateway)';
const RESITS = '001_1e92b44f98d10fcb.txt §8 ("a re-take … would need to go through the Gateway process again")';
const GRADING = '001_1e92b44f98d10fcb.txt §8 Apprenticeship Grading (a pass or distinction completes the EPA)';
const REASSESSMENT_SOURCE = "Ofqual General Condition I1 (appeals); this EPAO's setting: an appeal upheld for a flawed assessment has it taken again";
const WITHDRAWAL = "this EPAO's setting: a withdrawn apprentice's record is kept, closed (no seed speaks of withdrawal)";

type Rule = {
  /** The status each allowed one leads to; `same` keeps the status as it is. */
  from: Partial<Record<RecordStatus, RecordStatus | 'same'>>;
  source: string;
  /** Why not, for any other status. */
  refuse: (status: RecordStatus) => Omit<Refusal, 'source'>;
};

const withdrawn = { code: 'RECORD_WITHDRAWN', message: 'the apprentice has withdrawn' };
const notApproved = (code: string, what: string) => (status: RecordStatus) =>
  status === 'withdrawn' ? withdrawn : { code, message: `the record is ${status}: ${what}` };
const completedOrWithdrawn = (status: RecordStatus) =>
  status === 'withdrawn' ? withdrawn : { code: 'EPA_COMPLETED', message: 'the EPA is completed: a passed EPA is not re-attempted' };

/** Every status but `except`, each leading to `to`. */
function allBut(except: RecordStatus, to: RecordStatus | 'same'): Partial<Record<RecordStatus, RecordStatus | 'same'>> {
  return Object.fromEntries(RECORD_STATUSES.filter((s) => s !== except).map((s) => [s, to]));
}

/** status × event → next status or refusal, with the rule's source. */
export const LIFECYCLE: Readonly<Record<RecordEvent, Rule>> = {
  'submit-gateway': {
    from: { registered: 'gateway-submitted', 'gateway-rejected': 'gateway-submitted' },
    source: GATEWAY,
    refuse: (status) =>
      status === 'gateway-submitted'
        ? { code: 'GATEWAY_PENDING', message: 'a gateway submission is waiting for the EPAO’s decision' }
        : { code: 'GATEWAY_CLOSED', message: `the record is ${status}: gateway is submitted from registered, or again after a rejection` },
  },
  'approve-gateway': {
    from: { 'gateway-submitted': 'gateway-approved' },
    source: GATEWAY,
    refuse: notApproved('GATEWAY_NOT_SUBMITTED', 'only a submitted gateway is decided'),
  },
  'reject-gateway': {
    from: { 'gateway-submitted': 'gateway-rejected' },
    source: GATEWAY,
    refuse: notApproved('GATEWAY_NOT_SUBMITTED', 'only a submitted gateway is decided'),
  },
  // The first booking starts the EPA; later ones keep it in progress.
  'book-assessment': {
    from: { 'gateway-approved': 'in-epa', 'in-epa': 'same' },
    source: EPA,
    refuse: (status) => ({ code: 'NOT_GATEWAY_APPROVED', message: `the record is ${status}: assessments are booked once the gateway is approved` }),
  },
  'submit-work': {
    from: { 'gateway-approved': 'same', 'in-epa': 'same' },
    source: EPA,
    refuse: (status) => ({ code: 'GATEWAY_NOT_APPROVED', message: `the record is ${status}: work is submitted after gateway approval` }),
  },
  'add-evidence': {
    from: { registered: 'same', 'gateway-submitted': 'same', 'gateway-rejected': 'same', 'gateway-approved': 'same', 'in-epa': 'same' },
    source: GATEWAY,
    refuse: (status) => ({ code: 'RECORD_CLOSED', message: `the EPA record is ${status}: no more evidence can be added` }),
  },
  // A result is released once every method is assessed and moderated (src/domain/results
  // decides that); the lifecycle only keeps a withdrawn record closed.
  'release-pass': { from: allBut('withdrawn', 'completed'), source: GRADING, refuse: () => withdrawn },
  'release-fail': { from: allBut('withdrawn', 'same'), source: GRADING, refuse: () => withdrawn },
  // A re-take means further learning and gateway again; a re-sit keeps the EPA going.
  'arrange-retake': {
    from: { registered: 'same', 'gateway-submitted': 'same', 'gateway-rejected': 'same', 'gateway-approved': 'registered', 'in-epa': 'registered' },
    source: RESITS,
    refuse: completedOrWithdrawn,
  },
  'arrange-resit': {
    from: { registered: 'same', 'gateway-submitted': 'same', 'gateway-rejected': 'same', 'gateway-approved': 'same', 'in-epa': 'same' },
    source: RESITS,
    refuse: completedOrWithdrawn,
  },
  // An appeal that turns a fail into a pass completes the EPA, as a release does.
  'uphold-appeal-to-pass': { from: allBut('withdrawn', 'completed'), source: GRADING, refuse: () => withdrawn },
  // An appeal upheld for a flawed assessment sets the result aside: a completed EPA is open again until the methods are re-assessed.
  'order-reassessment': {
    from: { registered: 'same', 'gateway-submitted': 'same', 'gateway-rejected': 'same', 'gateway-approved': 'same', 'in-epa': 'same', completed: 'in-epa' },
    source: REASSESSMENT_SOURCE,
    refuse: () => withdrawn,
  },
  withdraw: {
    from: allBut('withdrawn', 'withdrawn'),
    source: WITHDRAWAL,
    refuse: () => withdrawn,
  },
};

/** What `event` does to a record in `status`: the next status, or why not. */
export function transition(status: RecordStatus, event: RecordEvent): Transition {
  const rule = LIFECYCLE[event];
  const next = rule.from[status];
  if (next === undefined) return { ok: false, ...rule.refuse(status), source: rule.source };
  return { ok: true, status: next === 'same' ? status : next, source: rule.source };
}

/** The statuses in which `event` may happen. */
export function statusesAllowing(event: RecordEvent): RecordStatus[] {
  return RECORD_STATUSES.filter((s) => LIFECYCLE[event].from[s] !== undefined);
}

/** A record in one of these is closed: nothing more is assessed or added. */
export const CLOSED_STATUSES: readonly RecordStatus[] = RECORD_STATUSES.filter((s) => transition(s, 'add-evidence').ok === false);
