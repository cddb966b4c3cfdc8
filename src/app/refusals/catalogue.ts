// Every code Capstone answers, warns or reports with, in one place: its HTTP status, its
// plain-English meaning, the fields it concerns and its source. docs/errors.md is written
// from it (scripts/errors-doc.ts), and a unit test fails on a code thrown anywhere in src
// that is not here, or thrown with another status than this one.
//
// Statuses by one rule: 400 the request is malformed (its shape, a reference to nothing);
// 401 who you are, 403 what you may do; 404 not there or not yours; 409 a conflict with
// the current state or version; 413/415 the body's size or type; 422 a rule says no;
// 429 too many attempts; 5xx Capstone's side or a service it calls.
import type { Area, RefusalKind } from './area.ts';
import { BACKUPS } from './backups.ts';
import { DFE } from './dfe.ts';
import { GATEWAY } from './gateway.ts';
import { OUTCOMES } from './outcomes.ts';
import { PLANNING } from './planning.ts';
import { REGISTRATION } from './registration.ts';
import { REQUESTS } from './requests.ts';
import { SCHEDULING } from './scheduling.ts';

export type { RefusalKind };

/** A code as the catalogue holds it (not the `Refusal` error class of errors.ts, which is thrown). */
export type CatalogueEntry = { code: string; status: number | null; kind: RefusalKind; fields: readonly string[]; title: string; source: string; area: string };

export const AREAS: readonly Area[] = [REQUESTS, REGISTRATION, GATEWAY, PLANNING, SCHEDULING, OUTCOMES, DFE, BACKUPS];

export const REFUSALS: ReadonlyMap<string, CatalogueEntry> = new Map(
  AREAS.flatMap((area) =>
    area.entries.map(([code, status, kind, fields, title, source]): [string, CatalogueEntry] => [
      code,
      { code, status, kind, fields, title, source, area: area.id },
    ]),
  ),
);

export function refusalOf(code: string): CatalogueEntry | undefined {
  return REFUSALS.get(code);
}
