// A response schema is written beside the use-case type it serialises, and the compiler holds
// them together: the schema's output and the type must each be assignable to the other, so a
// field added to the type and not to the schema (which would then not be sent) fails the build.
import type { ZodType, z } from 'zod';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `describes<View>()(schema)`: the schema, checked to describe exactly `View`. */
export const describes =
  <T>() =>
  <S extends ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : { 'does not describe the type': T; 'the schema gives': z.output<S> })): S =>
    schema;
