// The fake Assessor Service's state and operations: the ILR's learners, the EPAO's approvals,
// and the certificate records that hold the EPA outcomes (shared/interop/dfe-assessor-
// external-api.md, "Create / update EPA", "Create / update certificate", "Submit
// certificate", "Statuses"). The rules are in rules.ts; this applies them to the state.
import {
  type Approval,
  dateProblem,
  findApproval,
  findLearner,
  type Learner,
  learnerErrors,
  missingForSubmit,
  normaliseGrade,
  normaliseOutcome,
  optionErrors,
  postalErrors,
  ulnProblem,
} from './rules.ts';

type Epa = { epaDate: string; epaOutcome: string; resit?: boolean; retake?: boolean };
type Status = 'Draft' | 'Submitted' | 'Printed' | 'Delivered' | 'Deleted';
export type FakeCertificate = {
  reference: string;
  learner: Learner;
  approval: Approval;
  version: string;
  courseOption?: string;
  epas: Epa[];
  grade?: string;
  achievementDate?: string;
  contact?: Record<string, unknown>;
  status: Status;
  createdAt: string;
  submittedAt?: string;
  printedAt?: string;
  deliveredAt?: string;
};
type Item = Record<string, unknown> & { requestId?: string };
type Common = { approval: Approval; learner: Learner; version: string; errors: string[] };

const PRINT: readonly Status[] = ['Printed', 'Delivered'];

export class FakeAssessorService {
  readonly learners: Learner[];
  readonly approvals: Approval[];
  readonly certificates: FakeCertificate[] = [];
  readonly #now: () => Date;
  #next = 12_345;

  constructor(learners: Learner[], approvals: Approval[], now: () => Date) {
    this.learners = learners;
    this.approvals = approvals;
    this.#now = now;
  }

  today = () => this.#now().toISOString().slice(0, 10);
  addLearner(l: Omit<Learner, 'uln' | 'completionStatus'> & { uln: number | string; completionStatus?: Learner['completionStatus'] }) {
    this.learners.push({ ...l, uln: Number(l.uln), completionStatus: l.completionStatus ?? 1 });
  }

