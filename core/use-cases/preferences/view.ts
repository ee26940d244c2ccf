import { type Channel, DeliveryChannel } from '../../channels.ts';
import type { Customer } from '../../customer/customer-view.ts';
import type { Frequency, MessagingPolicy } from '../../messaging/policy.ts';

export interface ChannelOption {
  readonly channel: DeliveryChannel;
  /** Consent granted: Rapport may use it. */
  readonly allowed: boolean;
  /**
   * Where it reaches the customer, partly hidden (`a•••@example.com`, `••• 4567`), or the rep's
   * name for a visit: the link may have been forwarded, so the page shows no full address.
   */
  readonly hint: string;
}

export interface TopicOption {
  readonly id: string;
  readonly label: { readonly en: string; readonly es: string };
  readonly subscribed: boolean;
}

/** What the preferences page shows: the customer's channels, frequency and topics as they are. */
export interface PreferencesView {
  readonly customerId: string;
  readonly locale: string;
  readonly firstName: string;
  readonly ownerName?: string;
  /** In the customer's current order. */
  readonly channels: readonly ChannelOption[];
  /** The first allowed channel of that order: where a `preferred` message goes first. */
  readonly preferred?: DeliveryChannel;
  readonly frequency: Frequency;
  readonly frequencies: MessagingPolicy['frequencies'];
  readonly topics: readonly TopicOption[];
}

export function preferencesView(customer: Customer, policy: MessagingPolicy): PreferencesView {
  const order = channelOrder(customer, policy);
  const channels = offeredChannels(customer, order).map((channel) => ({
    channel,
    allowed: allowed(customer, channel),
    hint: hintFor(customer, channel),
  }));
  const preferred = channels.find((option) => option.allowed)?.channel ?? channels[0]?.channel;
  return {
    customerId: customer.id,
    locale: customer.locale,
    firstName: customer.name.given,
    ...(customer.owner ? { ownerName: customer.owner.name } : {}),
    channels,
    ...(preferred ? { preferred } : {}),
    frequency: customer.preferences?.frequency ?? 'any',
    frequencies: policy.frequencies,
    topics: topicOptions(customer, policy),
  };
}

/**
 * The order `preferred` messages try channels in, as channel resolution reads it: the customer's
 * word on this page, else the profile's, else the deployment's default order.
 */
export function channelOrder(customer: Customer, policy: MessagingPolicy): readonly Channel[] {
  const stated = customer.preferences?.channels ?? customer.channelPreferences;
  return stated.length > 0 ? stated : policy.defaultChannels;
}

/**
 * The channels the page offers: those Rapport could reach the customer on (an address, or a rep
 * for calls and visits), in the customer's order, then the others. Letters are never sent.
 */
export function offeredChannels(
  customer: Customer,
  order: readonly Channel[] = [],
): DeliveryChannel[] {
  const reachable = DeliveryChannel.options.filter((channel) => canReach(customer, channel));
  const rank = (channel: DeliveryChannel) => {
    const index = order.indexOf(channel);
    return index === -1 ? order.length + DeliveryChannel.options.indexOf(channel) : index;
  };
  return reachable.sort((a, b) => rank(a) - rank(b));
}

/** An address to send to, or a rep to call or visit (a call needs a phone number too). */
function canReach(customer: Customer, channel: DeliveryChannel): boolean {
  switch (channel) {
    case 'email':
      return customer.contact.email !== undefined;
    case 'sms':
      return customer.contact.phone !== undefined;
    case 'phone':
      return customer.contact.phone !== undefined && customer.owner !== undefined;
    case 'visit':
      return customer.owner !== undefined;
  }
}

export function allowed(customer: Customer, channel: Channel): boolean {
  return customer.consent[channel]?.status === 'granted';
}

/** Every topic of the policy, subscribed unless the customer left it. */
export function topicOptions(customer: Customer, policy: MessagingPolicy): TopicOption[] {
  return Object.entries(policy.topics).map(([id, label]) => ({
    id,
    label,
    subscribed: customer.preferences?.topics[id] !== false,
  }));
}

/** A topic's labels; a topic no longer in the policy is shown by its id. */
export function topicLabel(policy: MessagingPolicy, id: string): TopicOption['label'] {
  return policy.topics[id] ?? { en: id, es: id };
}

function hintFor(customer: Customer, channel: DeliveryChannel): string {
  switch (channel) {
    case 'email':
      return maskEmail(customer.contact.email ?? '');
    case 'sms':
    case 'phone':
      return maskPhone(customer.contact.phone ?? '');
    case 'visit':
      return customer.owner?.name ?? '';
  }
}

export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

export function maskPhone(phone: string): string {
  return phone.length > 4 ? `••• ${phone.slice(-4)}` : '•••';
}
