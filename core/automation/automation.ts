import { Duration } from 'luxon';
import { z } from 'zod';
import { DeliverableChannel } from '../channels.ts';
import { TriggerEventType } from '../events/registry.ts';

export const AutomationId = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, e.g. next-day-follow-up');

/**
 * A dotted path into the evaluation facts: `event.*`, `customer.*` and what the trigger adds
 * (`interaction.type` for interaction.recorded, ...). The catalog checks each path against the
 * trigger's sample facts, so a path the trigger cannot have fails validation.
 */
export const FactPath = z
  .string()
  .regex(
    /^[a-z][A-Za-z]*(\.[A-Za-z0-9_-]+)+$/,
    'use a dotted path such as interaction.type or customer.attributes.segment',
  );

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Condition = z.discriminatedUnion('op', [
  z.object({ fact: FactPath, op: z.enum(['equals', 'not-equals']), value: Scalar }).strict(),
  z
    .object({ fact: FactPath, op: z.enum(['in', 'not-in']), value: z.array(Scalar).min(1) })
    .strict(),
  z.object({ fact: FactPath, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).strict(),
  z.object({ fact: FactPath, op: z.enum(['exists', 'not-exists']) }).strict(),
]);
export type Condition = z.infer<typeof Condition>;

/** Longer waits are not relationship timing but data mistakes (and keep due times in range). */
const MAX_DELAY_MS = 5 * 366 * 86_400_000;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:mm, e.g. 10:00');

export const Delay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('after'),
      /** ISO 8601 duration, e.g. PT2H or P3D. */
      duration: z
        .string()
        .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
          message: 'use an ISO 8601 duration such as PT2H or P3D',
        })
        .refine(
          (text) => Duration.fromISO(text).toMillis() <= MAX_DELAY_MS,
          'must be at most 5 years (P5Y)',
        ),
    })
    .strict(),
  z
    .object({
      kind: z.literal('next-day-at'),
      /** Wall-clock time in the customer's own time zone. */
      time: LocalTime,
    })
    .strict(),
]);
export type Delay = z.infer<typeof Delay>;

export const Action = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('send-message'),
      channel: DeliverableChannel,
      template: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use the template folder name'),
    })
    .strict(),
]);
export type Action = z.infer<typeof Action>;

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
    conditions: z.array(Condition).default([]),
    delay: Delay,
    action: Action,
  })
  .strict();
export type Automation = z.infer<typeof Automation>;
