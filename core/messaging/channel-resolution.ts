import { type Channel, DeliveryChannel } from '../channels.ts';
import type { Customer } from '../customer/customer-view.ts';

/** Why a channel was passed over. */
export type SkipReason =
  | 'no-consent'
  | 'consent-denied'
  | 'bounced'
  | 'complained'
  | 'no-address'
  | 'no-owner'
  | 'no-sender'
  | 'no-template'
  | 'failed-before';

export interface ChannelSkip {
  readonly channel: Channel;
  readonly reason: SkipReason;
}

export type ChannelChoice =
  | {
      readonly kind: 'channel';
      readonly channel: DeliveryChannel;
      /** An email address, a phone number, or the owner's id for a task. */
      readonly address: string;
      readonly skipped: readonly ChannelSkip[];
    }
  | {
      readonly kind: 'none';
      readonly reason: SkipReason;
      readonly skipped: readonly ChannelSkip[];
    };

export interface ResolutionInput {
  readonly customer: Customer;
  /** A channel the automation insists on, or `preferred`. */
  readonly requested: DeliveryChannel | 'preferred';
  /** The order tried when the customer stated no preference. */
  readonly defaultChannels: readonly Channel[];
  /** Whether a channel has a sender and the template has its part. */
  readonly sendable: (channel: DeliveryChannel) => 'ok' | 'no-sender' | 'no-template';
  /** Channels this action already failed on (fallback tries the next one). */
  readonly excluded: ReadonlySet<Channel>;
}

/**
 * The channel to use: the customer's preferred channels in their order (their own word on the
 * preferences page first, then the profile, then the deployment's default order), each taken
 * only with consent granted, a working address (not after a hard bounce or a complaint), a
 * sender and a template part; else the next; else none, with the first channel's reason.
 */
export function resolveChannel(input: ResolutionInput): ChannelChoice {
  const { customer } = input;
  const order =
    input.requested === 'preferred'
      ? preferenceOrder(customer, input.defaultChannels)
      : [input.requested];
  const skipped: ChannelSkip[] = [];
  for (const channel of order) {
    const verdict = assess(input, channel);
    if ('address' in verdict) return { kind: 'channel', ...verdict, skipped };
    skipped.push({ channel, reason: verdict.reason });
  }
  return { kind: 'none', reason: skipped[0]?.reason ?? 'no-consent', skipped };
}

function preferenceOrder(customer: Customer, defaults: readonly Channel[]): readonly Channel[] {
  const stated = customer.preferences?.channels ?? customer.channelPreferences;
  return stated.length > 0 ? stated : defaults;
}

function assess(
  input: ResolutionInput,
  channel: Channel,
): { channel: DeliveryChannel; address: string } | { reason: SkipReason } {
  const { customer } = input;
  if (input.excluded.has(channel)) return { reason: 'failed-before' };
  const consent = customer.consent[channel];
  if (!consent) return { reason: 'no-consent' };
  if (consent.status !== 'granted') return { reason: 'consent-denied' };
  const delivery = DeliveryChannel.safeParse(channel);
  if (!delivery.success) return { reason: 'no-sender' };
  // A call is made to the customer's phone: without a number the task is pointless.
  if (delivery.data === 'phone' && !customer.contact.phone) return { reason: 'no-address' };
  const address = addressOf(customer, delivery.data);
  if (!address)
    return {
      reason: delivery.data === 'email' || delivery.data === 'sms' ? 'no-address' : 'no-owner',
    };
  const reach = customer.reachability[channel];
  if (reach && reach.status !== 'reachable' && (reach.address ?? address) === address) {
    return { reason: reach.status };
  }
  const sendable = input.sendable(delivery.data);
  if (sendable !== 'ok') return { reason: sendable };
  return { channel: delivery.data, address };
}

/**
 * Where a channel reaches the customer: their email or phone, or their owner for a task (a call
 * needs the customer's phone number too; the task carries it).
 */
export function addressOf(customer: Customer, channel: DeliveryChannel): string | undefined {
  switch (channel) {
    case 'email':
      return customer.contact.email;
    case 'sms':
      return customer.contact.phone;
    case 'phone':
    case 'visit':
      return customer.owner?.id;
  }
}
