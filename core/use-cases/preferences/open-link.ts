import type { Customer } from '../../customer/customer-view.ts';
import { type LinkPayload, verifyLink } from '../../messaging/links.ts';
import type { MessagingPolicy } from '../../messaging/policy.ts';
import type { Clock, CustomerStore } from '../../ports.ts';
import type { Caller } from '../customers.ts';
import type { PreferencesStore } from './ports.ts';

export interface PreferencesDeps {
  readonly customers: CustomerStore;
  readonly preferences: PreferencesStore;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Verifies the customers' signed links (and signs the preferences link an unsubscribe offers). */
  readonly linkKey: Uint8Array;
  /** The topics and their labels, the frequencies, the default channel order. */
  readonly policy: MessagingPolicy;
}

/** Why a link opens nothing. Each gets its own page; none of them writes anything. */
export type LinkProblem =
  | 'malformed'
  | 'tampered'
  | 'expired'
  /** A preferences link used to unsubscribe, or the other way round. */
  | 'wrong-purpose'
  /** Signed by us, but the customer is gone (erased). */
  | 'customer-not-found';

export type OpenedLink =
  | { readonly ok: true; readonly customer: Customer; readonly payload: LinkPayload }
  | { readonly ok: false; readonly problem: LinkProblem };

/** Tokens Rapport signs are ~150 characters; a longer one is not worth hashing. */
const MAX_TOKEN_LENGTH = 1024;

/**
 * The signature is the only trust these routes have: the link is verified before anything is read,
 * and the customer it names is the only one the request can see or change.
 */
export async function openLink(
  deps: Pick<PreferencesDeps, 'customers' | 'clock' | 'linkKey'>,
  token: string,
  purpose: LinkPayload['p'],
): Promise<OpenedLink> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: 'malformed' };
  const check = verifyLink(token, deps.linkKey, deps.clock());
  if (!check.ok) return { ok: false, problem: check.reason };
  if (check.payload.p !== purpose) return { ok: false, problem: 'wrong-purpose' };
  const customer = await deps.customers.getCustomer(check.payload.c);
  if (!customer) return { ok: false, problem: 'customer-not-found' };
  return { ok: true, customer, payload: check.payload };
}

/** Who a change made through a signed link is recorded as: the customer it was signed for. */
export function customerCaller(customerId: string): Caller {
  return { principal: `customer:${customerId}` };
}
