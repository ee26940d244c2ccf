import * as z from 'zod';
import { Channel } from '../channels.ts';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:mm, e.g. 21:00');

/** A span of wall-clock time in the customer's zone; `end` before `start` wraps midnight. */
export const LocalSpan = z.strictObject({ start: LocalTime, end: LocalTime });
export type LocalSpan = z.infer<typeof LocalSpan>;

export const TopicId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, e.g. news');

const Label = z.strictObject({ en: z.string().min(1), es: z.string().min(1) });

/** At most `max` messages of a category in the last `days` local calendar days (today included). */
export const CapRule = z.strictObject({
  category: z.enum(['marketing', 'service']),
  max: z.number().int().min(0).max(100),
  days: z.number().int().min(1).max(366),
});
export type CapRule = z.infer<typeof CapRule>;

/** How often a customer says they want marketing messages (on the preferences page). */
export const Frequency = z.enum(['any', 'weekly', 'monthly']);
export type Frequency = z.infer<typeof Frequency>;

/**
 * How every message respects its customer, for all automations at once: `workflows/messaging.yaml`,
 * validated with the catalog.
 */
export const MessagingPolicy = z.strictObject({
  /** Nothing reaches a customer's phone or inbox in these hours of their own day; it waits. */
  quietHours: LocalSpan.optional(),
  /** The order tried for `preferred` when a customer has stated no preference. */
  defaultChannels: z.array(Channel).min(1).default(['email', 'sms']),
  /** Caps across all automations. Service messages should not be capped. */
  caps: z.array(CapRule).default([{ category: 'marketing', max: 2, days: 7 }]),
  /** Marketing is held back this many days after a detractor's survey answer. */
  detractorHoldDays: z.number().int().min(0).max(365).default(14),
  /** What each stated frequency allows, on top of the caps. */
  frequencies: z
    .strictObject({
      weekly: z.strictObject({ max: z.number().int().min(0), days: z.number().int().min(1) }),
      monthly: z.strictObject({ max: z.number().int().min(0), days: z.number().int().min(1) }),
    })
    .default({ weekly: { max: 1, days: 7 }, monthly: { max: 1, days: 30 } }),
  sms: z.strictObject({ maxSegments: z.number().int().min(1).max(10) }).default({ maxSegments: 3 }),
  /** What marketing messages are about; customers unsubscribe from topics one by one. */
  topics: z
    .record(TopicId, Label)
    .default({ news: { en: 'News and offers', es: 'Novedades y ofertas' } }),
  /** How long the links in a message work. */
  links: z
    .strictObject({ preferencesDays: z.number().int().min(1).max(365) })
    .default({ preferencesDays: 30 }),
});
export type MessagingPolicy = z.infer<typeof MessagingPolicy>;

export const DEFAULT_MESSAGING_POLICY: MessagingPolicy = MessagingPolicy.parse({});
