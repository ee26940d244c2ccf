import type { Channel } from '../channels.ts';

/** What happened to one planned message, and why: the answer to "why did she not get it?". */
export type DecisionOutcome =
  | 'sent'
  | 'deferred'
  | 'held'
  | 'suppressed'
  | 'failed'
  | 'fallback'
  | 'skipped'
  | 'expired'
  /** A non-message action (set-attribute, open-case, start-workflow) was carried out. */
  | 'done'
  /** The customer is in the automation's control group: nothing was done, on purpose. */
  | 'held-out';

export interface Decision {
  readonly at: string;
  readonly customerId: string;
  readonly scheduleId: string;
  readonly automationId: string;
  readonly category: 'service' | 'marketing';
  readonly outcome: DecisionOutcome;
  readonly reason?: string;
  readonly channel?: Channel;
  /** For a deferral: when it will be tried again. */
  readonly until?: string;
  /** The zone the rules were applied in, and whether it was the customer's or the default. */
  readonly timeZone: string;
  readonly timeZoneSource: 'customer' | 'default';
  /** Channels passed over before the one used (or before giving up), with their reasons. */
  readonly skipped?: readonly { readonly channel: Channel; readonly reason: string }[];
}
