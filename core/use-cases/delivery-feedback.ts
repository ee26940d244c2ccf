import { type Channel, DeliveryChannel } from '../channels.ts';
import type { Customer } from '../customer/customer-view.ts';
import type { ChannelReachability } from '../customer/system-state.ts';
import { addressOf } from '../messaging/channel-resolution.ts';
import type {
  CustomerStore,
  DeliveryFeedbackStore,
  DeliveryReport,
  SentMessageRef,
  SystemStateStore,
} from '../ports.ts';

/**
 * What a provider said about one message, whatever the provider (the SES adapter builds it from an
 * SES event). `Permanent` bounces are hard bounces: the address does not exist or refuses mail for
 * good. `Transient` (mailbox full, message too large) and `Undetermined` ones may work next time.
 */
export interface ProviderFeedback {
  readonly providerMessageId: string;
  readonly kind: DeliveryReport['status'];
  readonly bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
  /** The provider's words: bounce subtype and diagnostic, complaint feedback type. */
  readonly detail?: string;
  /** When the provider observed it (not when Rapport heard of it). */
  readonly at: string;
}

export interface FeedbackDeps {
  readonly messages: DeliveryFeedbackStore;
  readonly customers: Pick<CustomerStore, 'getCustomer'>;
  readonly state: SystemStateStore;
}

export type FeedbackOutcome =
  | { readonly outcome: 'unknown-message'; readonly providerMessageId: string }
  | {
      readonly outcome: 'recorded';
      readonly customerId: string;
      readonly messageId: string;
      /** False when the message already said this, or something stronger (a repeat, out of order). */
      readonly messageChanged: boolean;
      /** What the channel's reachability became, when this report stopped an address. */
      readonly stopped?: { readonly channel: Channel } & ChannelReachability;
      /** Why the address was not stopped although the report asked for it. */
      readonly unchanged?:
        | 'already-recorded'
        | 'newer-recorded'
        | 'customer-not-found'
        | 'address-no-longer-used'
        | 'no-address';
    };

/**
 * How strong each report is. A message can hear several (a delivery, then a complaint; SES may
 * deliver any event twice and out of order): the strongest wins, whatever the order of arrival.
 */
const STRENGTH: Readonly<Record<DeliveryReport['status'], number>> = {
  delivered: 1,
  bounced: 2,
  complained: 3,
};

/**
 * Delivery feedback: records on the message what the provider reported and, on a hard bounce or a
 * complaint, marks that channel's address unreachable on the customer, so channel resolution skips
 * it from then on (the next channel, or a suppression with the reason). Safe to run again for the
 * same report: both writes are skipped when they would change nothing. A report for a message
 * Rapport does not know (another sender on the same account, or a message whose record was never
 * written) is answered `unknown-message` for the caller to log and drop: retrying cannot help.
 */
export async function recordProviderFeedback(
  deps: FeedbackDeps,
  feedback: ProviderFeedback,
): Promise<FeedbackOutcome> {
  const ref = await deps.messages.findByProviderId(feedback.providerMessageId);
  if (!ref) return { outcome: 'unknown-message', providerMessageId: feedback.providerMessageId };
  const report: DeliveryReport = {
    status: feedback.kind,
    at: feedback.at,
    ...(feedback.detail ? { detail: feedback.detail } : {}),
  };
  const weaker = (Object.keys(STRENGTH) as DeliveryReport['status'][]).filter(
    (status) => STRENGTH[status] < STRENGTH[feedback.kind],
  );
  const messageChanged = await deps.messages.recordDelivery(ref, report, weaker);
  const recorded = {
    outcome: 'recorded',
    customerId: ref.customerId,
    messageId: ref.messageId,
    messageChanged,
  } as const;
  // Written after the message on purpose, and even when the message already said so: a retry after
  // a failure between the two writes must still stop the address.
  if (!stopsAddress(feedback)) return recorded;
  return { ...recorded, ...(await stopAddress(deps, ref, feedback)) };
}

function stopsAddress(feedback: ProviderFeedback): boolean {
  return (
    feedback.kind === 'complained' ||
    (feedback.kind === 'bounced' && feedback.bounceType === 'Permanent')
  );
}

async function stopAddress(
  deps: FeedbackDeps,
  ref: SentMessageRef,
  feedback: ProviderFeedback,
): Promise<Pick<Extract<FeedbackOutcome, { outcome: 'recorded' }>, 'stopped' | 'unchanged'>> {
  if (!ref.to || !ref.channel) return { unchanged: 'no-address' };
  const customer = await deps.customers.getCustomer(ref.customerId);
  if (!customer) return { unchanged: 'customer-not-found' };
  const next: ChannelReachability = {
    status: feedback.kind === 'complained' ? 'complained' : 'bounced',
    at: feedback.at,
    address: ref.to,
    reason: feedback.detail ?? feedback.kind,
  };
  const current = customer.reachability[ref.channel];
  if (current && Date.parse(current.at) > Date.parse(next.at))
    // Newer knowledge (a later bounce on a new address, an operator's reset) is not overwritten
    // by a report that arrives late.
    return { unchanged: 'newer-recorded' };
  if (current?.status === next.status && current.address === next.address)
    return { unchanged: 'already-recorded' };
  // The channel keeps one record: a late report about an address the customer has since left
  // must not replace the stop of the address in use (that would make it reachable again).
  const inUse = addressInUse(customer, ref.channel);
  if (
    current &&
    current.status !== 'reachable' &&
    // A stop without an address stops whatever address is in use.
    (current.address ?? inUse) === inUse &&
    next.address !== inUse
  )
    return { unchanged: 'address-no-longer-used' };
  await deps.state.put(ref.customerId, 'reachability', {
    ...customer.reachability,
    [ref.channel]: next,
  });
  return { stopped: { channel: ref.channel, ...next } };
}

function addressInUse(customer: Customer, channel: Channel): string | undefined {
  const delivery = DeliveryChannel.safeParse(channel);
  return delivery.success ? addressOf(customer, delivery.data) : undefined;
}
