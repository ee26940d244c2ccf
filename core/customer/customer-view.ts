import type { ConsentMap } from './consent.ts';
import type { CustomerProfile } from './customer.ts';
import { SYSTEM_PARTS, type SystemState } from './system-state.ts';

/**
 * One customer as every reader sees it: the profile touchpoints own, the consent in force, and
 * what Rapport computed or learned, each read from its own item and composed here.
 */
export type Customer = CustomerProfile & { readonly consent: ConsentMap } & SystemState;

/** The touchpoint-owned part of a composed customer. */
export function profileOf(customer: Customer): CustomerProfile {
  // Every system part, so a part added to SYSTEM_PARTS can never leak into a profile write.
  const profile: Record<string, unknown> = { ...customer };
  delete profile.consent;
  for (const part of SYSTEM_PARTS) delete profile[part];
  return profile as CustomerProfile;
}
