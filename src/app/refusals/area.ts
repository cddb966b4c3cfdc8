// The shape of one area's codes, written as rows so each code reads on one line.

/** A refusal stops the change; a warning goes with it; a reminder and a report are told, not answered; cli: the command's exit 2. */
export type RefusalKind = 'refusal' | 'warning' | 'reminder' | 'report' | 'cli';

/** [code, HTTP status (null where none is answered), kind, the fields it concerns, plain English, source]. */
export type Row = readonly [code: string, status: number | null, kind: RefusalKind, fields: readonly string[], title: string, source: string];

export type Area = { id: string; title: string; entries: readonly Row[] };
