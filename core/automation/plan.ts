import { createHash } from 'node:crypto';
import type { Customer } from '../customer/customer.ts';
import type { DomainEvent } from '../events.ts';
import type { Action, Automation } from './automation.ts';
import { conditionHolds, type Facts } from './conditions.ts';
import { computeDueTime, type DueTime } from './delay.ts';

/** An action an automation wants done for one customer, at one time, because of one event. */
export interface PlannedAction {
  /** Deterministic from automation + event: a replayed event plans the same id, never a second action. */
  readonly scheduleId: string;
  readonly automationId: string;
  readonly category: Automation['category'];
  readonly customerId: string;
  readonly triggerEventId: string;
  readonly action: Action;
  readonly due: DueTime;
  /** `expired` when the due time had already passed when the event was evaluated (a late event). */
  readonly timing: 'on-time' | 'expired';
}

export interface PlanInput {
  readonly event: DomainEvent;
  readonly customer: Customer;
  readonly automations: readonly Automation[];
  readonly now: Date;
  /** The deployment's policy for customers without a known zone. */
  readonly defaultTimeZone: string;
}

export function scheduleIdFor(automationId: string, eventId: string): string {
  const digest = createHash('sha256').update(`${automationId}\n${eventId}`).digest('hex');
  // EventBridge Scheduler names allow 64 characters: 32 (id) + 2 + 24 fits with room to spare.
  return `${automationId}--${digest.slice(0, 24)}`;
}

export function factsFor(event: DomainEvent, customer: Customer): Facts {
  const interaction = event.type === 'interaction.recorded' ? event.data.interaction : undefined;
  return { event, interaction, customer };
}

/** Which enabled automations fire for this event and customer, and when their actions are due. */
export function planActions(input: PlanInput): PlannedAction[] {
  const { event, customer, now } = input;
  const facts = factsFor(event, customer);
  const from =
    event.type === 'interaction.recorded' ? event.data.interaction.occurredAt : event.occurredAt;
  const timeZone = customer.timeZone ?? input.defaultTimeZone;
  return input.automations
    .filter((automation) => automation.enabled && automation.trigger.event === event.type)
    .filter((automation) =>
      automation.conditions.every((condition) => conditionHolds(condition, facts)),
    )
    .map((automation) => {
      // "No delay" means now, not at the event's time: a late event still acts at once.
      const anchor = automation.delay.kind === 'none' ? now : new Date(from);
      const due = computeDueTime(automation.delay, anchor, timeZone);
      return {
        scheduleId: scheduleIdFor(automation.id, event.id),
        automationId: automation.id,
        category: automation.category,
        customerId: customer.id,
        triggerEventId: event.id,
        action: automation.action,
        due,
        timing: Date.parse(due.instant) >= now.getTime() ? 'on-time' : 'expired',
      };
    });
}
