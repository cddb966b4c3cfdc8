// Verifying the audit log over HTTP (the CLI has `capstone audit verify` and `prove`).

import { z } from 'zod';
import { AppError, forbidden } from '../../app/errors.ts';
import { assertMayReadCaseEntry } from '../../app/malpractice-cases.ts';
import { may } from '../../domain/access/access.ts';
import { proveEntry, verifyAudit } from '../../store/audit.ts';
import { sequenceOnce } from '../../store/audit-sequencer.ts';
import { actorOf, docs } from '../kit.ts';
import { AuditVerifiedResponse, InclusionProofResponse } from '../responses/audit.ts';
import type { RouteModule } from './index.ts';

const EntryParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'an audit entry id is a whole number') });

export const auditRoutes: RouteModule = (ctx) => async (app) => {
  app.get(
    '/audit/verify',
    {
      schema: docs({
        summary: 'Check the audit log against its signed checkpoints: altered, inserted and removed entries are named',
        tags: ['operations'],
        responses: { 200: AuditVerifiedResponse },
      }),
    },
    async (request) => {
      if (!may(actorOf(request), 'audit.verify')) throw forbidden();
      const publicKeyPem = ctx.audit.signer?.publicKeyPem;
      if (!ctx.audit.signer || !publicKeyPem) throw new AppError(503, 'AUDIT_KEY_MISSING', 'this installation has no audit signing key: set AUDIT_SIGNING_KEY');
      // What waits for the sequencer is signed first, as the running sequencer would within a second.
      await sequenceOnce(ctx.db, { signer: ctx.audit.signer, checkpointsFile: ctx.audit.checkpointsFile ?? undefined });
      const result = await verifyAudit(ctx.db, { publicKeyPem, checkpointsFile: ctx.audit.checkpointsFile ?? undefined });
      return { intact: result.breaks.length === 0, publicKey: publicKeyPem, ...result };
    },
  );
  app.get(
    '/audit/entries/:id/proof',
    {
      schema: docs({
        summary: "An entry's inclusion proof against the latest signed checkpoint",
        tags: ['operations'],
        params: EntryParams,
        responses: { 200: InclusionProofResponse },
      }),
    },
    async (request) => {
      if (!may(actorOf(request), 'audit.verify')) throw forbidden();
      const { id } = EntryParams.parse(request.params);
      if (ctx.audit.signer) await sequenceOnce(ctx.db, { signer: ctx.audit.signer, checkpointsFile: ctx.audit.checkpointsFile ?? undefined });
      const proof = await proveEntry(ctx.db, Number(id));
      if (!proof) throw new AppError(404, 'NOT_FOUND', 'no such audit entry, or it is not yet signed (the sequencer signs entries within a second)');
      await assertMayReadCaseEntry(ctx, actorOf(request), proof.entry);
      return proof;
    },
  );
};
