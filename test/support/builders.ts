import { type Customer, CustomerInput } from '../../core/customer/customer.ts';
import type { DomainEvent } from '../../core/events.ts';
import { Interaction, InteractionInput } from '../../core/interaction/interaction.ts';
import anaJson from '../fixtures/customer-ana.json' with { type: 'json' };
import visitJson from '../fixtures/interaction-visit.json' with { type: 'json' };

/** The fixture as a touchpoint would send it; cloned so a test can change it freely. */
export const anaInput = (): Record<string, unknown> => structuredClone(anaJson);
export const visitInput = (): Record<string, unknown> => structuredClone(visitJson);

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  const input = CustomerInput.parse(anaInput());
  return {
    ...input,
    id: input.id ?? 'ana-garcia',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function anInteraction(overrides: Partial<Interaction> = {}): Interaction {
  const { customer: _ref, ...fields } = InteractionInput.parse(visitInput());
  return Interaction.parse({
    ...fields,
    customerId: 'ana-garcia',
    recordedAt: '2026-11-23T20:00:01.000Z',
    ...overrides,
  });
}

export function interactionRecorded(interaction: Interaction = anInteraction()): DomainEvent {
  return {
    id: `interaction.recorded:${interaction.id}`,
    type: 'interaction.recorded',
    occurredAt: interaction.recordedAt,
    data: { customerId: interaction.customerId, interaction },
  };
}
