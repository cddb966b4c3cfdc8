// What holds an item back from the DfE Assessor Service (Capstone's own checks, so that what
// the API would refuse for certain is never sent), what marks one DfE refused, and what the
// queue's two actions refuse. shared/interop/dfe-assessor-external-api.md.
import type { Area } from './area.ts';

const API = 'shared/interop/dfe-assessor-external-api.md';

export const DFE: Area = {
  id: 'dfe',
  title: 'The DfE Assessor Service (items held back or refused, and the queue’s actions)',
  entries: [
    [
      'DFE_TEMPORARY_ULN',
      null,
      'report',
      ['uln'],
      'The record has the temporary ULN 9999999999: it is never sent',
      `${API}, Shared request blocks (learner.uln)`,
    ],
    ['DFE_ULN_INVALID', null, 'report', ['uln'], 'The ULN is not 10 digits', `${API}, Shared request blocks (learner.uln)`],
    [
      'DFE_FAMILY_NAME_MISSING',
      null,
      'report',
      ['familyName'],
      'The family name as the ILR holds it is missing',
      `${API}, Shared request blocks (learner.familyName)`,
    ],
    ['DFE_VERSION_MISSING', null, 'report', ['version'], 'The standard version is missing', `${API}, Shared request blocks (learningDetails.version)`],
    ['DFE_NO_OUTCOME', null, 'report', [], 'There is no EPA outcome to send yet', `${API}, Create / update EPA ("epas must be non-empty")`],
    [
      'DFE_DATE_TOO_EARLY',
      null,
      'report',
      ['epaDate'],
      'An EPA or achievement date is before 1 January 2017',
      `${API}, Create / update EPA; Shared request blocks`,
    ],
    ['DFE_DATE_IN_FUTURE', null, 'report', ['epaDate'], 'An EPA or achievement date is in the future', `${API}, Create / update EPA; Shared request blocks`],
    [
      'DFE_POSTAL_CONTACT_MISSING',
      null,
      'report',
      ['postalContact'],
      'The certificate has no postal contact: DfE posts it there',
      `${API}, Shared request blocks (postalContact)`,
    ],
    [
      'DFE_POSTAL_CONTACT_INCOMPLETE',
      null,
      'report',
      ['postalContact'],
      'The postal contact lacks a name, organisation, first line, city or postcode',
      `${API}, Submit certificate (mandatory data)`,
    ],
    [
      'DFE_POSTCODE_INVALID',
      null,
      'report',
      ['postCode'],
      'The postal contact’s postcode is not a UK postcode',
      `${API}, Shared request blocks (postalContact)`,
    ],
    [
      'DFE_RESULT_NOT_IN_FORCE',
      null,
      'report',
      [],
      'The result the certificate was claimed for was superseded or cancelled',
      "this EPAO's setting: DfE prints only a result in force",
    ],
    ['DFE_REFUSED', null, 'report', [], 'The Assessor Service refused the item: its own message says why', `${API}, Endpoints (each item's validationErrors)`],
    [
      'DFE_UNAVAILABLE',
      503,
      'refusal',
      [],
      'The Assessor Service did not answer, kept answering 429 or 5xx, or refused the key or the address: a run stops and its items are tried later',
      `${API}, Transport and identity (rate limit)`,
    ],
    [
      'DFE_NOT_CONNECTED',
      409,
      'refusal',
      [],
      'Capstone is not connected to the DfE Assessor Service (DFE_API_URL, DFE_SUBSCRIPTION_KEY)',
      'README, "The DfE Assessor Service"',
    ],
    ['DFE_NOT_REFUSED', 409, 'refusal', [], 'Only a held or refused item is sent again', "Capstone's DfE queue"],
    [
      'DFE_NOT_WAITING',
      409,
      'refusal',
      [],
      'Only a certificate still waiting for its appeal window is released early',
      'EPAO settings APPEAL_WINDOW_WORKING_DAYS, DFE_TOP_GRADE_WAIT_DAYS',
    ],
  ],
};
