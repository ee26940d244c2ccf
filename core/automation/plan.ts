import { createHash } from 'node:crypto';
import type { Customer } from '../customer/customer-view.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { Action, Automation } from './automation.ts';
import { conditionHolds } from './conditions.ts';
import { computeDueTime, type DueTime } from './delay.ts';
import { factsFor } from './facts.ts';

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
  /** The automations this event's type may trigger (the catalog's index). */
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

/** The instant delays count from: when the interaction happened, or when the event occurred. */
function anchorOf(event: DomainEvent): string {
  return event.type === 'interaction.recorded'
    ? event.data.interaction.occurredAt
    : event.occurredAt;
}

/** Which enabled automations fire for this event and customer, and when their actions are due. */
export function planActions(input: PlanInput): PlannedAction[] {
  const { event, customer, now } = input;
  const nowMs = now.getTime();
  const timeZone = customer.timeZone ?? input.defaultTimeZone;
  let facts: ReturnType<typeof factsFor> | undefined;
  const planned: PlannedAction[] = [];
  for (const automation of input.automations) {
    if (!automation.enabled || automation.trigger.event !== event.type) continue;
    if (automation.conditions.length > 0) {
      facts ??= factsFor(event, customer);
      const current = facts;
      if (!automation.conditions.every((condition) => conditionHolds(condition, current))) continue;
    }
    // "No delay" means now, not at the event's time: a late event still acts at once.
    const anchor = automation.delay.kind === 'none' ? now : new Date(anchorOf(event));
    const due = computeDueTime(automation.delay, anchor, timeZone);
    planned.push({
      scheduleId: scheduleIdFor(automation.id, event.id),
      automationId: automation.id,
      category: automation.category,
      customerId: customer.id,
      triggerEventId: event.id,
      action: automation.action,
      due,
      timing: Date.parse(due.instant) >= nowMs ? 'on-time' : 'expired',
    });
  }
  return planned;
}
