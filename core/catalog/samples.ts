import type { Facts } from '../automation/facts.ts';
import { factsFor } from '../automation/facts.ts';
import type { Customer } from '../customer/customer-view.ts';
import type { SummaryContext } from '../events/define.ts';
import { eventDefinition } from '../events/registry.ts';
import { renderContext } from '../messaging/render-context.ts';
import type { AttributeDeclarations } from './attributes.ts';

/**
 * A customer with every field filled, and every declared attribute set to its example: rendering
 * and fact paths are checked against it, so what it lacks, no real customer can be assumed to have.
 */
export function sampleCustomer(attributes: AttributeDeclarations): Customer {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: 'sample-customer',
    externalIds: { pos: 'P-1' },
    name: { given: 'Ana', family: 'García' },
    locale: 'es-CO',
    timeZone: 'America/Bogota',
    contact: { email: 'ana@example.com', phone: '+573001234567' },
    channelPreferences: ['email'],
    consent: { email: { status: 'granted', source: 'sample', at, by: 'sample' } },
    owner: { id: 'rep-1', name: 'Luis Pérez', email: 'luis@example.com' },
    attributes: Object.fromEntries(Object.entries(attributes).map(([n, d]) => [n, d.example])),
    reachability: { email: { status: 'reachable', at } },
    holds: { openCases: [] },
    value: {
      tier: 'A',
      stage: 'trust',
      // Every field a tier run writes, so conditions and templates on `customer.value.*` check.
      metrics: {
        t1: 1200,
        equity: 6000,
        purchases12m: 9,
        recencyDays: 12,
        baseline: 1100,
        volumeRatio: 1.09,
        pAlive: 0.93,
        expectedPurchases: 8.4,
        expectedSpend: 131.5,
        modelValue: 4870,
      },
      computedAt: at,
      runId: 'sample-run',
      previousTier: 'B',
      asOf: at,
      alerts: { declining: false, lapsed: false, atRisk: false },
      revision: 3,
    },
    survey: { lastInvitedAt: at },
    learned: Object.fromEntries(Object.entries(attributes).map(([n, d]) => [n, d.example])),
    createdAt: at,
    updatedAt: at,
  };
}

const SAMPLE_CONTEXT: SummaryContext = { locale: 'es-CO', timeZone: 'America/Bogota' };

/** The sample event of a trigger type, in its envelope. */
function sampleEvent(triggerType: string) {
  const definition = eventDefinition(triggerType);
  if (!definition) throw new Error(`unknown event type '${triggerType}'`);
  return {
    definition,
    event: {
      id: `${triggerType}:sample`,
      type: triggerType,
      occurredAt: '2026-11-23T20:00:00.000Z',
      data: definition.data.parse(definition.sample),
    },
  };
}

/** What a template of an automation triggered by `triggerType` can read, with sample values. */
export function sampleRenderContext(
  triggerType: string,
  attributes: AttributeDeclarations,
  senderName: string,
): Record<string, unknown> {
  const { definition, event } = sampleEvent(triggerType);
  return renderContext({
    customer: sampleCustomer(attributes),
    automationId: 'sample',
    sender: { name: senderName },
    attributes: Object.keys(attributes),
    trigger: { event: triggerType, ...(definition.summary?.(event.data, SAMPLE_CONTEXT) ?? {}) },
    // Realistic lengths, so an SMS that carries a link is measured with one.
    links: {
      preferences:
        'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/preferences/eyJjIjoic2FtcGxlLWN1c3RvbWVyIiwicCI6InByZWZlcmVuY2VzIiwiZSI6MTc5NjAwMDAwMH0.NtYHbkCRMfRuG3MbAb1Zw5aHmJgrq8h3YBwMSn3Yx8c',
      unsubscribe:
        'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/unsubscribe/eyJjIjoic2FtcGxlLWN1c3RvbWVyIiwicCI6InVuc3Vic2NyaWJlIiwiZSI6MTc5NjAwMDAwMH0.d3tp5Vw7sH8zMw3s4lFh8bYbYtKq7xB4p1m9bQ0eRfo',
    },
  });
}

/** What a condition of an automation triggered by `triggerType` can read, with sample values. */
export function sampleFacts(triggerType: string, attributes: AttributeDeclarations): Facts {
  const { event } = sampleEvent(triggerType);
  return factsFor(event as never, sampleCustomer(attributes));
}

/** Whether `path` names something in `value` (an object path; array items are not addressed). */
export function hasPath(value: unknown, path: readonly string[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}
