import { type Automation, Automation as AutomationSchema } from '../core/automation/automation.ts';
import { planActions } from '../core/automation/plan.ts';
import type { Customer } from '../core/customer/customer.ts';
import type { DomainEvent } from '../core/events.ts';
import type { InteractionType } from '../core/interaction/interaction.ts';
import { loadCatalog } from '../workflows/catalog-loader.ts';
import { type Measurement, measureSync } from './measure.ts';

const TYPES: InteractionType[] = ['purchase', 'visit', 'call', 'complaint', 'chat', 'return'];
const ZONES = ['America/Bogota', 'Europe/Madrid', 'America/Mexico_City', 'UTC'];

/** The shipped automations plus 19 synthetic ones with conditions, so matching has real work. */
function automations(): Automation[] {
  const synthetic = Array.from({ length: 19 }, (_, i) =>
    AutomationSchema.parse({
      id: `bench-rule-${i}`,
      description: 'benchmark rule',
      owner: 'bench',
      enabled: true,
      category: 'marketing',
      trigger: { event: 'interaction.recorded' },
      conditions: [
        { fact: 'interaction.type', op: 'in', value: [TYPES[i % TYPES.length]] },
        { fact: 'interaction.amount.value', op: 'gte', value: i * 10 },
      ],
      delay: i % 2 ? { kind: 'after', duration: 'P3D' } : { kind: 'next-day-at', time: '10:00' },
      action: { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' },
    }),
  );
  return [...loadCatalog().automations, ...synthetic];
}

function event(i: number): { event: DomainEvent; customer: Customer } {
  const customer: Customer = {
    id: `c-${i % 1000}`,
    externalIds: {},
    name: { given: 'Bench' },
    locale: 'es',
    timeZone: ZONES[i % ZONES.length],
    contact: {},
    channelPreferences: [],
    consent: {},
    attributes: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const interaction = {
    id: `i-${i}`,
    customerId: customer.id,
    type: TYPES[i % TYPES.length] as InteractionType,
    touchpoint: 'store' as const,
    occurredAt: new Date(Date.UTC(2026, 10, 23, i % 24)).toISOString(),
    amount: { value: i % 250, currency: 'COP' },
    metadata: {},
    recordedAt: '2026-11-23T00:00:00.000Z',
  };
  return {
    customer,
    event: {
      id: `interaction.recorded:${interaction.id}`,
      type: 'interaction.recorded',
      occurredAt: interaction.recordedAt,
      data: { customerId: customer.id, interaction },
    },
  };
}

export function benchRuleEvaluation(total: number): {
  measurement: Measurement;
  planned: number;
  rules: number;
} {
  const rules = automations();
  const inputs = Array.from({ length: 5000 }, (_, i) => event(i));
  const now = new Date('2026-11-23T00:00:00Z');
  let planned = 0;
  const measurement = measureSync(`rule evaluation (${rules.length} automations)`, total, (i) => {
    const input = inputs[i % inputs.length];
    if (input)
      planned += planActions({ ...input, automations: rules, now, defaultTimeZone: 'UTC' }).length;
  });
  return { measurement, planned, rules: rules.length };
}
