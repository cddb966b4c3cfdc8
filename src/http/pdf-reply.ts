// Many results statements as one PDF, streamed as pdfkit writes it: the refusals (none to
// send, too many) are raised before the reply starts.
import type { FastifyReply } from 'fastify';

export function sendStatements(reply: FastifyReply, doc: PDFKit.PDFDocument, statements: number): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', 'attachment; filename="results-statements.pdf"')
    .header('cache-control', 'private, no-store')
    .header('x-statements', String(statements))
    .send(doc);
}
