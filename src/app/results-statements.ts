// The results statements of a list of apprentices (the list's own filters), one PDF with a
// statement a page, for an EPAO that prints or sends them in one go. Each page is the single
// statement's (results-statement.ts); an apprentice with no released result has none.
import type { Actor } from '../domain/access/access.ts';
import { recordScope } from '../domain/access/access.ts';
import { recordListPage } from '../store/repositories/record-list.repository.ts';
import { latestResults } from '../store/repositories/results.repository.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { decodeCursor, filterOf, type RecordListRequest } from './record-list.ts';
import { toView } from './records.ts';
import { drawStatement, type Statement, statementDocument, statementOf } from './results-statement.ts';

/** Records read at a time. */
const BATCH = 1000;
/** More pages than anyone prints at once: narrow the list first. */
export const MAX_STATEMENTS = 5000;

/** The statements of every record the filters match that has a released result, in the list's order. */
async function statementsOf(ctx: AppContext, actor: Actor, query: RecordListRequest): Promise<Statement[]> {
  const sort = query.sort ?? 'newest';
  if (query.cursor) decodeCursor(sort, query.cursor);
  const scope = recordScope(actor);
  // Only the records with a released result are walked, however many the list holds.
  const filter = { ...filterOf(ctx, query), releasedOnly: true };
  const statements: Statement[] = [];
  let after: { key: string[]; id: string } | null = null;
  for (;;) {
    const rows = await recordListPage(ctx.db, scope, filter, { sort, after, limit: BATCH });
    const results = new Map(
      (
        await latestResults(
          ctx.db,
          rows.map((r) => r.id),
        )
      ).map((r) => [r.epaRecordId, r]),
    );
    for (const row of rows) {
      const result = results.get(row.id);
      if (result?.status !== 'released') continue;
      const { apprentice, standard, policy } = toView(row);
      statements.push(statementOf(ctx, { ...apprentice, standard, policy }, result));
      if (statements.length > MAX_STATEMENTS)
        throw new AppError(
          413,
          'TOO_MANY_STATEMENTS',
          `these apprentices have more than ${MAX_STATEMENTS.toLocaleString('en-GB')} results statements: narrow the list first`,
        );
    }
    if (rows.length < BATCH) return statements;
    const last = rows[rows.length - 1] as (typeof rows)[number];
    after = { key: last.sortKey, id: last.id };
  }
}

/** Pages drawn between two turns of the event loop, so a long document holds up no other request. */
const PAGES_A_TURN = 100;

/**
 * The statements as one document to stream, written page by page as it is read, and how many
 * it holds. None at all is refused (NO_RELEASED_RESULTS) rather than sent empty.
 */
export async function resultsStatementsPdf(ctx: AppContext, actor: Actor, query: RecordListRequest): Promise<{ doc: PDFKit.PDFDocument; statements: number }> {
  const statements = await statementsOf(ctx, actor, query);
  if (statements.length === 0)
    throw new AppError(404, 'NO_RELEASED_RESULTS', 'none of these apprentices has a released result, so there is no results statement');
  const doc = statementDocument(ctx.now(), 'End-point assessment results statements');
  void (async () => {
    try {
      for (const [i, statement] of statements.entries()) {
        if (i > 0) doc.addPage();
        drawStatement(doc, statement);
        if (i % PAGES_A_TURN === PAGES_A_TURN - 1) await new Promise((turn) => setImmediate(turn));
      }
      doc.end();
    } catch (error) {
      doc.destroy(error as Error);
    }
  })();
  return { doc, statements: statements.length };
}
