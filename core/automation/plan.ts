import { hash } from 'node:crypto';
import type { Customer } from '../customer/customer-view.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { Action, Automation } from './automation.ts';
import { conditionsHold } from './compiled-conditions.ts';
import { computeDueTime, type DueTime, dueBeforeDate } from './delay.ts';
import { durationMs, type Enrollment, mayEnter } from './enrollment.ts';
import { type Facts, factsFor, readFact } from './facts.ts';
import { type Group, groupOf } from './holdout.ts';

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
  readonly priority: number;
  readonly group: Group;
}

/**
 * What one automation decided for one event and customer. `not-entered`: it does not apply
 * (disabled, conditions, no date); nothing is recorded. `skipped`: it applied but a guard, the
 * re-entry rule or a higher-priority automation stopped it; recorded with the reason. `held-out`:
 * the customer is in the control group; recorded, nothing done. `planned`: its action is scheduled.
 */
export type AutomationDecision =
  | { readonly automationId: string; readonly outcome: 'not-entered'; readonly reason: string }
  | {
      readonly automationId: string;
      readonly outcome: 'skipped' | 'held-out' | 'planned';
      readonly reason?: string;
      readonly plan: PlannedAction;
    };

export interface PlanInput {
  readonly event: DomainEvent;
  readonly customer: Customer;
  /** The automations this event's type may trigger (the catalog's index). */
  readonly automations: readonly Automation[];
  readonly now: Date;
  /** The deployment's policy for customers without a known zone. */
  readonly defaultTimeZone: string;
  /** The effective switch (the table's, else the file's). @default the file's `enabled` */
  readonly isEnabled?: (automation: Automation) => boolean;
  /** The customer's history with each automation, by automation id. */
  readonly enrollments?: ReadonlyMap<string, Enrollment>;
  /** When Rapport last sent the customer anything (for `notContactedWithin`). */
  readonly lastContactAt?: string;
}

export function scheduleIdFor(automationId: string, eventId: string): string {
  // One-shot hash: a third of planning's time went to createHash's object and stream setup.
  const digest = hash('sha256', `${automationId}\n${eventId}`, 'hex');
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
  const planned: PlannedAction[] = [];
  for (const decision of decideAutomations(input)) {
    if (decision.outcome === 'planned') planned.push(decision.plan);
  }
  return planned;
}

/** Every candidate automation's decision for this event and customer, with its reason. */
export function decideAutomations(input: PlanInput): AutomationDecision[] {
  const context: Context = { input, timeZone: input.customer.timeZone ?? input.defaultTimeZone };
  const decisions = input.automations.map((automation) => decideOne(automation, context));
  return applyPriority(decisions);
}

interface Context {
  readonly input: PlanInput;
  readonly timeZone: string;
  facts?: Facts;
  anchor?: Date;
}

function decideOne(automation: Automation, context: Context): AutomationDecision {
  const { event, customer, now } = context.input;
  const automationId = automation.id;
  const enabled = context.input.isEnabled?.(automation) ?? automation.enabled;
  if (!enabled) return { automationId, outcome: 'not-entered', reason: 'automation-disabled' };
  if (automation.trigger.event !== event.type)
    return { automationId, outcome: 'not-entered', reason: 'not-its-trigger' };
  if (automation.conditions.length > 0 || automation.delay.kind === 'before-date') {
    context.facts ??= factsFor(event, customer);
    if (!conditionsHold(automation, context.facts))
      return { automationId, outcome: 'not-entered', reason: 'conditions-not-met' };
  }
  const due = dueOf(automation, context);
  if (typeof due === 'string') return { automationId, outcome: 'not-entered', reason: due };
  const nowIso = now.toISOString();
  const plan: PlannedAction = {
    scheduleId: scheduleIdFor(automationId, event.id),
    automationId,
    category: automation.category,
    customerId: customer.id,
    triggerEventId: event.id,
    action: automation.action,
    due,
    // Instants compare as their UTC ISO strings (same width, same zone): no parsing per action.
    timing: due.instant >= nowIso ? 'on-time' : 'expired',
    priority: automation.priority,
    group: groupOf(automationId, customer.id, automation.holdout),
  };
  const guard = guardReason(automation, context.input);
  if (guard) return { automationId, outcome: 'skipped', reason: guard, plan };
  const entry = mayEnter(
    automation.reentry,
    context.input.enrollments?.get(automationId),
    event.id,
    now,
  );
  if (!entry.ok) return { automationId, outcome: 'skipped', reason: entry.reason, plan };
  if (plan.group === 'holdout')
    return {
      automationId,
      outcome: 'held-out',
      reason: `held-out: ${automation.holdout * 100}% control group`,
      plan,
    };
  return { automationId, outcome: 'planned', plan };
}

/** The due time, or why there is none. */
function dueOf(automation: Automation, context: Context): DueTime | string {
  const { delay } = automation;
  const { event, now } = context.input;
  if (delay.kind === 'before-date') {
    const value = readFact(context.facts ?? {}, delay.field);
    const due = dueBeforeDate(delay, value, context.timeZone);
    if (!due) return `no-date: ${delay.field} is not a date`;
    // A reminder before a date already too close is not sent late: the customer simply does not enter.
    if (due.instant < now.toISOString()) return `date-passed: due ${due.instant}`;
    return due;
  }
  context.anchor ??= new Date(anchorOf(event));
  // "No delay" means now, not at the event's time: a late event still acts at once.
  return computeDueTime(delay, delay.kind === 'none' ? now : context.anchor, context.timeZone);
}

function guardReason(automation: Automation, input: PlanInput): string | undefined {
  const { guards } = automation;
  if (guards.noOpenComplaint && input.customer.holds.openCases.length > 0)
    return `guard: open complaint (${input.customer.holds.openCases.join(', ')})`;
  if (guards.notContactedWithin && input.lastContactAt) {
    const since = input.now.getTime() - durationMs(guards.notContactedWithin);
    if (Date.parse(input.lastContactAt) > since)
      return `guard: contacted ${input.lastContactAt}, within ${guards.notContactedWithin}`;
  }
  return undefined;
}

/**
 * Two customer messages due on the same local day from one event: the one with the higher priority
 * wins and the other is skipped. Equal priorities both go, and the messaging policy's caps decide
 * (so the default, 50 everywhere, changes nothing).
 */
function applyPriority(decisions: AutomationDecision[]): AutomationDecision[] {
  const top = new Map<string, PlannedAction>();
  for (const decision of decisions) {
    if (!isPlannedMessage(decision)) continue;
    const day = decision.plan.due.localDateTime.slice(0, 10);
    const current = top.get(day);
    if (!current || decision.plan.priority > current.priority) top.set(day, decision.plan);
  }
  return decisions.map((decision) => {
    if (!isPlannedMessage(decision)) return decision;
    const winner = top.get(decision.plan.due.localDateTime.slice(0, 10));
    if (!winner || winner.priority <= decision.plan.priority) return decision;
    return {
      ...decision,
      outcome: 'skipped',
      reason: `outranked: ${winner.automationId} (priority ${winner.priority}) messages the same day`,
    };
  });
}

function isPlannedMessage(
  decision: AutomationDecision,
): decision is Extract<AutomationDecision, { plan: PlannedAction }> {
  return decision.outcome === 'planned' && decision.plan.action.kind === 'send-message';
}
