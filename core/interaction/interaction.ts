import { z } from 'zod';
import { EntityId, SourceSystem } from '../customer/customer.ts';
import { Instant } from '../time-zone.ts';

export const InteractionType = z.enum([
  'purchase',
  'return',
  'quote',
  'visit',
  'call',
  'chat',
  'email',
  'support',
  'complaint',
  'event-attendance',
  'other',
]);
export type InteractionType = z.infer<typeof InteractionType>;

/** Where the interaction happened: the touchpoint the customer used. */
export const Touchpoint = z.enum([
  'store',
  'call-centre',
  'web',
  'app',
  'chat',
  'social',
  'email',
  'sales-rep',
  'event',
]);
export type Touchpoint = z.infer<typeof Touchpoint>;

/** A customer is named either by Rapport id or by an id another system gave them. */
export const CustomerRef = z.union([
  z.object({ id: EntityId }).strict(),
  z.object({ system: SourceSystem, externalId: z.string().min(1).max(128) }).strict(),
]);
export type CustomerRef = z.infer<typeof CustomerRef>;

export const Money = z.object({
  value: z.number().finite(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as COP'),
});

export const InteractionInput = z
  .object({
    /** The idempotency key: the same id recorded twice is one interaction. */
    id: EntityId,
    customer: CustomerRef,
    type: InteractionType,
    touchpoint: Touchpoint,
    occurredAt: Instant,
    amount: Money.optional(),
    agent: z.object({ id: EntityId, name: z.string().max(120).optional() }).optional(),
    // Bounded so that an interaction always fits one DynamoDB item (400 KB) with room to spare.
    metadata: z
      .record(z.string().max(80), z.unknown())
      .default({})
      .refine((value) => JSON.stringify(value).length <= 16_384, 'must be at most 16 KB as JSON'),
  })
  .strict();
export type InteractionInput = z.input<typeof InteractionInput>;

export const Interaction = InteractionInput.omit({ customer: true }).extend({
  customerId: EntityId,
  recordedAt: z.iso.datetime(),
});
export type Interaction = z.infer<typeof Interaction>;