  /** Shared request blocks: the standard, the learner (ULN, family name), the version. */
  #common(item: Item, batchItem = true): Common | { errors: string[] } {
    const found = findApproval(this.approvals, item.standard as never);
    if ('error' in found) return { errors: [found.error as string] };
    const learner = (item.learner ?? {}) as { uln?: unknown; familyName?: unknown };
    const uln = ulnProblem(learner.uln);
    if (uln) return { errors: [uln] };
    if (typeof learner.familyName !== 'string' || !learner.familyName.trim()) return { errors: ['Enter the apprentice’s last name'] };
    const details = (item.learningDetails ?? {}) as { version?: unknown };
    const match = findLearner(this.learners, learner.uln, learner.familyName, found.approval.standardReference);
    const errors = learnerErrors(found.approval, match, details.version, batchItem);
    if (errors.length || !match) return { errors };
    const latest = found.approval.versions.at(-1)?.version as string;
    return { approval: found.approval, learner: match, version: typeof details.version === 'string' ? details.version : latest, errors: [] };
  }

  #existing(c: Common) {
    return this.certificates.find((x) => x.learner === c.learner && x.approval === c.approval && x.status !== 'Deleted');
  }

  #epas(item: Item): { epas: Epa[]; errors: string[] } {
    const given = ((item.epaDetails ?? {}) as { epas?: unknown }).epas;
    if (!Array.isArray(given) || given.length === 0) return { epas: [], errors: ['EPA details must be provided'] };
    const errors: string[] = [];
    const epas = given.map((e: Record<string, unknown>) => {
      const outcome = normaliseOutcome(e.epaOutcome);
      if (!outcome) errors.push('Invalid outcome: must be Pass, Fail or Withdrawn');
      const date = dateProblem('EPA Date', e.epaDate, this.today());
      if (date) errors.push(date);
      return { epaDate: String(e.epaDate).slice(0, 10), epaOutcome: outcome ?? '', ...(e.resit ? { resit: true } : {}), ...(e.retake ? { retake: true } : {}) };
    });
    return { epas, errors };
  }

  /** Create / update EPA: the latest EPA decides; a Fail is recorded as a submitted Fail certificate. */
  #apply(cert: FakeCertificate, epas: Epa[]) {
    cert.epas = epas;
    const latest = [...epas].sort((a, b) => a.epaDate.localeCompare(b.epaDate)).at(-1) as Epa;
    if (latest.epaOutcome === 'Fail')
      Object.assign(cert, { grade: 'Fail', status: 'Submitted', achievementDate: latest.epaDate, submittedAt: this.#now().toISOString() });
    else Object.assign(cert, { grade: undefined, achievementDate: undefined, status: 'Draft' });
  }

  createEpa(item: Item) {
    const c = this.#common(item);
    if (!('approval' in c)) return { errors: c.errors };
    const { epas, errors } = this.#epas(item);
    const option = optionErrors(c.approval, c.version, (item.learningDetails as { courseOption?: unknown } | undefined)?.courseOption, false);
    if (errors.length || option.length) return { errors: [...errors, ...option] };
    const existing = this.#existing(c);
    if (existing && existing.status !== 'Draft' && existing.grade !== 'Fail') return { errors: [`Certificate already exists: ${existing.reference}`] };
    if (existing && (existing.grade === 'Fail' || existing.epas.length > 0)) return { errors: [`EPA already provided for the learner: ${existing.reference}`] };
    const cert = existing ?? this.#newCertificate(c);
    this.#apply(cert, epas);
    return { errors: [], epaReference: cert.reference };
  }

  updateEpa(item: Item) {
    const c = this.#common(item);
    if (!('approval' in c)) return { errors: c.errors };
    const cert = this.certificates.find((x) => x.reference === item.epaReference && x.learner === c.learner);
    if (!cert || cert.status === 'Deleted') return { errors: ['EPA not found'] }; // wording not in the summary
    if (!(cert.status === 'Draft' && !cert.grade) && cert.grade !== 'Fail') return { errors: [`Certificate already exists: ${cert.reference}`] };
    const { epas, errors } = this.#epas(item);
    if (errors.length) return { errors };
    this.#apply(cert, epas);
    return { errors: [], epaReference: cert.reference };
  }

  #newCertificate(c: Common): FakeCertificate {
    const cert: FakeCertificate = {
      reference: String(this.#next++).padStart(8, '0'),
      learner: c.learner,
      approval: c.approval,
      version: c.version,
      epas: [],
      status: 'Draft',
      createdAt: this.#now().toISOString(),
    };
    this.certificates.push(cert);
    return cert;
  }

  /** Create / update certificate: grade (never Fail), achievement date, postal contact; fills the EPA's Draft shell. */
  createCertificate(item: Item, update = false) {
    const c = this.#common(item);
    if (!('approval' in c)) return { errors: c.errors };
    const details = (item.learningDetails ?? {}) as { overallGrade?: unknown; achievementDate?: unknown; courseOption?: unknown };
    const errors: string[] = [];
    if (typeof details.overallGrade === 'string' && details.overallGrade.trim().toLowerCase() === 'fail') errors.push('Cannot record a Fail grade via API');
    else if (!normaliseGrade(details.overallGrade)) errors.push('Invalid grade');
    const date = dateProblem('Achievement date', details.achievementDate, this.today());
    if (date) errors.push(date);
    errors.push(...postalErrors(item.postalContact as Record<string, unknown> | undefined), ...optionErrors(c.approval, c.version, details.courseOption, true));
    if (errors.length) return { errors };
    let cert = this.#existing(c);
    if (update) {
      if (!cert || cert.reference !== item.certificateReference || !cert.grade || cert.grade === 'Fail') return { errors: ['Certificate not found'] };
      if (cert.status !== 'Draft') return { errors: ['Certificate does not exist in Draft status'] };
    } else if (cert && !(cert.status === 'Draft' && !cert.grade) && cert.grade !== 'Fail') return { errors: [`Certificate already exists: ${cert.reference}`] };
    if (!cert || cert.grade === 'Fail') cert = this.#newCertificate(c);
    Object.assign(cert, {
      grade: normaliseGrade(details.overallGrade),
      achievementDate: String(details.achievementDate).slice(0, 10),
      contact: item.postalContact,
      status: 'Draft',
    });
    return { errors: [], certificate: this.view(cert) };
  }

  /** Submit certificate. */
  submit(item: Item) {
    const found = findApproval(this.approvals, { standardCode: item.standardCode, standardReference: item.standardReference });
    if ('error' in found) return { errors: [found.error as string] };
    const learner = findLearner(this.learners, item.uln, item.familyName, found.approval.standardReference);
    if (!learner) return { errors: ['ULN, FamilyName and Standard not found'] };
    const cert = this.certificates.find((x) => x.reference === item.certificateReference && x.learner === learner);
    if (!cert || cert.status === 'Deleted') return { errors: ['Certificate not found'] };
    if (cert.status === 'Submitted' || PRINT.includes(cert.status)) return { errors: ['Certificate has already been submitted'] };
    if (
      missingForSubmit({
        givenNames: learner.givenNames,
        familyName: learner.familyName,
        grade: cert.grade,
        achievementDate: cert.achievementDate,
        contact: cert.contact,
      })
    )
      return { errors: ['Certificate is missing mandatory data'] };
    Object.assign(cert, { status: 'Submitted', submittedAt: this.#now().toISOString() });
    return { errors: [], certificate: this.view(cert) };
  }

  /** Statuses: GET certificate answers 204 for none, an EPA shell, a submitted Fail or a deleted one. */
  certificateOf(uln: number, familyName: string, standard: string) {
    const found = findApproval(this.approvals, /^\d+$/.test(standard) ? { standardCode: Number(standard) } : { standardReference: standard });
    if ('error' in found) return { errors: [found.error as string] };
    const learner = findLearner(this.learners, uln, familyName, found.approval.standardReference);
    if (!learner) return { errors: ['ULN, FamilyName and Standard not found'] };
    const cert = this.certificates.find((x) => x.learner === learner && x.approval === found.approval && x.status !== 'Deleted');
    if (!cert?.grade || cert.grade === 'Fail') return { errors: [], certificate: null };
    return { errors: [], certificate: this.view(cert) };
  }

  print(reference: string) {
    Object.assign(this.#find(reference), { status: 'Printed', printedAt: this.#now().toISOString() });
  }
  deliver(reference: string) {
    Object.assign(this.#find(reference), { status: 'Delivered', deliveredAt: this.#now().toISOString() });
  }
  #find(reference: string) {
    const cert = this.certificates.find((c) => c.reference === reference);
    if (!cert) throw new Error(`no certificate ${reference}`);
    return cert;
  }

  /** Certificate response shape; Ready when every mandatory field is filled. */
  view(c: FakeCertificate) {
    const ready = c.status === 'Draft' && c.grade && c.achievementDate && c.contact?.contactName && c.contact?.city && c.contact?.postCode;
    return {
      certificateData: {
        certificateReference: c.reference,
        standard: {
          standardCode: c.approval.larsCode,
          standardReference: c.approval.standardReference,
          standardName: c.approval.title,
          level: c.approval.level,
        },
        learner: { uln: c.learner.uln, givenNames: c.learner.givenNames, familyName: c.learner.familyName },
        learningDetails: {
          version: c.version,
          courseOption: c.courseOption,
          overallGrade: c.grade,
          achievementDate: c.achievementDate,
          learningStartDate: c.learner.learnStartDate,
        },
        postalContact: c.contact,
      },
      status: { currentStatus: ready ? 'Ready' : c.status },
      created: { createdAt: c.createdAt, createdBy: 'API' },
      submitted: c.submittedAt ? { submittedAt: c.submittedAt, submittedBy: 'API' } : undefined,
      printed: c.printedAt ? { printedAt: c.printedAt } : undefined,
      delivered: c.status === 'Printed' ? { status: 'WaitingForDelivery' } : c.deliveredAt ? { status: 'Delivered', deliveryDate: c.deliveredAt } : undefined,
    };
  }

  /** Learner response (GET learner): an unknown learner is a 403 message, never a 404 (Corrections). */
  learnerOf(uln: number, familyName: string, standard: string) {
    const found = findApproval(this.approvals, /^\d+$/.test(standard) ? { standardCode: Number(standard) } : { standardReference: standard });
    if ('error' in found) return { errors: [found.error as string] };
    const learner = findLearner(this.learners, uln, familyName, found.approval.standardReference);
    if (!learner) return { errors: ['ULN, FamilyName and Standard not found'] };
    const cert = this.certificates.find((x) => x.learner === learner && x.status !== 'Deleted');
    const latest = cert?.epas.at(-1);
    return {
      errors: [],
      learner: {
        learnerData: {
          standard: { standardCode: found.approval.larsCode, standardReference: found.approval.standardReference },
          learner: { uln: learner.uln, givenNames: learner.givenNames, familyName: learner.familyName },
          learningDetails: { learningStartDate: learner.learnStartDate, providerName: 'Unknown', version: cert?.version },
        },
        status: { completionStatus: learner.completionStatus },
        epaDetails: latest
          ? { epaReference: cert?.reference, latestEpaDate: latest.epaDate, latestEpaOutcome: latest.epaOutcome, epas: cert?.epas }
          : undefined,
      },
    };
  }
}
