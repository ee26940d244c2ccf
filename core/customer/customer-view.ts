import type { ConsentMap } from './consent.ts';
import type { CustomerProfile } from './customer.ts';
import type { SystemState } from './system-state.ts';

/**
 * One customer as every reader sees it: the profile touchpoints own, the consent in force, and
 * what Rapport computed or learned, each read from its own item and composed here.
 */
export type Customer = CustomerProfile & { readonly consent: ConsentMap } & SystemState;

/** The touchpoint-owned part of a composed customer. */
export function profileOf(customer: Customer): CustomerProfile {
  const {
    consent: _consent,
    reachability: _reachability,
    holds: _holds,
    value: _value,
    survey: _survey,
    ...profile
  } = customer;
  return profile;
}
