// An item's facts as the domain takes them: the learner as the ILR holds them (the standard's
// reference, LARS code and version from the catalogue), the EPA outcomes, the certificate.
import type { IsoDate } from '../../domain/calendar/dates.ts';
import { epaOutcomes } from '../../domain/dfe/outcomes.ts';
import type { DfeLearner, PostalContact } from '../../domain/dfe/requests.ts';
import { courseOptionProblem } from '../../domain/standards/course-options.ts';
import type { itemFacts } from '../../store/repositories/dfe.repository.ts';
import type { AppContext } from '../context.ts';

type Facts = Awaited<ReturnType<typeof itemFacts>>;

export function learnerOf(ctx: AppContext, facts: Facts): DfeLearner {
  const [reference = '', version = ''] = facts.record.standard.split('@');
  const standard = ctx.catalogue.standards.get(facts.record.standard)?.standard;
  return {
    uln: facts.record.uln,
    familyName: facts.record.ilrFamilyName ?? facts.record.familyName,
    standardReference: reference,
    larsCode: standard?.larsCode?.value ?? null,
    version,
    courseOption: facts.record.courseOption,
  };
}

export function outcomesOf(facts: Facts) {
  return epaOutcomes(
    facts.results.map((r) => ({ ...r, overall: r.overall as 'pass' | 'distinction' | 'fail' })),
    facts.reattempts,
    facts.record.status === 'withdrawn' ? (facts.record.withdrawnOn as IsoDate | null) : null,
  );
}

/** The certificate's postal contact: as the claim gave it, else the employer's address. */
export function postalContactOf(facts: Facts): PostalContact | null {
  const given = facts.certificate?.postalContact as PostalContact | null | undefined;
  if (given) return given;
  const e = facts.record;
  if (!e.addressLine1 && !e.postCode) return null;
  return {
    contactName: e.contactName ?? '',
    organisation: e.employerName,
    addressLine1: e.addressLine1 ?? '',
    addressLine2: e.addressLine2,
    addressLine3: e.addressLine3,
    city: e.city ?? '',
    postCode: e.postCode ?? '',
  };
}

/** Whether the record's course option fits its version (a certificate for a version with options names one). */
export function courseOptionFindings(ctx: AppContext, facts: Facts) {
  const option = courseOptionProblem(ctx.catalogue.standards.get(facts.record.standard)?.standard.courseOptions?.value, facts.record.courseOption);
  return option ? [option] : [];
}
