import type { Customer } from '../customer/customer-view.ts';
import { type DomainEvent, eventDefinition } from '../events/registry.ts';

/**
 * What an automation's conditions read: the triggering event (`event.*`), the customer it concerns
 * (`customer.*`: profile, consent, reachability, holds, value) and what the event's definition
 * adds (`interaction.*` for interaction.recorded, `consent.*` for consent.changed, ...).
 */
export type Facts = Readonly<Record<string, unknown>>;

export function factsFor(event: DomainEvent, customer: Customer): Facts {
  const added = eventDefinition(event.type)?.facts?.(event.data as never) ?? {};
  return { ...added, event, customer };
}

export function readFact(facts: Facts, path: string): unknown {
  return readPath(facts, path.split('.'));
}

export function readPath(facts: Facts, path: readonly string[]): unknown {
  let current: unknown = facts;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
