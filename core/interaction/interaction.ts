import * as z from 'zod';
import { EntityId, ExternalIdValue, SourceSystem } from '../customer/customer.ts';
import { Instant } from '../time-zone.ts';
import { StorableNumber, storableJson } from '../validation/storable.ts';
import { SingleLineText } from '../validation/text.ts';

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

/** Types whose amount is money given back to the customer, so it may be negative. */
export const REFUND_TYPES: ReadonlySet<InteractionType> = new Set(['return']);

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
  z.strictObject({ id: EntityId }),
  z.strictObject({ system: SourceSystem, externalId: ExternalIdValue }),
]);
export type CustomerRef = z.infer<typeof CustomerRef>;

export const Money = z.strictObject({
  value: StorableNumber,
  currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as COP'),
});

const InteractionFields = z.strictObject({
  /** The idempotency key: the same id recorded twice is one interaction. */
  id: EntityId,
  customer: CustomerRef,
  type: InteractionType,
  touchpoint: Touchpoint,
  occurredAt: Instant,
  amount: Money.optional(),
  agent: z.strictObject({ id: EntityId, name: SingleLineText(120).optional() }).optional(),
  // Bounded so that an interaction always fits one DynamoDB item (400 KB) with room to spare.
  metadata: z
    .record(z.string().min(1).max(80), z.unknown())
    .default({})
    .superRefine(storableJson(16 * 1024)),
});

export const InteractionInput = InteractionFields.superRefine((input, context) => {
  if (input.amount && input.amount.value < 0 && !REFUND_TYPES.has(input.type)) {
    context.addIssue({
      code: 'custom',
      path: ['amount', 'value'],
      message: `must not be negative for a ${input.type}; money given back is recorded as type 'return'`,
    });
  }
});
export type InteractionInput = z.input<typeof InteractionInput>;

export const Interaction = InteractionFields.omit({ customer: true }).extend({
  customerId: EntityId,
  recordedAt: z.iso.datetime(),
});
export type Interaction = z.infer<typeof Interaction>;
