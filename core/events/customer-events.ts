import * as z from 'zod';
import { Channel } from '../channels.ts';
import { ConsentStatus, EntityId } from '../customer/customer.ts';
import { defineEvent } from './define.ts';

export const customerRegistered = defineEvent({
  type: 'customer.registered',
  description: 'A touchpoint registered a new customer (POST /customers, or PUT to a new id).',
  data: z.object({ customerId: EntityId }),
  trigger: true,
  summary: () => ({}),
  sample: { customerId: 'ana-garcia' },
});

export const customerUpdated = defineEvent({
  type: 'customer.updated',
  description: "A touchpoint replaced a customer's profile (PUT /customers/{id}).",
  data: z.object({ customerId: EntityId, changed: z.array(z.string()) }),
  trigger: false,
  sample: { customerId: 'ana-garcia', changed: ['contact', 'attributes'] },
});

export const consentChanged = defineEvent({
  type: 'consent.changed',
  description:
    'A consent decision was recorded for one channel (the consent route or registration).',
  data: z.object({
    customerId: EntityId,
    channel: Channel,
    status: ConsentStatus,
    source: z.string(),
    /** Who recorded it: the calling principal (IAM ARN on AWS). */
    by: z.string(),
  }),
  trigger: true,
  facts: (data) => ({
    consent: { channel: data.channel, status: data.status, source: data.source },
  }),
  summary: (data) => ({ consent: { channel: data.channel, status: data.status } }),
  sample: {
    customerId: 'ana-garcia',
    channel: 'email',
    status: 'granted',
    source: 'web-form',
    by: 'arn:aws:iam::123456789012:role/pos',
  },
});
