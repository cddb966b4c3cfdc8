// What the registration pages offer from the catalogue: the standard versions, the EPAO's
// policies and the channels, with the field a use-case's refusal is about.
import type { AppContext } from '../../../app/context.ts';
import type { Role } from '../../../domain/access/access.ts';

export const ROLES: readonly Role[] = ['epao-admin'];
export const CHANNELS = ['face-to-face', 'non-facing', 'both'] as const;
export const CHANNEL_NAMES: Record<string, string> = { 'face-to-face': 'Face to face', 'non-facing': 'Non-facing', both: 'Both' };

export const standards = (ctx: AppContext) => [...ctx.catalogue.standards.values()].map((i) => i.standard);
export const policies = (ctx: AppContext) =>
  [...ctx.catalogue.policies.values()].map((p) => ({ id: p.id, name: p.name, standards: [...p.standards] })).sort((a, b) => a.id.localeCompare(b.id));
