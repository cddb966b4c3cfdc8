// Certificate claims and the achievement export for the apprenticeship service.
// Source: 004_f9b9047560044387.txt Section 6 – Certification (the EPAO requests the
// certificate for a pass or higher; it is sent to the employer; the name must be spelled
// as on the record — Appendix One: "this is how it will appear on the results
// statement/certificate"); 000 Scheduling – ID Requirements (the assessor confirms the
// spelling of the name "in readiness for certification").
import { TEMPORARY_ULN } from '../gateway/uln.ts';
import type { Finding } from '../outcome.ts';

const SOURCE = '004_f9b9047560044387.txt, Section 6 – Certification';

/** Names compared as a person would: case, accents' absence, spacing and hyphen spacing aside. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .trim()
      .replace(/\s+/g, ' ')
      .replace(/\s*-\s*/g, '-')
      .toLocaleLowerCase('en-GB');
  return norm(a) === norm(b);
}

/** The overall grades a certificate is claimed for (004 Section 6: a pass or higher). */
export const CERTIFICATED_GRADES = ['pass', 'distinction'] as const;

export type ClaimFacts = {
  overall: string;
  record: { uln: string; givenNames: string; familyName: string };
  claim: { uln: string; givenNames: string; familyName: string };
};

export function checkClaim(facts: ClaimFacts): Finding[] {
  const findings: Finding[] = [];
  if (!(CERTIFICATED_GRADES as readonly string[]).includes(facts.overall))
    findings.push({ code: 'GRADE_NOT_ACHIEVED', message: `a certificate is claimed for a pass or a distinction, not "${facts.overall}"`, source: SOURCE });
  if (facts.claim.uln !== facts.record.uln)
    findings.push({ code: 'CLAIM_ULN_MISMATCH', message: `the claim's ULN ${facts.claim.uln} is not the record's ${facts.record.uln}`, source: SOURCE });
  if (facts.record.uln === TEMPORARY_ULN)
    findings.push({
      code: 'ULN_TEMPORARY',
      message: 'the record still has the temporary ULN 9999999999: record the real ULN first',
      source: 'Learning Records Service ULN check digit (ILR validation)',
    });
  if (!sameName(facts.claim.familyName, facts.record.familyName) || !sameName(facts.claim.givenNames, facts.record.givenNames))
    findings.push({
      code: 'CLAIM_NAME_MISMATCH',
      message: `the name on the claim (${facts.claim.givenNames} ${facts.claim.familyName}) is not the name on the record (${facts.record.givenNames} ${facts.record.familyName})`,
      source: `${SOURCE}; Appendix One (the name as it will appear on the certificate)`,
    });
  return findings;
}

export type Achievement = {
  uln: string;
  familyName: string;
  standardCode: string;
  standardVersion: string;
  grade: 'pass' | 'distinction';
  achievementDate: string;
};

/** Splits achievements into batches the apprenticeship service accepts (at most `limit` each). */
export function batches<T>(items: readonly T[], limit = 25): T[][] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('batch limit must be a whole number from 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += limit) out.push(items.slice(i, i + limit));
  return out;
}

export function achievementsCsv(rows: readonly Achievement[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const header = 'uln,family_name,standard_code,standard_version,grade,achievement_date';
  return `${[header, ...rows.map((r) => [r.uln, r.familyName, r.standardCode, r.standardVersion, r.grade, r.achievementDate].map(quote).join(','))].join('\r\n')}\r\n`;
}
