// A standard version's course options (its pathways, as the DfE Assessor Service lists them:
// shared/interop/dfe-assessor-external-api.md, "Shared request blocks": learningDetails.courseOption
// "must be empty if the version has none", and a certificate for a version with options needs
// one). The options are the version's data file's; an apprentice on a version with options
// is registered on one of them.
import type { Finding } from '../outcome.ts';

const SOURCE = 'shared/interop/dfe-assessor-external-api.md, Shared request blocks (learningDetails.courseOption)';

/** What is wrong with the option given for a version offering `options` (undefined: none offered). */
export function courseOptionProblem(options: readonly string[] | undefined, given: string | null | undefined): Finding | null {
  const offered = options ?? [];
  if (offered.length === 0)
    return given
      ? { code: 'COURSE_OPTION_NOT_OFFERED', message: `this standard version has no course options, so "${given}" cannot be one`, source: SOURCE }
      : null;
  if (!given)
    return { code: 'COURSE_OPTION_REQUIRED', message: `this standard version is taken on one of its course options: ${offered.join(', ')}`, source: SOURCE };
  if (!offered.includes(given))
    return { code: 'UNKNOWN_COURSE_OPTION', message: `"${given}" is not one of this version's course options: ${offered.join(', ')}`, source: SOURCE };
  return null;
}
