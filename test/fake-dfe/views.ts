// The shapes the External API answers with (Certificate response shape, Learner response), before
// the server drops null, false and 0 members (Corrections: Newtonsoft IgnoreAndPopulate).

import { optionsOf } from './rules.ts';
import { isReady, latestEpa, learnerViewStatus } from './rules-certificates.ts';
import type { CertificateRecord, IlrLearner, Standard } from './types.ts';

/** Corrections: createdAt/submittedAt are UK local time (no offset, as .NET writes a local DateTime). */
export function ukLocalTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

const standardView = (s: Standard) => ({ standardCode: s.larsCode, standardReference: s.standardReference, standardName: s.title, level: s.level });

function deliveredView(c: CertificateRecord) {
  // Statuses: "GET certificate: Printed also carries delivered.status = 'WaitingForDelivery'".
  if (c.status === 'Printed') return { status: 'WaitingForDelivery' };
  if (c.status === 'Delivered' || c.status === 'NotDelivered') return { status: c.status, deliveryDate: c.deliveryDate && ukLocalTime(c.deliveryDate) };
  return undefined;
}

/** Certificate response shape. `checkOption`: Corrections — "Ready ignores the option except on GET certificate". */
export function certificateView(c: CertificateRecord, learner: IlrLearner, standard: Standard, o: { checkOption: boolean; learnerView?: boolean }) {
  const ready = isReady(c, learner, { versionOptions: c.version ? optionsOf(standard, c.version) : [], checkOption: o.checkOption });
  const status = ready ? 'Ready' : o.learnerView ? learnerViewStatus(c.status) : c.status;
  return {
    certificateData: {
      certificateReference: c.reference,
      standard: standardView(standard),
      learner: { uln: learner.uln, givenNames: learner.givenNames, familyName: learner.familyName },
      learningDetails: {
        version: c.version,
        courseOption: c.courseOption,
        overallGrade: c.grade,
        achievementDate: c.achievementDate,
        learningStartDate: learner.learnStartDate,
        providerName: learner.providerName,
        providerUkPrn: learner.providerUkprn,
      },
      postalContact: c.postalContact ? { ...c.postalContact } : undefined,
      coronationEmblem: false,
    },
    status: { currentStatus: status },
    created: { createdAt: ukLocalTime(c.createdAt), createdBy: 'API' },
    submitted: c.submittedAt ? { submittedAt: ukLocalTime(c.submittedAt), submittedBy: 'API' } : undefined,
    printed: c.printedAt ? { printedAt: ukLocalTime(c.printedAt), printedBatch: c.printedBatch } : undefined,
    delivered: deliveredView(c),
  };
}

/**
 * Learner response. Corrections: learningDetails.version/courseOption come from the certificate record
 * (absent without one); providerName is "Unknown" unless the provider is itself an EPAO.
 */
export function learnerView(learner: IlrLearner, standard: Standard, c: CertificateRecord | undefined, epaoUkprns: readonly number[]) {
  const latest = c ? latestEpa(c.epas) : undefined;
  const providerIsEpao = learner.providerUkprn !== undefined && epaoUkprns.includes(learner.providerUkprn);
  return {
    learnerData: {
      standard: standardView(standard),
      learner: { uln: learner.uln, givenNames: learner.givenNames, familyName: learner.familyName },
      learningDetails: {
        learnerReferenceNumber: learner.learnerReferenceNumber,
        learningStartDate: learner.learnStartDate,
        plannedEndDate: learner.plannedEndDate,
        providerName: providerIsEpao ? learner.providerName : 'Unknown',
        providerUkPrn: learner.providerUkprn,
        version: c?.version,
        courseOption: c?.courseOption,
      },
    },
    status: { completionStatus: learner.completionStatus },
    epaDetails:
      c && latest
        ? { epaReference: c.reference, latestEpaDate: latest.epaDate, latestEpaOutcome: latest.epaOutcome, epas: c.epas.map((e) => ({ ...e })) }
        : undefined,
    certificate: c ? certificateView(c, learner, standard, { checkOption: false, learnerView: true }) : undefined,
  };
}
