import { DateTime } from 'luxon';
import type { Customer } from '../customer/customer.ts';
import type { DomainEvent } from '../events.ts';

/**
 * The part of the triggering event that a message may mention, frozen when the action is planned
 * (the message goes out a day later; the event is not re-read). Dates are pre-formatted in the
 * customer's zone and language so templates need no date logic.
 */
export function triggerSummary(
  event: DomainEvent,
  customer: Customer,
  timeZone: string,
): Record<string, unknown> {
  if (event.type !== 'interaction.recorded') return { event: event.type };
  const { interaction } = event.data;
  const local = DateTime.fromISO(interaction.occurredAt, { zone: timeZone }).setLocale(
    customer.locale,
  );
  return {
    event: event.type,
    interaction: {
      id: interaction.id,
      type: interaction.type,
      touchpoint: interaction.touchpoint,
      occurredAt: interaction.occurredAt,
      localDate: local.toLocaleString(DateTime.DATE_FULL),
      agentName: interaction.agent?.name ?? '',
    },
  };
}
