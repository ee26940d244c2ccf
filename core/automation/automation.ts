import * as z from 'zod';
import { TriggerEventType } from '../events/registry.ts';
import { LocalSpan } from '../messaging/policy.ts';
import { Action } from './actions.ts';
import { Condition, FactPath, IsoDuration, LocalTime } from './condition-schema.ts';
import { ExitCriterion, Goal, Guards, HoldoutShare, Reentry } from './entry.ts';

export { Action, type ActionKind } from './actions.ts';
export { Condition, FactPath } from './condition-schema.ts';

export const AutomationId = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, e.g. next-day-follow-up');

export const Delay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('after'),
      /** ISO 8601 duration, e.g. PT2H or P3D. */
      duration: IsoDuration,
    })
    .strict(),
  z
    .object({
      kind: z.literal('next-day-at'),
      /** Wall-clock time in the customer's own time zone. */
      time: LocalTime,
    })
    .strict(),
  z
    .object({
      /**
       * N days before a date the customer carries (e.g. a warranty's end), at a local time:
       * `customer.attributes.warrantyExpiresOn` minus 30 days at 10:00 in the customer's zone.
       * A customer without the date, or whose due time has passed, does not enter.
       */
      kind: z.literal('before-date'),
      field: FactPath,
      days: z.number().int().min(0).max(1830),
      time: LocalTime,
    })
    .strict(),
]);
export type Delay = z.infer<typeof Delay>;

/** One automation file under workflows/automations/. */
export const Automation = z
  .object({
    id: AutomationId,
    description: z.string().min(1),
    owner: z.string().min(1),
    enabled: z.boolean(),
    /** Marketing messages will be capped and held back; service messages are exempt. */
    category: z.enum(['service', 'marketing']),
    trigger: z.object({ event: TriggerEventType }).strict(),
    /** Filters on the event and on the customer (tier, stage, attributes, consent), all must hold. */
    conditions: z.array(Condition).default([]),
    /** Checked after the conditions: no open complaint, not contacted recently. */
    guards: Guards.default({}),
    delay: Delay,
    /** Hours of the customer's day to send in; a due message outside them waits for the next. */
    window: LocalSpan.optional(),
    action: Action,
    /** When two automations would message a customer on the same day, the higher one wins. */
    priority: z.number().int().min(0).max(100).default(50),
    reentry: Reentry.default({ kind: 'always' }),
    /** Events that cancel the customer's pending actions of this automation (a purchase, ...). */
    exit: z.array(ExitCriterion).default([]),
    goal: Goal.optional(),
    /** Share of entries kept as a control group (deterministic per automation and customer). */
    holdout: HoldoutShare.default(0),
  })
  .strict();
export type Automation = z.infer<typeof Automation>;
