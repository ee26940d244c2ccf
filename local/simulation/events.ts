import type { Catalog } from '../../core/catalog/catalog.ts';
import { type DomainEvent, eventDefinition } from '../../core/events/registry.ts';
import type { InteractionType } from '../../core/interaction/interaction.ts';
import { zoneOffsets } from '../../core/time/zone-offsets.ts';
import type { SimulatedCustomer } from './population.ts';
import type { Random } from './random.ts';

const DAY_MS = 86_400_000;

/** How often each interaction type happens, relative to the others. */
const TYPES: Readonly<Record<InteractionType, number>> = {
  purchase: 30,
  return: 3,
  quote: 6,
  visit: 20,
  call: 12,
  chat: 8,
  email: 6,
  support: 6,
  complaint: 2,
  'event-attendance': 4,
  other: 3,
};

const TOUCHPOINT: Readonly<Record<InteractionType, string>> = {
  purchase: 'store',
  return: 'store',
  quote: 'sales-rep',
  visit: 'store',
  call: 'call-centre',
  chat: 'chat',
  email: 'email',
  support: 'call-centre',
  complaint: 'call-centre',
  'event-attendance': 'event',
  other: 'web',
};

/** Triggers the simulator does not invent: they come from what happens (message.sent) or interactions. */
const DERIVED = new Set(['interaction.recorded', 'message.sent']);

/** Per customer per day, for trigger events other than interactions (tier alerts, ...). */
const OTHER_TRIGGER_RATE = 0.002;

/**
 * The events of one day: each customer's interactions (at their rate, during their own business
 * hours), and the other trigger events the catalog listens to, from each event's registry sample.
 */
export function eventsOfDay(
  day: number,
  start: number,
  people: readonly SimulatedCustomer[],
  catalog: Catalog,
  random: Random,
  defaultTimeZone: string,
): { at: number; event: DomainEvent }[] {
  const dayStart = start + day * DAY_MS;
  const triggers = otherTriggers(catalog);
  const events: { at: number; event: DomainEvent }[] = [];
  for (const { customer, dailyRate } of people) {
    const zone = zoneOffsets(customer.timeZone ?? defaultTimeZone);
    const businessHour = () => {
      // Business hours on the customer's clock: 08:00-20:00 local, as UTC.
      const localMs = dayStart + (8 + random.next() * 12) * 3_600_000;
      const offset = zone ? zone.offsetAt(localMs) : 0;
      return Math.floor((localMs - offset * 60_000) / 1000) * 1000;
    };
    if (random.chance(dailyRate)) {
      const at = businessHour();
      events.push({ at: at + 2000, event: interactionEvent(customer.id, day, at, random) });
    }
    for (const type of triggers) {
      if (!random.chance(OTHER_TRIGGER_RATE)) continue;
      const event = sampleEvent(type, customer.id, day, businessHour());
      if (event) events.push({ at: Date.parse(event.occurredAt), event });
    }
  }
  return events;
}

function interactionEvent(
  customerId: string,
  day: number,
  at: number,
  random: Random,
): DomainEvent {
  const type = random.weighted(TYPES);
  const id = `${customerId}-d${day}-${Math.floor(random.next() * 1e6)}`;
  const money = type === 'purchase' || type === 'return';
  const amount = money
    ? {
        amount: {
          value: (type === 'return' ? -1 : 1) * random.int(20, 900) * 1000,
          currency: 'COP',
        },
      }
    : {};
  const recordedAt = new Date(at + 1000).toISOString();
  return {
    id: `interaction.recorded:${id}`,
    type: 'interaction.recorded',
    occurredAt: recordedAt,
    data: {
      customerId,
      interaction: {
        id,
        customerId,
        type,
        touchpoint: TOUCHPOINT[type],
        occurredAt: new Date(at).toISOString(),
        ...amount,
        metadata: {},
        recordedAt,
      },
    },
  } as DomainEvent;
}

/** Another trigger event for the customer, from its registry sample. */
function sampleEvent(type: string, customerId: string, day: number, at: number) {
  const definition = eventDefinition(type);
  if (!definition) return undefined;
  const data = definition.data.parse({ ...(definition.sample as object), customerId });
  const occurredAt = new Date(at).toISOString();
  return { id: `${type}:${customerId}:d${day}`, type, occurredAt, data } as DomainEvent;
}

function otherTriggers(catalog: Catalog): string[] {
  const types = new Set<string>();
  for (const automation of catalog.automations) {
    types.add(automation.trigger.event);
    for (const exit of automation.exit) types.add(exit.event);
    if (automation.goal) types.add(automation.goal.event);
  }
  return [...types].filter((type) => !DERIVED.has(type)).sort();
}
