import * as z from 'zod';
import { Channel } from '../channels.ts';
import { EntityId } from '../customer/customer.ts';
import { defineEvent } from './define.ts';

export const actionScheduled = defineEvent({
  type: 'action.scheduled',
  description: 'The engine planned an action for a customer; it waits for its due time.',
  data: z.object({
    customerId: EntityId,
    scheduleId: z.string(),
    automationId: z.string(),
    dueAt: z.iso.datetime(),
  }),
  trigger: false,
  sample: {
    customerId: 'ana-garcia',
    scheduleId: 'next-day-follow-up--0123456789abcdef01234567',
    automationId: 'next-day-follow-up',
    dueAt: '2026-11-24T15:00:00.000Z',
  },
});

export const actionSkipped = defineEvent({
  type: 'action.skipped',
  description:
    'A planned action was not carried out for a reason that is not about the customer (its automation was disabled).',
  data: z.object({
    customerId: EntityId,
    scheduleId: z.string(),
    automationId: z.string(),
    reason: z.string(),
  }),
  trigger: false,
  sample: {
    customerId: 'ana-garcia',
    scheduleId: 'next-day-follow-up--0123456789abcdef01234567',
    automationId: 'next-day-follow-up',
    reason: 'automation-disabled',
  },
});

const messageOutcome = z.object({
  customerId: EntityId,
  messageId: z.string(),
  scheduleId: z.string(),
  automationId: z.string(),
  /** Absent when no channel was chosen (suppressed before one could be). */
  channel: Channel.optional(),
  reason: z.string().optional(),
});

const messageSample = {
  customerId: 'ana-garcia',
  messageId: 'next-day-follow-up--0123456789abcdef01234567',
  scheduleId: 'next-day-follow-up--0123456789abcdef01234567',
  automationId: 'next-day-follow-up',
  channel: 'email',
} as const;

export const messageSent = defineEvent({
  type: 'message.sent',
  description: 'A message was handed to its channel provider (SES for email).',
  data: messageOutcome,
  trigger: true,
  facts: (data) => ({ message: data }),
  summary: (data) => ({ message: { automationId: data.automationId, channel: data.channel } }),
  sample: messageSample,
});

export const messageSuppressed = defineEvent({
  type: 'message.suppressed',
  description:
    'A message was not sent because of the customer (no consent, no address, erased, ...).',
  data: messageOutcome,
  trigger: false,
  sample: { ...messageSample, reason: 'consent-denied' },
});

export const messageFailed = defineEvent({
  type: 'message.failed',
  description:
    'A message could not be sent (rejected by the provider, template error, outcome unknown).',
  data: messageOutcome,
  trigger: false,
  sample: { ...messageSample, reason: 'delivery-error: address rejected' },
});
