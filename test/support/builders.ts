import type { ConsentMap } from '../../core/customer/consent.ts';
import { CustomerInput, type CustomerProfile } from '../../core/customer/customer.ts';
import type { Customer } from '../../core/customer/customer-view.ts';
import { EMPTY_SYSTEM_STATE } from '../../core/customer/system-state.ts';
import type { DomainEvent } from '../../core/events/registry.ts';
import { Interaction, InteractionInput } from '../../core/interaction/interaction.ts';
import anaJson from '../fixtures/customer-ana.json' with { type: 'json' };
import visitJson from '../fixtures/interaction-visit.json' with { type: 'json' };

/** The fixture as a touchpoint would send it; cloned so a test can change it freely. */
export const anaInput = (): Record<string, unknown> => structuredClone(anaJson);
export const visitInput = (): Record<string, unknown> => structuredClone(visitJson);

/** Ana as a reader sees her: profile, consent in force (recorded by `pos`), empty system state. */
export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  const { consent, ...input } = CustomerInput.parse(anaInput());
  const inForce: ConsentMap = Object.fromEntries(
    Object.entries(consent).map(([channel, decision]) => [channel, { ...decision, by: 'pos' }]),
  );
  return {
    ...input,
    id: input.id ?? 'ana-garcia',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    consent: inForce,
    ...EMPTY_SYSTEM_STATE,
    ...overrides,
  };
}

/** Ana's profile only: what touchpoints own. */
export function aProfile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  const {
    consent: _c,
    reachability: _r,
    holds: _h,
    value: _v,
    survey: _s,
    ...profile
  } = aCustomer();
  return { ...profile, ...overrides };
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
