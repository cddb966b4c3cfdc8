// The fake Assessor Service's state and operations: the ILR's learners, the catalogue and the EPAO's
// approvals, and one certificate record per learner and standard holding the EPA records
// (shared/interop/dfe-assessor-external-api.md). The rules are rules.ts and
// rules-certificates.ts; this applies them in order and changes the state.
import { type Batch, BatchFailure, type Found, guardBatch, type Identified, identify, lookupPath, recordOf } from './lookup.ts';
import {
  certificateCourseOption,
  dateError,
  epaCourseOption,
  familyNameError,
  findLearner,
  learnerNotFound,
  optionsOf,
  postalContactErrors,
  resolveStandard,
  STANDARD_MISMATCH,
  standardMissingError,
  ukDay,
  ulnError,
} from './rules.ts';
import {
  CERTIFICATE_NOT_FOUND,
  certificateCreateRefusal,
  certificateDeleteRefusal,
  certificateUpdateRefusal,
  EPA_NOT_FOUND,
  epaCreateRefusal,
  epaDeleteRefusal,
  epaEffect,
  epasErrors,
  epaUpdateRefusal,
  GRADES,
  gradeErrors,
  isLive,
  isShell,
  latestEpa,
  normaliseGrade,
  normaliseOutcome,
  submitRefusal,
} from './rules-certificates.ts';
import type {
  CertificateRecord,
  CertificateRequest,
  CertificateStatus,
  EpaRecord,
  EpaRequest,
  IlrLearner,
  LearnerInput,
  Standard,
  SubmitRequest,
} from './types.ts';
import { certificateView, learnerView } from './views.ts';

export { BatchFailure };

export type ServiceOptions = { approvals: Standard[]; catalogue?: Standard[]; learners?: LearnerInput[]; ukprn?: number; now?: () => Date };
export type EpaAnswer = { requestId?: string; epaReference?: string; validationErrors: string[] };
export type CertificateView = ReturnType<typeof certificateView>;
export type CertificateAnswer = { requestId?: string; certificate?: CertificateView; validationErrors: string[] };

export class FakeAssessorService {
  readonly approvals: Standard[];
  /** Every standard known: the approvals, then the catalogue's others. */
  readonly standards: Standard[];
  readonly learners: IlrLearner[] = [];
  readonly certificates: CertificateRecord[] = [];
  /** The caller's UKPRN (Transport and identity: APIM's note `ukprn=NNNNNNNN`). */
  ukprn: number;
  /** "In the future" is judged against this (as a UK calendar day). */
  now: () => Date;
  #nextReference = 12_345;
  #printBatch = 0;

  constructor(options: ServiceOptions) {
    this.approvals = options.approvals;
    this.standards = [...options.approvals, ...(options.catalogue ?? [])];
    this.ukprn = options.ukprn ?? 99_999_999;
    this.now = options.now ?? (() => new Date());
    for (const learner of options.learners ?? []) this.addLearner(learner);
  }

  today = () => ukDay(this.now());
  grades = (): string[] => [...GRADES];
  certificate = (reference: string) => this.certificates.find((c) => c.reference === reference);

  addLearner(input: LearnerInput): IlrLearner {
    const learner: IlrLearner = { ...input, uln: Number(input.uln), completionStatus: input.completionStatus ?? 1 };
    this.learners.push(learner);
    return learner;
  }

  /** Test control: the ILR changes (a withdrawal, a confirmed version or option, a corrected name). */
  updateLearner(uln: number | string, standardReference: string, patch: Partial<Omit<IlrLearner, 'uln' | 'standardReference'>>): IlrLearner {
    const learner = this.learners.find((l) => l.uln === Number(uln) && l.standardReference.toLowerCase() === standardReference.toLowerCase());
    if (!learner) throw new Error(`no ILR learner ${uln} on ${standardReference}`);
    return Object.assign(learner, patch);
  }

  /** The learner's record, reused when Deleted (one certificate per learner and standard), else a new one. */
  #claim(found: Identified, ukprn: number): CertificateRecord {
    const record = found.existing;
    if (record && record.status !== 'Deleted') return record;
    const reference = record?.reference ?? String(this.#nextReference++).padStart(8, '0');
    const fresh: CertificateRecord = {
      reference,
      uln: found.learner.uln,
      standardReference: found.standard.standardReference,
      createdByUkprn: ukprn,
      status: 'Draft',
      epas: [],
      createdAt: this.now(),
    };
    if (record) this.certificates[this.certificates.indexOf(record)] = fresh;
    else this.certificates.push(fresh);
    return fresh;
  }

  createEpas = (items: EpaRequest[], ukprn = this.ukprn): EpaAnswer[] => this.#epaBatch(items, ukprn, false);
  updateEpas = (items: EpaRequest[], ukprn = this.ukprn): EpaAnswer[] => this.#epaBatch(items, ukprn, true);

