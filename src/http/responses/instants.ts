// A moment read from a timestamptz column is a Date in the use-case's type and an ISO string
// on the wire: the response serialiser writes a Date at a date-time string as toISOString()
// (as JSON.stringify would), and a string, as a replayed idempotent reply holds, as it is.
import { z } from 'zod';

/** A Date in the type, documented and sent as an ISO 8601 date-time. */
export const InstantResponse = z.date().meta({ type: 'string', format: 'date-time' });

/** A moment the use-case already gives as an ISO 8601 string. */
export const IsoDateTimeResponse = z.string().meta({ format: 'date-time' });
