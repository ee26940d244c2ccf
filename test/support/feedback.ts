import { randomUUID } from 'node:crypto';
import { Catalog } from '../../core/catalog/catalog.ts';
import { anAutomation } from './catalogs.ts';

export const granted = {
  status: 'granted',
  source: 'pos',
  at: '2026-11-01T10:00:00-05:00',
} as const;

/** SES's mailbox simulator; a `+label` keeps each test's address its own in the shared outbox. */
export const simulator = (kind: 'bounce' | 'complaint' | 'success') =>
  `${kind}+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;

/** A thank-you on the customer's preferred channel after a visit; a receipt by email only. */
export const feedbackCatalog = Catalog.build(
  {
    automations: [
      {
        file: 'automations/visit-thanks.yaml',
        data: anAutomation({
          id: 'visit-thanks',
          delay: { kind: 'none' },
          conditions: [{ fact: 'interaction.type', op: 'equals', value: 'visit' }],
          action: { kind: 'send-message', channel: 'preferred', template: 'thanks' },
        }),
      },
      {
        file: 'automations/purchase-receipt.yaml',
        data: anAutomation({
          id: 'purchase-receipt',
          delay: { kind: 'none' },
          conditions: [{ fact: 'interaction.type', op: 'equals', value: 'purchase' }],
          action: { kind: 'send-message', channel: 'email', template: 'receipt' },
        }),
      },
    ],
    templates: [
      {
        file: 'templates/thanks/en.yaml',
        templateId: 'thanks',
        locale: 'en',
        data: {
          subject: 'Thanks, {{ customer.firstName }}',
          text: 'Thanks for your visit, {{ customer.firstName }}.',
          task: 'Call {{ customer.fullName }} to thank them for their visit.',
        },
      },
      {
        file: 'templates/receipt/en.yaml',
        templateId: 'receipt',
        locale: 'en',
        data: { subject: 'Your receipt', text: 'Thanks for your purchase.' },
      },
    ],
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

/** The detail SES publishes for a hard bounce of `message` (its shape as SES documents it). */
export function bounceOf(message: { providerMessageId?: string } | undefined, address: string) {
  return {
    eventType: 'Bounce',
    mail: {
      timestamp: '2026-11-24T15:00:00.000Z',
      messageId: message?.providerMessageId ?? 'missing',
      destination: [address],
      tags: { 'ses:configuration-set': ['rapport'] },
    },
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        { emailAddress: address, diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: '2026-11-24T15:00:00.000Z',
      feedbackId: 'replayed-feedback',
    },
  };
}