  #epaBatch(items: EpaRequest[], ukprn: number, update: boolean): EpaAnswer[] {
    guardBatch(this, items);
    const batch = { versionChecksOff: false };
    return items.map((item) => {
      const done = this.#epa(item, batch, ukprn, update);
      return done.value
        ? { requestId: item.requestId, epaReference: done.value, validationErrors: [] }
        : { requestId: item.requestId, validationErrors: done.errors };
    });
  }

  /** Create / update EPA. */
  #epa(item: EpaRequest, batch: Batch, ukprn: number, update: boolean): Found<string> {
    const found = identify(this, item, batch, false);
    const errors = [...found.errors, ...epasErrors(item.epaDetails?.epas, this.today())];
    if (update && !item.epaReference) errors.push('EPA reference is required'); // wording not in the summary
    const option = found.value ? epaCourseOption(optionsOf(found.value.standard, found.value.version), item.learningDetails?.courseOption) : { errors: [] };
    errors.push(...option.errors);
    if (errors.length || !found.value) return { errors: [...new Set(errors)] };
    const live = isLive(found.value.existing) ? found.value.existing : undefined;
    const refusal = update ? epaUpdateRefusal(live, item.epaReference as string, ukprn) : epaCreateRefusal(live, ukprn);
    if (refusal) return { errors: [refusal] };
    const record = this.#claim(found.value, ukprn);
    const epas: EpaRecord[] = (item.epaDetails?.epas ?? []).map((e) => ({
      epaDate: e.epaDate as string,
      epaOutcome: normaliseOutcome(e.epaOutcome as string) ?? 'Pass',
      resit: e.resit ?? false,
      retake: e.retake ?? false,
    }));
    const effect = epaEffect(epas);
    Object.assign(record, { epas, version: found.value.version, status: effect.status, grade: effect.grade, achievementDate: effect.achievementDate });
    if (option.option) record.courseOption = option.option;
    record.submittedAt = effect.status === 'Submitted' ? this.now() : undefined;
    return { errors: [], value: record.reference };
  }

  createCertificates = (items: CertificateRequest[], ukprn = this.ukprn): CertificateAnswer[] => this.#certificateBatch(items, ukprn, false);
  updateCertificates = (items: CertificateRequest[], ukprn = this.ukprn): CertificateAnswer[] => this.#certificateBatch(items, ukprn, true);

  #certificateBatch(items: CertificateRequest[], ukprn: number, update: boolean): CertificateAnswer[] {
    guardBatch(this, items);
    const batch = { versionChecksOff: false };
    return items.map((item) => {
      const done = this.#certificate(item, batch, ukprn, update);
      return { requestId: item.requestId, certificate: done.value, validationErrors: done.errors };
    });
  }

  /** Create / update certificate. */
  #certificate(item: CertificateRequest, batch: Batch, ukprn: number, update: boolean): Found<CertificateView> {
    const found = identify(this, item, batch, true);
    const details = item.learningDetails ?? {};
    const errors = [...found.errors, ...gradeErrors(details.overallGrade)];
    const date = dateError('Achievement date', details.achievementDate, this.today());
    if (date) errors.push(date);
    errors.push(...postalContactErrors(item.postalContact));
    if (update && !item.certificateReference) errors.push('Certificate reference is required'); // wording not in the summary
    if (!update && item.certificateReference) errors.push('Certificate reference must be empty'); // wording not in the summary
    const value = found.value;
    const option = value ? certificateCourseOption(optionsOf(value.standard, value.version), details.courseOption, value.learner.courseOption) : { errors: [] };
    errors.push(...option.errors);
    if (errors.length || !value) return { errors };
    const live = isLive(value.existing) ? value.existing : undefined;
    const refusal = update ? certificateUpdateRefusal(live, item.certificateReference as string, ukprn) : certificateCreateRefusal(live, ukprn);
    if (refusal) return { errors: [refusal] };
    const record = this.#claim(value, ukprn);
    Object.assign(record, {
      status: 'Draft',
      version: value.version,
      courseOption: option.option,
      grade: normaliseGrade(details.overallGrade as string),
      achievementDate: details.achievementDate,
      postalContact: { ...item.postalContact },
      submittedAt: undefined,
    });
    return { errors: [], value: certificateView(record, value.learner, value.standard, { checkOption: false }) };
  }

  /** Submit certificate. */
  submitCertificates(items: SubmitRequest[], ukprn = this.ukprn): CertificateAnswer[] {
    return items.map((item) => {
      const done = this.#submit(item, ukprn);
      return { requestId: item.requestId, certificate: done.value, validationErrors: done.errors };
    });
  }

  #submit(item: SubmitRequest, ukprn: number): Found<CertificateView> {
    const standardRequest = { standardCode: item.standardCode, standardReference: item.standardReference };
    const errors = [ulnError(item.uln), familyNameError(item.familyName), standardMissingError(standardRequest)].filter((e) => e !== null);
    if (!item.certificateReference) errors.push('Certificate reference is required'); // wording not in the summary
    const { standard, mismatch } = resolveStandard(this.standards, standardRequest);
    if (mismatch) errors.push(STANDARD_MISMATCH);
    if (errors.length) return { errors };
    const learner = standard && findLearner(this.learners, item.uln, item.familyName, standard.standardReference);
    if (!standard || !learner) return { errors: [learnerNotFound(false)] };
    const record = recordOf(this, learner, standard);
    const refusal = submitRefusal(isLive(record) ? record : undefined, item.certificateReference as string, learner, ukprn);
    if (refusal || !record) return { errors: [refusal ?? CERTIFICATE_NOT_FOUND] };
    Object.assign(record, { status: 'Submitted', submittedAt: this.now() });
    return { errors: [], value: certificateView(record, learner, standard, { checkOption: false }) };
  }

  /** Endpoints: GET learner — 403 message for validation, never 404 (Corrections). */
  getLearner(uln: number, familyName: string, standard: string): Found<ReturnType<typeof learnerView>> {
    const found = lookupPath(this, uln, familyName, standard);
    if (!found.value) return { errors: found.errors };
    return { errors: [], value: learnerView(found.value.learner, found.value.standard, found.value.record, [this.ukprn]) };
  }

  /**
   * Endpoints: GET certificate — 200, or 204 (value null) when none yet. Corrections: 204 also for a Draft EPA
   * shell whose latest outcome is Pass, a submitted Fail, and a Deleted one.
   */
  getCertificate(uln: number, familyName: string, standard: string): Found<CertificateView | null> {
    const found = lookupPath(this, uln, familyName, standard);
    if (!found.value) return { errors: found.errors };
    const { record, learner } = found.value;
    if (!record || record.grade === 'Fail' || (isShell(record) && latestEpa(record.epas)?.epaOutcome === 'Pass')) return { errors: [], value: null };
    return { errors: [], value: certificateView(record, learner, found.value.standard, { checkOption: true }) };
  }

  /** Endpoints: DELETE certificate/{uln}/{familyName}/{standard}/{certificateReference} — 204 or a 403 message. */
  deleteCertificate(uln: number, familyName: string, standard: string, reference: string, ukprn = this.ukprn): { errors: string[] } {
    return this.#delete(uln, familyName, standard, (record) => certificateDeleteRefusal(record, reference, ukprn));
  }

  /** Endpoints: DELETE epa/{uln}/{familyName}/{standard}/{epaReference} — 204 or a 403 message. */
  deleteEpa(uln: number, familyName: string, standard: string, reference: string, ukprn = this.ukprn): { errors: string[] } {
    return this.#delete(uln, familyName, standard, (record) => epaDeleteRefusal(record, reference, ukprn));
  }

  #delete(uln: number, familyName: string, standard: string, refusal: (record?: CertificateRecord) => string | null) {
    const found = lookupPath(this, uln, familyName, standard);
    if (!found.value) return { errors: found.errors };
    const record = found.value.record;
    const refused = refusal(record);
    if (refused || !record) return { errors: [refused ?? EPA_NOT_FOUND] };
    Object.assign(record, { status: 'Deleted', epas: [] });
    return { errors: [] };
  }

  /** Test control: DfE prints a submitted certificate (Statuses: Printed carries delivered.status "WaitingForDelivery"). */
  print(reference: string): void {
    const record = this.#find(reference, ['Submitted', 'SentToPrinter', 'Reprint']);
    if (record.grade === 'Fail') throw new Error(`certificate ${reference} records a Fail: nothing to print`);
    Object.assign(record, { status: 'Printed', printedAt: this.now(), printedBatch: ++this.#printBatch });
  }

  /** Test control: the printed certificate reaches the postal contact. */
  deliver(reference: string): void {
    Object.assign(this.#find(reference, ['Printed']), { status: 'Delivered', deliveryDate: this.now() });
  }

  /** Test control: any other status of the domain list (SentToPrinter, NotDelivered, Cancelled…). */
  setStatus(reference: string, status: CertificateStatus): void {
    this.#find(reference).status = status;
  }

  #find(reference: string, from?: readonly CertificateStatus[]): CertificateRecord {
    const record = this.certificate(reference);
    if (!record) throw new Error(`no certificate ${reference}`);
    if (from && !from.includes(record.status)) throw new Error(`certificate ${reference} is ${record.status}, not ${from.join(' or ')}`);
    return record;
  }
}
