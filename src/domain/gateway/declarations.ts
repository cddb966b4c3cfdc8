// The gateway declarations, and who made them. 004 Appendix One has the employer and the
// training provider each sign that the gateway review took place and the apprentice is
// ready, and the apprentice sign their own declaration; 004 Section 1 ("What is needed prior to end-point assessment?") lets the
// record "be signed and dated by all parties, or email/DVR confirmation provided". So each
// party declares for itself, signed in, or the provider holds the party's signed record.
export type Party = 'employer' | 'provider' | 'apprentice';

export const DECLARATION_SOURCE = '004_f9b9047560044387.txt, Appendix One – Example Gateway Declaration Record, Section 2: Declaration';

const EMPLOYER_AND_PROVIDER = [
  'I confirm the evidence has been reviewed and a Gateway meeting has taken place with the apprentice, employer, and training provider to confirm the apprentice’s competence and readiness for end point assessment.',
  'I confirm that the apprentice has developed, demonstrated, and achieved the required level of occupational knowledge, skills, and behaviours to satisfy the Gateway requirements in their workplace.',
  'I confirm that the apprentice is eligible for end-point assessment by undertaking the required training in line with the specific Apprenticeship Standard’s requirements, including on and off the job training and experience to meet the full breadth and depth of the Apprenticeship Standard.',
] as const;

/** What each party confirms, in the words of 004 Appendix One ("Employer and Training Provider Declaration"; "Apprentice Declaration"). */
export const DECLARATION_STATEMENTS: Readonly<Record<Party, readonly string[]>> = {
  employer: EMPLOYER_AND_PROVIDER,
  provider: EMPLOYER_AND_PROVIDER,
  apprentice: [
    'I confirm my readiness for the end-point assessment has been discussed with my employer and training provider.',
    'I confirm I am aware of the requirements of the end-point assessment.',
    'I give the end-point assessment organisation my consent to claim the apprenticeship certificate on my behalf on successful completion of the end-point assessment.',
  ],
};

/**
 * How a party's declaration stands at submission: made by the party itself, signed in; or
 * held on a signed record, either uploaded by the provider with the signer's name and the
 * form (`fileId`), or only ticked by the provider as held (no name, no form).
 */
export type DeclarationMade = { party: Party; by: 'self' | 'signed-record'; name: string | null; on: string | null; fileId: string | null };

/** A declaration on file for a record: the party's own, or a signed record the provider uploaded. */
export type DeclarationOnFile = { party: 'employer' | 'apprentice'; by: 'self' | 'signed-record'; name: string; on: string; fileId: string | null };

/**
 * The declarations the gateway engine is given: a party has declared when it did so itself
 * or its signed record is on file, or (the employer and the apprentice) when the provider
 * says it holds that party's signed record. The provider's own is the provider's word at submission.
 */
export function declarationsMade(
  providerSays: Readonly<Record<Party, boolean>>,
  onFile: readonly DeclarationOnFile[],
): { flags: Record<Party, boolean>; made: DeclarationMade[] } {
  const made: DeclarationMade[] = [];
  const flags: Record<Party, boolean> = { employer: false, provider: providerSays.provider, apprentice: false };
  if (providerSays.provider) made.push({ party: 'provider', by: 'self', name: null, on: null, fileId: null });
  for (const party of ['employer', 'apprentice'] as const) {
    const held = onFile.find((d) => d.party === party);
    if (held) made.push({ party, by: held.by, name: held.name, on: held.on, fileId: held.fileId });
    else if (providerSays[party]) made.push({ party, by: 'signed-record', name: null, on: null, fileId: null });
    flags[party] = Boolean(held) || providerSays[party];
  }
  return { flags, made };
}

/** A signed record is dated when it was signed (004 Appendix One: "Date"), which is not after today. */
export function signedRecordDateProblem(signedOn: string, today: string): { code: string; message: string } | null {
  if (signedOn > today) return { code: 'SIGNED_IN_FUTURE', message: `a declaration signed on ${signedOn} has not been signed yet: today is ${today}` };
  return null;
}
