import type { Channel, DeliveryChannel } from '../channels.ts';
import type { Customer } from '../customer/customer-view.ts';
import { capReached, type SentMessage } from './caps.ts';
import { type ChannelSkip, resolveChannel, type SkipReason } from './channel-resolution.ts';
import type { LocalSpan, MessagingPolicy } from './policy.ts';
import { type TimingReason, timingFor } from './timing.ts';

export type HoldReason = 'held-open-complaint' | 'held-after-detractor';
export type SuppressReason =
  | SkipReason
  | 'unsubscribed-topic'
  | 'frequency-cap'
  | 'customer-frequency'
  | 'customer-not-found';

export type MessagePlan =
  | { readonly kind: 'hold'; readonly reason: HoldReason }
  | {
      readonly kind: 'suppress';
      readonly reason: SuppressReason;
      readonly skipped: readonly ChannelSkip[];
    }
  | { readonly kind: 'defer'; readonly until: Date; readonly reason: TimingReason }
  | {
      readonly kind: 'send';
      readonly channel: DeliveryChannel;
      readonly address: string;
      readonly skipped: readonly ChannelSkip[];
    };

export interface MessageRequest {
  readonly customer: Customer;
  readonly category: 'service' | 'marketing';
  readonly topic?: string;
  readonly requested: DeliveryChannel | 'preferred';
  /** The automation's send window, if it has one. */
  readonly window?: LocalSpan;
  readonly now: Date;
  readonly timeZone: string;
  readonly policy: MessagingPolicy;
  /** Messages recently sent to the customer, for caps. */
  readonly sent: readonly SentMessage[];
  readonly sendable: (channel: DeliveryChannel) => 'ok' | 'no-sender' | 'no-template';
  readonly excluded: ReadonlySet<Channel>;
}

/**
 * One policy across marketing and service, in this order: marketing is held while a complaint is
 * open or after a detractor's answer, and not sent on a topic the customer left; then the channel
 * (preferences × consent × reachability); then the customer's quiet hours and the automation's
 * send window, which defer and never drop; then the caps (the deployment's and the customer's own
 * frequency), counted when the message would actually go. Service messages are never held, capped
 * or topic-bound.
 */
export function decideMessage(request: MessageRequest): MessagePlan {
  const { customer, now, policy } = request;
  const marketing = request.category === 'marketing';
  if (marketing) {
    const hold = holdOf(customer, now);
    if (hold) return { kind: 'hold', reason: hold };
    if (request.topic && customer.preferences?.topics[request.topic] === false)
      return { kind: 'suppress', reason: 'unsubscribed-topic', skipped: [] };
  }
  const choice = resolveChannel({
    customer,
    requested: request.requested,
    defaultChannels: policy.defaultChannels,
    sendable: request.sendable,
    excluded: request.excluded,
  });
  if (choice.kind === 'none')
    return { kind: 'suppress', reason: choice.reason, skipped: choice.skipped };
  const timing = timingFor({
    now,
    timeZone: request.timeZone,
    // A task is for the customer's owner, not a message to the customer at night.
    ...(choice.channel === 'email' || choice.channel === 'sms'
      ? { quietHours: policy.quietHours }
      : {}),
    ...(request.window ? { window: request.window } : {}),
  });
  if (timing.kind === 'defer') return timing;
  if (marketing) {
    const reason = capOf(request);
    if (reason) return { kind: 'suppress', reason, skipped: choice.skipped };
  }
  return {
    kind: 'send',
    channel: choice.channel,
    address: choice.address,
    skipped: choice.skipped,
  };
}

export function holdOf(customer: Customer, now: Date): HoldReason | undefined {
  if (customer.holds.openCases.length > 0) return 'held-open-complaint';
  const until = customer.holds.marketingHeldUntil;
  if (until && Date.parse(until) > now.getTime()) return 'held-after-detractor';
  return undefined;
}

function capOf(request: MessageRequest): 'frequency-cap' | 'customer-frequency' | undefined {
  const base = {
    now: request.now,
    timeZone: request.timeZone,
    category: request.category,
    sent: request.sent,
  };
  if (capReached({ ...base, rules: request.policy.caps })) return 'frequency-cap';
  const frequency = request.customer.preferences?.frequency;
  if (frequency && frequency !== 'any') {
    const rule = { category: 'marketing' as const, ...request.policy.frequencies[frequency] };
    if (capReached({ ...base, rules: [rule] })) return 'customer-frequency';
  }
  return undefined;
}
