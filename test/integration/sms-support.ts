import { Catalog } from '../../core/catalog/catalog.ts';
import type { RecordedSms } from '../../local/sms-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { anAutomation } from '../support/catalogs.ts';

const granted = { status: 'granted', source: 'pos', at: '2026-11-01T10:00:00-05:00' } as const;

/** A thank-you on the customer's preferred channel, sent as soon as a visit is recorded. */
export const smsCatalog = Catalog.build(
  {
    automations: [
      {
        file: 'automations/thanks.yaml',
        data: anAutomation({
          id: 'thanks',
          delay: { kind: 'none' },
          action: { kind: 'send-message', channel: 'preferred', template: 'thanks' },
        }),
      },
    ],
    templates: [
      {
        file: 'templates/thanks/en.yaml',
        templateId: 'thanks',
        locale: 'en',
        data: {
          subject: 'Thank you, {{ customer.firstName }}',
          text: 'Hi {{ customer.firstName }}, thank you for your visit.',
          sms: 'Hi {{ customer.firstName }}, thank you for your visit today. {{ sender.name }}',
        },
      },
    ],
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

/** Registers a customer who prefers `channels`, with consent for `consented` only. */
export function customerInput(
  id: string,
  contact: { email: string; phone: string },
  channels: readonly string[],
  consented: readonly string[],
) {
  return {
    ...anaInput(),
    id,
    externalIds: {},
    locale: 'en',
    contact,
    channelPreferences: channels,
    consent: Object.fromEntries(consented.map((channel) => [channel, granted])),
  };
}

export function visitBy(customerId: string, id = `visit-${customerId}`) {
  return { ...visitInput(), id, customer: { id: customerId }, occurredAt: '2026-11-24T15:00:00Z' };
}

/** The local End User Messaging SMS endpoint's record, read over HTTP like the SES outbox. */
export async function sentSms(apiUrl: string, to?: string): Promise<RecordedSms[]> {
  const response = await fetch(`${apiUrl}/_local/sms`);
  const { messages } = (await response.json()) as { messages: RecordedSms[] };
  return to === undefined ? messages : messages.filter((message) => message.to === to);
}
