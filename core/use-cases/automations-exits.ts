import type { Automation } from '../automation/automation.ts';
import { conditionHolds } from '../automation/conditions.ts';
import { convertsAt, type Enrollment } from '../automation/enrollment.ts';
import { factsFor } from '../automation/facts.ts';
import type { EnrollmentStore } from '../automation/ports.ts';
import type { Customer } from '../customer/customer-view.ts';
import { finish } from '../dispatch/outcomes.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { ActionScheduler, ScheduleStore } from '../ports.ts';

export interface ExitDeps {
  readonly schedules: ScheduleStore;
  readonly scheduler: ActionScheduler;
  readonly enrollments: EnrollmentStore;
  readonly defaultTimeZone: string;
}

export interface ExitOutcome {
  readonly automationId: string;
  readonly converted: boolean;
  /** Schedules cancelled because the customer met an exit criterion (or the goal). */
  readonly cancelled: readonly string[];
}

/** The automations an event may end or convert for a customer: its exits and goals name it. */
export function exitingOn(automations: readonly Automation[], eventType: string): Automation[] {
  return automations.filter(
    (automation) =>
      automation.goal?.event === eventType ||
      automation.exit.some((criterion) => criterion.event === eventType),
  );
}

/**
 * A goal event inside the entry's window counts as a conversion, once (in either group, so the
 * control group converts on its own and the report can compare). An exit event, or a goal that
 * exits, cancels what the customer still has pending from the automation: a win-back stops when
 * the customer buys.
 */
export async function applyExitsAndGoals(
  deps: ExitDeps,
  input: {
    readonly event: DomainEvent;
    readonly customer: Customer;
    readonly automations: readonly Automation[];
    readonly enrollments: ReadonlyMap<string, Enrollment>;
    readonly now: Date;
  },
): Promise<ExitOutcome[]> {
  const { event, customer, now } = input;
  const facts = factsFor(event, customer);
  const holds = (conditions: Automation['conditions']) =>
    conditions.every((condition) => conditionHolds(condition, facts));
  const outcomes: ExitOutcome[] = [];
  for (const automation of input.automations) {
    const enrollment = input.enrollments.get(automation.id);
    if (!enrollment) continue;
    const outcome = await exitOrConvert(deps, automation, enrollment, { event, holds, now });
    if (outcome.converted || outcome.cancelled.length > 0) outcomes.push(outcome);
  }
  return outcomes;
}

async function exitOrConvert(
  deps: ExitDeps,
  automation: Automation,
  enrollment: Enrollment,
  input: {
    readonly event: DomainEvent;
    readonly holds: (conditions: Automation['conditions']) => boolean;
    readonly now: Date;
  },
): Promise<ExitOutcome> {
  const { event, holds, now } = input;
  const { goal } = automation;
  const reachedGoal = goal !== undefined && goal.event === event.type && holds(goal.conditions);
  const converted =
    reachedGoal && convertsAt(enrollment, event.occurredAt)
      ? await deps.enrollments.recordConversion(enrollment, event.occurredAt)
      : false;
  const exits =
    (reachedGoal && goal.exits) ||
    automation.exit.some(
      (criterion) => criterion.event === event.type && holds(criterion.conditions),
    );
  const cancelled: string[] = [];
  if (exits && enrollment.pending.length > 0) {
    const reason = `exited: ${event.type} (${event.id})`;
    for (const scheduleId of enrollment.pending) {
      if (await cancelPending(deps, scheduleId, reason, now)) cancelled.push(scheduleId);
    }
    await deps.enrollments.clearPending(enrollment.customerId, automation.id);
  }
  return { automationId: automation.id, converted, cancelled };
}

/**
 * Cancels a waiting action: its schedule is deleted (best effort: it may have fired) and its record
 * ends `skipped` with the reason, so a wake-up that still arrives finds it final and sends nothing.
 */
export async function cancelPending(
  deps: Pick<ExitDeps, 'schedules' | 'scheduler' | 'defaultTimeZone'>,
  scheduleId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const schedule = await deps.schedules.getSchedule(scheduleId);
  if (!schedule || (schedule.status !== 'pending' && schedule.status !== 'deferred')) return false;
  const names = [
    scheduleId,
    ...(schedule.deferrals ? [`${scheduleId}-d${schedule.deferrals}`] : []),
  ];
  for (const name of names) await deps.scheduler.cancel(name);
  const outcome = await finish(
    deps.schedules,
    schedule,
    { status: 'skipped', reason },
    {
      now,
      from: { status: 'pending' },
      zone: {
        timeZone: schedule.due.timeZone,
        timeZoneSource: schedule.due.timeZone === deps.defaultTimeZone ? 'default' : 'customer',
      },
    },
  );
  return outcome.status === 'skipped';
}
