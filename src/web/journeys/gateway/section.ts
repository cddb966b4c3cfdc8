// The record page's gateway section for the EPAO.
import { listGatewaySubmissions } from '../../../app/gateway.ts';
import type { RecordSection } from '../../record-sections.ts';

/** The record page's gateway section for the EPAO: the latest submission's state and a link to review it. */
export const gatewayReviewSection: RecordSection = async ({ ctx, actor, record }) => {
  if (actor.role !== 'epao-admin') return null;
  const [latest] = await listGatewaySubmissions(ctx, actor, record.id);
  if (!latest) return null;
  return {
    template: 'gateway-review-section.njk',
    data: { recordId: record.id, submission: latest, waiting: latest.status === 'submitted' && record.status === 'gateway-submitted' },
  };
};
