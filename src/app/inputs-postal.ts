// A postal address as DfE takes a certificate's postal contact (shared/interop/
// dfe-assessor-external-api.md, Shared request blocks: postalContact): a contact name, the
// organisation, the first line, the city and a UK postcode required; the rest optional.
import { z } from 'zod';
import { isUkPostcode, normalisePostcode } from '../domain/dfe/postcode.ts';

const Line = z.string().trim().min(1).max(100);
const Optional = z.string().trim().max(100).optional();

export const PostCode = z.string().trim().max(10).refine(isUkPostcode, 'a UK postcode, like LS1 4AP').transform(normalisePostcode);

export const PostalContactInput = z.strictObject({
  contactName: Line,
  department: Optional,
  organisation: Line,
  addressLine1: Line,
  addressLine2: Optional,
  addressLine3: Optional,
  city: Line,
  postCode: PostCode,
});

/** An employer's address, where its certificates are posted unless a claim says otherwise. */
export const EmployerAddressInput = z.strictObject({
  contactName: Line,
  addressLine1: Line,
  addressLine2: Optional,
  addressLine3: Optional,
  city: Line,
  postCode: PostCode,
});
export type EmployerAddress = z.infer<typeof EmployerAddressInput>;
