import * as z from 'zod';
import { Channel } from '../channels.ts';

/**
 * What Rapport computes or learns about a customer, never written by touchpoints: each part is its
 * own item in the customer's partition, written only by the capability that owns it.
 */

/**
 * Whether a channel's address still works (delivery feedback: a hard bounce or a complaint stops
 * it). It names the address, so a customer who changes it is reachable again on the new one.
 */
export const ChannelReachability = z.object({
  status: z.enum(['reachable', 'bounced', 'complained']),
  at: z.iso.datetime(),
  address: z.string().optional(),
  reason: z.string().optional(),
});
export type ChannelReachability = z.infer<typeof ChannelReachability>;
export const Reachability = z.partialRecord(Channel, ChannelReachability);
export type Reachability = z.infer<typeof Reachability>;

/** What holds marketing back: open complaint cases, a recent detractor answer. */
export const Holds = z.object({
  openCases: z.array(z.string()).default([]),
  /** Marketing is held until this instant (e.g. N days after a detractor answer). */
  marketingHeldUntil: z.iso.datetime().optional(),
});
export type Holds = z.infer<typeof Holds>;

export const RelationshipStage = z.enum(['contact', 'relate', 'intimacy', 'trust']);
export type RelationshipStage = z.infer<typeof RelationshipStage>;

export const Tier = z.enum(['A', 'B', 'C']);
export type Tier = z.infer<typeof Tier>;

/** Alerts a tier run raised; each event is emitted when its flag turns on (core/tiers/decide.ts). */
export const ValueAlerts = z.object({
  declining: z.boolean(),
  lapsed: z.boolean(),
  atRisk: z.boolean(),
});
export type ValueAlerts = z.infer<typeof ValueAlerts>;

/** The customer's value as the last tier run computed it (metrics: core/tiers/metrics.ts). */
export const ValueState = z.object({
  tier: Tier,
  stage: RelationshipStage,
  metrics: z.record(z.string(), z.number()),
  computedAt: z.iso.datetime(),
  runId: z.string(),
  /** The tier before the run that last changed it, for the run's movements. */
  previousTier: Tier.optional(),
  /** The instant the metrics describe. */
  asOf: z.iso.datetime().optional(),
  alerts: ValueAlerts.optional(),
  /** Incremented on every write: the condition of the next one (optimistic concurrency). */
  revision: z.number().int().min(1).optional(),
  /** The event types written with this state, so a retried chunk of the same run counts them. */
  emitted: z.array(z.string()).optional(),
});
export type ValueState = z.infer<typeof ValueState>;

/** Survey fatigue and the last answer. */
export const SurveyState = z.object({
  lastInvitedAt: z.iso.datetime().optional(),
  lastAnsweredAt: z.iso.datetime().optional(),
  lastScore: z.number().optional(),
});
export type SurveyState = z.infer<typeof SurveyState>;

/**
 * What the customer said on the preferences page: channels in order, how often, which topics. It
 * is the customer's own word, so it comes before what a touchpoint recorded in the profile.
 */
export const Preferences = z.object({
  channels: z.array(Channel).optional(),
  frequency: z.enum(['any', 'weekly', 'monthly']).optional(),
  /** `false` for a topic the customer unsubscribed from; absent means subscribed. */
  topics: z.record(z.string(), z.boolean()).default({}),
  updatedAt: z.iso.datetime(),
});
export type Preferences = z.infer<typeof Preferences>;

/**
 * Attributes Rapport itself wrote (an automation's set-attribute, a drip answer), read as
 * `customer.learned.<name>`. Kept apart from the profile's attributes so a touchpoint's PUT, which
 * replaces the profile, cannot clobber them.
 */
export const Learned = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type Learned = z.infer<typeof Learned>;

/** The parts, by the name of the item that holds each. */
export interface SystemState {
  readonly reachability: Reachability;
  readonly holds: Holds;
  readonly value?: ValueState;
  readonly survey?: SurveyState;
  readonly preferences?: Preferences;
  readonly learned?: Learned;
}

export const SYSTEM_PARTS = [
  'reachability',
  'holds',
  'value',
  'survey',
  'preferences',
  'learned',
] as const;
export type SystemPart = (typeof SYSTEM_PARTS)[number];

export const EMPTY_SYSTEM_STATE: SystemState = { reachability: {}, holds: { openCases: [] } };
