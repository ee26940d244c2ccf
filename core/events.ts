import { z } from 'zod';
import { Channel } from './channels.ts';
import { ConsentStatus, EntityId } from './customer/customer.ts';
import { Interaction } from './interaction/interaction.ts';

/** Where Rapport's events come from on the bus (EventBridge `source`). */
export const EVENT_SOURCE = 'rapport';

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    /** Deterministic per fact, so a replayed fact carries the same id and consumers can dedupe. */
    id: z.string().min(1),
    type: z.literal(type),
    occurredAt: z.iso.datetime(),
    data,
  });

export const CustomerRegistered = envelope(
  'customer.registered',
  z.object({ customerId: EntityId }),
);
export const CustomerUpdated = envelope('customer.updated', z.object({ customerId: EntityId }));
export const InteractionRecorded = envelope(
  'interaction.recorded',
  z.object({ customerId: EntityId, interaction: Interaction }),
);
export const ConsentChanged = envelope(
  'consent.changed',
  z.object({ customerId: EntityId, channel: Channel, status: ConsentStatus, source: z.string() }),
);
export const ActionScheduled = envelope(
  'action.scheduled',
  z.object({
    customerId: EntityId,
    scheduleId: z.string(),
    automationId: z.string(),
    dueAt: z.iso.datetime(),
  }),
);

const messageOutcome = z.object({
  customerId: EntityId,
  messageId: z.string(),
  scheduleId: z.string(),
  automationId: z.string(),
  channel: Channel,
  reason: z.string().optional(),
});
export const MessageSent = envelope('message.sent', messageOutcome);
export const MessageSuppressed = envelope('message.suppressed', messageOutcome);
export const MessageFailed = envelope('message.failed', messageOutcome);

export const DomainEvent = z.discriminatedUnion('type', [
  CustomerRegistered,
  CustomerUpdated,
  InteractionRecorded,
  ConsentChanged,
  ActionScheduled,
  MessageSent,
  MessageSuppressed,
  MessageFailed,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/** Events an automation may be triggered by; the CDK rule and the local bus route exactly these. */
export const TriggerEventType = z.enum([
  'customer.registered',
  'interaction.recorded',
  'consent.changed',
]);
export type TriggerEventType = z.infer<typeof TriggerEventType>;
