// The steps of one demo apprentice's EPA (src/app/demo.ts), each made through the use-case
// a person would use, with the clock moved to the day it would have happened.
import type { Actor } from '../domain/access/access.ts';
import { sessionTime } from '../domain/assessment/time-allowed.ts';
import { resolve } from '../domain/standards/catalogue.ts';
import type { Method } from '../domain/standards/schema.ts';
import { awaitingModeration, batchSignedOff, bookedSession, deliveryOf } from '../store/repositories/demo.repository.ts';
import { criteriaToJudge, openAssessment, saveDraft, submitAssessment } from './assessments.ts';
import { bookAssessment } from './bookings.ts';
import type { AppContext } from './context.ts';
import { demoPdf, demoWords } from './demo-documents.ts';
import { uploadEvidence } from './files.ts';
import { submitGateway } from './gateway.ts';
import { moderate, signOffBatch } from './moderation.ts';
import { submitWork } from './submissions.ts';

/** The steps of one demo apprentice's EPA, each through its use-case. */
export class DemoStages {
  readonly #ctx: AppContext;
  readonly #at: (date: string) => AppContext;
  readonly #recordId: string;
  readonly #standard: string;
  readonly #policy: string | null;
  readonly #provider: Actor;
  readonly #admin: Actor;
  readonly #iqa: Actor;
  readonly #assessor: (key: string) => Actor;

  constructor(
    ctx: AppContext,
    at: (date: string) => AppContext,
    recordId: string,
    standard: string,
    policy: string | null,
    provider: Actor,
    admin: Actor,
    iqa: Actor,
    assessor: (key: string) => Actor,
  ) {
    this.#ctx = ctx;
    this.#at = at;
    this.#recordId = recordId;
    this.#standard = standard;
    this.#policy = policy;
    this.#provider = provider;
    this.#admin = admin;
    this.#iqa = iqa;
    this.#assessor = assessor;
  }

  private get index() {
    const r = resolve(this.#ctx.catalogue, this.#standard, this.#policy);
    if (!r.ok) throw new Error(r.problem.message);
    return r.value.index;
  }

  async upload(on: string, purpose: Parameters<typeof uploadEvidence>[3]['purpose'], title: string, body: string, ksbs: string[] = [], annex?: string) {
    const bytes = await demoPdf(title, body, annex);
    const file = await uploadEvidence(this.#at(on), this.#provider, this.#recordId, {
      purpose,
      ksbs,
      fileName: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
      bytes,
    });
    return file.id;
  }

  async submitGateway(on: string): Promise<string> {
    const index = this.index;
    const isSt0072 = this.#standard.startsWith('ST0072');
    if (!isSt0072) {
      const ksbs = index.standard.ksbs.filter((k) => k.methods.includes('discussion')).map((k) => k.id);
      const pieces = [
        'Witness statement from team leader',
        'Customer feedback email',
        'One-to-one review notes',
        'Personal development plan',
        'Escalation log extract',
        'Coaching session record',
        'Quality monitoring report',
        'Knowledge-sharing session plan',
        'Cost saving proposal',
        'Best practice research notes',
      ];
      for (const [i, title] of pieces.entries())
        await this.upload(
          on,
          'portfolio-piece',
          title,
          demoWords(120),
          ksbs.filter((_, k) => k % pieces.length === i),
        );
      await this.upload(on, 'mapping-document', 'Portfolio mapping document', demoWords(80));
      await this.upload(on, 'employer-validation', 'Employer validation statement', demoWords(60));
      if (this.#policy === 'VTCT') await this.upload(on, 'authenticity-declaration', 'Declaration of authenticity', demoWords(40));
    }
    const submission = await submitGateway(this.#at(on), this.#provider, this.#recordId, {
      gatewayDate: on,
      qualifications: { english: 'level-2', maths: 'level-2' },
      declarations: { employer: true, provider: true, apprentice: true },
      ...(isSt0072 ? { showcaseFormat: 'report' as const } : {}),
    });
    return submission.id;
  }

