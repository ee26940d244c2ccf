import type { Action } from '../automation/automation.ts';
import { assertNever } from '../automation/conditions.ts';
import type { Customer } from '../customer/customer-view.ts';

export type SuppressionReason =
  | 'customer-not-found'
  | 'no-consent'
  | 'consent-denied'
  | 'no-address';

export type DeliveryDecision =
  | { readonly kind: 'deliver'; readonly channel: 'email'; readonly address: string }
  | { readonly kind: 'suppress'; readonly reason: SuppressionReason };

/** Consent is opt-in: no recorded consent for the channel means we do not send. */
export function decideDelivery(customer: Customer, action: Action): DeliveryDecision {
  switch (action.kind) {
    case 'send-message': {
      const consent = customer.consent[action.channel];
      if (consent === undefined) return { kind: 'suppress', reason: 'no-consent' };
      if (consent.status !== 'granted') return { kind: 'suppress', reason: 'consent-denied' };
      const address = customer.contact.email;
      if (address === undefined) return { kind: 'suppress', reason: 'no-address' };
      return { kind: 'deliver', channel: action.channel, address };
    }
    default:
      return assertNever(action.kind);
  }
}
