import { type PlannedAction, planActions } from '../automation/plan.ts';
import { triggerSummary } from '../automation/trigger-summary.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { type DomainEvent, TriggerEventType } from '../events/registry.ts';
import type { ActionScheduler, Clock, CustomerStore, ScheduleStore, WorkQueue } from '../ports.ts';
import type { MessageRecord, ScheduledAction } from '../schedule.ts';

export interface PlanDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  readonly scheduler: ActionScheduler;
  readonly queue: WorkQueue;
  readonly clock: Clock;
  readonly defaultTimeZone: string;
}

export interface PlanOutcome {
  readonly planned: readonly PlannedAction[];
  /** Why nothing was planned, when that is not simply "no automation matched". */
  readonly skipped?: 'not-a-trigger' | 'customer-not-found';
}

/**
 * Actions due within this horizon go straight to the dispatch queue (SQS delays up to 15 minutes);
 * later ones get a one-time schedule. EventBridge Scheduler refuses an `at()` in the past, so an
 * action that is due now, or overdue, never asks for one.
 */
export const QUEUE_HORIZON_MS = 15 * 60_000;

/**
 * The automation engine: match enabled automations against one event, record each planned action
 * (with its `action.scheduled` event, in one write) and arm it. Safe to run again for the same
 * event: schedule ids are derived from (automation, event id), records are create-if-absent, and
 * an existing pending record is armed again, so a crash between the record and its schedule heals
 * on retry, even when the retry comes after the due time.
 */
export async function planFromEvent(deps: PlanDeps, event: DomainEvent): Promise<PlanOutcome> {
  if (!TriggerEventType.safeParse(event.type).success)
    return { planned: [], skipped: 'not-a-trigger' };
  const automations = deps.catalog.automationsFor(event.type);
  if (automations.length === 0) return { planned: [] };
  const customer = await deps.customers.getCustomer(event.data.customerId);
  if (!customer) return { planned: [], skipped: 'customer-not-found' };

  const now = deps.clock();
  const timeZone = customer.timeZone ?? deps.defaultTimeZone;
  const planned = planActions({ event, customer, automations, now, defaultTimeZone: timeZone });
  if (planned.length === 0) return { planned };
  const trigger = triggerSummary(event, customer, timeZone);
  for (const plan of planned) {
    const schedule = toSchedule(plan, trigger, now);
    const created = await deps.schedules.createSchedule(schedule, {
      message: expiredMessage(schedule),
      events: plan.timing === 'on-time' ? [scheduled(plan, now)] : [],
    });
    const current =
      created === 'created' ? schedule : await deps.schedules.getSchedule(plan.scheduleId);
    if (current?.status === 'pending') await arm(deps, current, now);
  }
  return { planned };
}

/** Hands a pending action to the platform to wake it when due. Idempotent enough: see above. */
export async function arm(
  deps: Pick<PlanDeps, 'scheduler' | 'queue'>,
  schedule: ScheduledAction,
  now: Date,
): Promise<void> {
  const wake = { kind: 'run-action', scheduleId: schedule.scheduleId } as const;
  const wait = Date.parse(schedule.due.instant) - now.getTime();
  if (wait <= QUEUE_HORIZON_MS) {
    await deps.queue.send(wake, { delaySeconds: Math.max(0, Math.ceil(wait / 1000)) });
  } else {
    await deps.scheduler.scheduleAt({ name: schedule.scheduleId, due: schedule.due, wake });
  }
}

function toSchedule(
  plan: PlannedAction,
  trigger: Record<string, unknown>,
  now: Date,
): ScheduledAction {
  const at = now.toISOString();
  return {
    scheduleId: plan.scheduleId,
    automationId: plan.automationId,
    category: plan.category,
    customerId: plan.customerId,
    triggerEventId: plan.triggerEventId,
    trigger,
    action: plan.action,
    due: plan.due,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...(plan.timing === 'on-time'
      ? { status: 'pending' as const }
      : {
          status: 'expired' as const,
          reason: `due-time-passed: due ${plan.due.instant}, but the event was evaluated at ${at}`,
        }),
  };
}

/** A late event still leaves a trace on the customer's timeline: what would have gone out, and why not. */
function expiredMessage(schedule: ScheduledAction): MessageRecord | undefined {
  if (schedule.status !== 'expired') return undefined;
  return {
    messageId: schedule.scheduleId,
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    channel: schedule.action.channel,
    status: 'expired',
    ...(schedule.reason === undefined ? {} : { reason: schedule.reason }),
    template: schedule.action.template,
    createdAt: schedule.createdAt,
  };
}

function scheduled(plan: PlannedAction, now: Date): DomainEvent {
  return {
    id: `action.scheduled:${plan.scheduleId}`,
    type: 'action.scheduled',
    occurredAt: now.toISOString(),
    data: {
      customerId: plan.customerId,
      scheduleId: plan.scheduleId,
      automationId: plan.automationId,
      dueAt: plan.due.instant,
    },
  };
}
