import { z } from 'zod';
import { Channel } from '../channels.ts';

/**
 * What Rapport computes or learns about a customer, never written by touchpoints: each part is its
 * own item in the customer's partition, written only by the capability that owns it.
 */

/** Whether a channel's address still works (delivery feedback: bounces and complaints stop it). */
export const ChannelReachability = z.object({
  status: z.enum(['reachable', 'bounced', 'complained']),
  at: z.iso.datetime(),
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

/** The customer's value as the last tier run computed it. */
export const ValueState = z.object({
  tier: z.enum(['A', 'B', 'C']),
  stage: RelationshipStage,
  metrics: z.record(z.string(), z.number()),
  computedAt: z.iso.datetime(),
  runId: z.string(),
});
export type ValueState = z.infer<typeof ValueState>;

/** Survey fatigue and the last answer. */
export const SurveyState = z.object({
  lastInvitedAt: z.iso.datetime().optional(),
  lastAnsweredAt: z.iso.datetime().optional(),
  lastScore: z.number().optional(),
});
export type SurveyState = z.infer<typeof SurveyState>;

/** The parts, by the name of the item that holds each. */
export interface SystemState {
  readonly reachability: Reachability;
  readonly holds: Holds;
  readonly value?: ValueState;
  readonly survey?: SurveyState;
}

export const SYSTEM_PARTS = ['reachability', 'holds', 'value', 'survey'] as const;
export type SystemPart = (typeof SYSTEM_PARTS)[number];

export const EMPTY_SYSTEM_STATE: SystemState = { reachability: {}, holds: { openCases: [] } };
