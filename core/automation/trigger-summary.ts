import type { Customer } from '../customer/customer-view.ts';
import { type DomainEvent, eventDefinition } from '../events/registry.ts';

/**
 * The part of the triggering event a message may mention (`trigger.*`), frozen when the action is
 * planned: the message goes out later and the event is not re-read. Each event type's definition
 * says what it offers; dates come pre-formatted in the customer's zone and language.
 */
export function triggerSummary(
  event: DomainEvent,
  customer: Customer,
  timeZone: string,
): Record<string, unknown> {
  const definition = eventDefinition(event.type);
  const summary = definition?.summary?.(event.data as never, { locale: customer.locale, timeZone });
  return { event: event.type, ...summary };
}
