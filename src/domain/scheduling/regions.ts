// An assessor's home region, as the EPAO writes it: a name ("Yorkshire") or the postcode
// areas they cover ("LS, BD, WF"). A venue is in it when its region is one of them,
// case aside. This EPAO's setting: no seed speaks of where assessors are based.
export function inHomeRegion(home: string, region: string): boolean {
  const wanted = region.trim().toLowerCase();
  return home
    .split(/[,;/]/)
    .map((part) => part.trim().toLowerCase())
    .some((part) => part === wanted);
}

/** The postcode area of a UK postcode ("LS1 4AP" → "LS"), the region the scheduler reads a workplace as; null without one. */
export function postcodeArea(postCode: string | null | undefined): string | null {
  const match = /^\s*([A-Za-z]{1,2})\d/.exec(postCode ?? '');
  return match ? (match[1] as string).toUpperCase() : null;
}