  async book(bookedOn: string, method: string, date: string, assessorKey: string) {
    const remote = this.index.methods.get(method)?.venue.value.remoteAllowed && method !== 'observation';
    await bookAssessment(this.#at(bookedOn), this.#admin, this.#recordId, {
      method,
      date,
      startTime: '10:00',
      assessorId: this.#assessor(assessorKey).assessorId as string,
      ...(remote ? { remoteLink: 'https://meet.demo.capstone.test/epa' } : { venue: "Employer's premises, meeting room 2" }),
    });
  }

  async submitReport(on: string) {
    const fileId = await this.upload(on, 'project-report', 'Work-based project report', demoWords(2450), [], demoWords(600));
    await submitWork(this.#at(on), this.#provider, this.#recordId, { kind: 'project-report', fileId });
  }

  async submitShowcase(on: string) {
    const fileId = await this.upload(on, 'showcase', 'Apprentice showcase report', demoWords(3900));
    await submitWork(this.#at(on), this.#provider, this.#recordId, { kind: 'showcase', fileId });
  }

  /** The assessor records a session held at 10:00 on `date`, judging the criteria. */
  async assess(method: string, date: string, how: { submit: boolean; distinction?: boolean; fail?: boolean; judged?: number }) {
    const booking = await bookedSession(this.#ctx.db, this.#recordId, method);
    const who = [...['helen', 'david', 'fatima'].map((k) => this.#assessor(k))].find((a) => a.assessorId === booking.assessorId) as Actor;
    // Recorded at the end of the day of the session: nothing is judged before its booked start.
    const ctx: AppContext = { ...this.#ctx, now: () => new Date(`${date}T17:00:00Z`) };
    const opened = await openAssessment(ctx, who, booking.id);
    const index = this.index;
    const m = index.methods.get(method) as Method;
    const record = await deliveryOf(this.#ctx.db, this.#recordId);
    const criteria = criteriaToJudge(index, m, record.channel).filter((c) => c.carriedFrom === null);
    const judgements: Record<string, { judgement: 'met' | 'not-met'; note: string }> = {};
    for (const c of criteria.slice(0, how.judged ?? criteria.length)) {
      const failing = how.fail && c.id === `${method}.P12`;
      const met = c.grade === 'pass' ? !failing : Boolean(how.distinction);
      judgements[c.id] = { judgement: met ? 'met' : 'not-met', note: met ? 'Seen during the session.' : 'Not shown: see feedback.' };
    }
    const minutes = Math.round(sessionTime(m, 0, record.showcaseFormat).plannedMinutes);
    const saved = await saveDraft(ctx, who, opened.id, {
      version: opened.version,
      identityChecked: true,
      idDocument: opened.acceptedIdDocuments?.[0] ?? 'A valid passport',
      startedAt: `${date}T10:00:00Z`,
      endedAt: new Date(Date.parse(`${date}T10:00:00Z`) + minutes * 60_000).toISOString(),
      questioningMinutes: m.questioning ? 8 : null,
      judgements,
    });
    if (how.submit) await submitAssessment(ctx, who, opened.id, saved.version);
  }

  /** The IQA agrees every sampled assessment of this record and signs off the batches. */
  async moderateAll(on: string) {
    const ctx = this.#at(on);
    const rows = await awaitingModeration(this.#ctx.db, this.#recordId);
    for (const r of rows.filter((r) => r.sampled))
      await moderate(ctx, this.#iqa, r.id, { decision: 'agree', reason: 'Judgements are supported by the evidence recorded.' });
    for (const batch of new Set(rows.map((r) => r.moderationBatchId).filter((b): b is string => b !== null))) {
      if (!(await batchSignedOff(this.#ctx.db, batch))) await signOffBatch(ctx, this.#iqa, batch);
    }
  }
}
