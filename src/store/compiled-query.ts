// Hot queries built once. Kysely builds and compiles a query on every call, which was about
// a third of the server's CPU for an indexed read. A query made with `compiledOnce` is built
// the first time with a marker in each parameter's place; afterwards only its parameters
// change, and the same SQL goes to the database (where it is prepared once per connection,
// src/store/prepared-client.ts). A marker may stand only for one value (not a list for
// `in`, which compiles to a placeholder per item), and the query must not branch on it.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './database.ts';

const MARKER = Symbol('compiled-query parameter');
type Marker = { readonly [MARKER]: string };

/** `param('name')` in a query built by `compiledOnce`: the place of one value, given at each call. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

export function compiledOnce<P extends Record<string, unknown>, R>(
  build: (db: Db, param: Param<P>) => Compilable<R>,
): (db: Db, params: P) => Promise<QueryResult<R>> {
  let compiled: { query: CompiledQuery<R>; places: (string | null)[] } | undefined;
  return async (db, params) => {
    if (!compiled) {
      const markers = new Set<Marker>();
      const param = ((name: string) => {
        const marker: Marker = { [MARKER]: name };
        markers.add(marker);
        return marker;
      }) as Param<P>;
      const query = build(db, param).compile();
      const places = query.parameters.map((value) => (markers.has(value as Marker) ? (value as Marker)[MARKER] : null));
      // A marker may be used more than once; every one must reach the SQL as a single value.
      const found = new Set(query.parameters.filter((value) => markers.has(value as Marker))).size;
      if (found !== markers.size) throw new Error(`compiledOnce: ${markers.size - found} parameter(s) did not reach the SQL as single values`);
      compiled = { query, places };
    }
    const { query, places } = compiled;
    const parameters = places.map((place, i) => (place === null ? query.parameters[i] : params[place]));
    return db.executeQuery<R>({ ...query, parameters });
  };
}
