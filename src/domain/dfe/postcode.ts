// A UK postcode, as the Assessor Service checks the certificate's postal contact
// (shared/interop/dfe-assessor-external-api.md, Shared request blocks: postalContact
// "postcode must match the UK postcode pattern"): outward code, a space, inward code.
const UK_POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$/i;

export const isUkPostcode = (text: string): boolean => UK_POSTCODE.test(text.trim());

/** Upper case with one space before the inward code ("ls1 4ap" → "LS1 4AP"); unchanged when not a postcode. */
export function normalisePostcode(text: string): string {
  const squeezed = text.trim().replace(/\s+/g, '').toUpperCase();
  if (!isUkPostcode(squeezed)) return text.trim();
  return `${squeezed.slice(0, -3)} ${squeezed.slice(-3)}`;
}
