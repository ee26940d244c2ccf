import { DateTime } from 'luxon';
import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { Interaction } from '../interaction/interaction.ts';
import { defineEvent } from './define.ts';

export const interactionRecorded = defineEvent({
  type: 'interaction.recorded',
  description: 'A touchpoint recorded an interaction (a purchase, visit, call, complaint, ...).',
  data: z.object({ customerId: EntityId, interaction: Interaction }),
  trigger: true,
  facts: (data) => ({ interaction: data.interaction }),
  summary: ({ interaction }, { locale, timeZone }) => ({
    interaction: {
      id: interaction.id,
      type: interaction.type,
      touchpoint: interaction.touchpoint,
      occurredAt: interaction.occurredAt,
      localDate: DateTime.fromISO(interaction.occurredAt, { zone: timeZone })
        .setLocale(locale)
        .toLocaleString(DateTime.DATE_FULL),
      agentName: interaction.agent?.name ?? '',
    },
  }),
  sample: {
    customerId: 'ana-garcia',
    interaction: {
      id: 'pos-2026-11-23-0001',
      customerId: 'ana-garcia',
      type: 'visit',
      touchpoint: 'store',
      occurredAt: '2026-11-23T20:00:00.000Z',
      // Every optional field filled: conditions and templates are checked against this sample.
      amount: { value: 125_000, currency: 'COP' },
      agent: { id: 'agent-3', name: 'Marta' },
      metadata: { store: 'Bogotá Centro' },
      recordedAt: '2026-11-23T20:00:01.000Z',
    },
  },
});
