import * as z from 'zod';
import { TriggerEventType } from '../events/registry.ts';
import { Condition, IsoDuration } from './condition-schema.ts';

/**
 * Whether a customer may enter the automation again. `always` (the default) treats every trigger
 * as a new entry; `never` allows one entry ever; `after` a new one once the duration has passed
 * since the last; `at-most` a number of entries in total.
 */
export const Reentry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('after'), duration: IsoDuration }),
  z.strictObject({ kind: z.literal('at-most'), times: z.number().int().min(1).max(1000) }),
]);
export type Reentry = z.infer<typeof Reentry>;

/** Checked when the automation fires for a customer, after its conditions. */
export const Guards = z.strictObject({
  /** Not while the customer has an open complaint case (`customer.holds.openCases`). */
  noOpenComplaint: z.boolean().optional(),
  /** Not if Rapport sent the customer anything within this duration (time since last contact). */
  notContactedWithin: IsoDuration.optional(),
});
export type Guards = z.infer<typeof Guards>;

/** An event that means "stop": the customer's pending actions of this automation are cancelled. */
export const ExitCriterion = z.strictObject({
  event: TriggerEventType,
  conditions: z.array(Condition).default([]),
});
export type ExitCriterion = z.infer<typeof ExitCriterion>;

/** What success looks like: the goal event within the window after entry counts as a conversion. */
export const Goal = z.strictObject({
  event: TriggerEventType,
  conditions: z.array(Condition).default([]),
  /** ISO 8601 duration from entry, e.g. P60D. */
  within: IsoDuration,
  /** Whether reaching the goal also exits (cancels what is still pending). @default true */
  exits: z.boolean().default(true),
});
export type Goal = z.infer<typeof Goal>;

/** Share of entering customers kept as a control group: they get a `held-out` decision, no action. */
export const HoldoutShare = z.number().min(0).max(0.5);
