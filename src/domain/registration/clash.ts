// What a registration becomes when its apprentice may already be registered for the
// standard. One active EPA record per ULN and standard (the database's
// epa_records_one_active): a second one from the same training provider is a duplicate
// the provider can see for itself; one from another provider is neither refused with
// the other record's details (that would tell one provider about another's apprentice)
// nor allowed to be blocked by it (a provider could squat on a ULN). It is held for the
// EPAO, who knows both, to decide: the apprentice may have moved provider.
import { ulnNamesOneLearner } from './identity.ts';

export type ActiveRegistration = { providerId: string };

export type RegistrationRoute = 'register' | 'duplicate' | 'hold';

export function registrationRoute(uln: string, providerId: string, active: ActiveRegistration | null): RegistrationRoute {
  // The temporary ULN names no one, so nothing is active "for it" (the index exempts it too).
  if (!ulnNamesOneLearner(uln) || active === null) return 'register';
  return active.providerId === providerId ? 'duplicate' : 'hold';
}
