import { type PlannedAction, planActions } from '../automation/plan.ts';
import { triggerSummary } from '../automation/trigger-summary.ts';
import type { Catalog } from '../catalog.ts';
import type { DomainEvent } from '../events.ts';
import { TriggerEventType } from '../events.ts';
import type { ActionScheduler, Clock, CustomerStore, EventBus, ScheduleStore } from '../ports.ts';
import type { MessageRecord, ScheduledAction } from '../schedule.ts';

export interface PlanDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  readonly scheduler: ActionScheduler;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly defaultTimeZone: string;
}

export interface PlanOutcome {
  readonly planned: readonly PlannedAction[];
  /** Why nothing was planned, when that is not simply "no automation matched". */
  readonly skipped?: 'not-a-trigger' | 'customer-not-found';
}

/**
 * The automation engine: match enabled automations against one event, record each planned action
 * and hand its waiting to the scheduler. Safe to run twice for the same event: schedule ids are
 * derived from (automation, event id) and both the record and the schedule are create-if-absent.
 */
export async function planFromEvent(deps: PlanDeps, event: DomainEvent): Promise<PlanOutcome> {
  if (!TriggerEventType.safeParse(event.type).success)
    return { planned: [], skipped: 'not-a-trigger' };
  const customerId = event.data.customerId;
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer) return { planned: [], skipped: 'customer-not-found' };

  const now = deps.clock();
  const planned = planActions({
    event,
    customer,
    automations: deps.catalog.automations,
    now,
    defaultTimeZone: deps.defaultTimeZone,
  });
  if (planned.length === 0) return { planned };
  const trigger = triggerSummary(event, customer, customer.timeZone ?? deps.defaultTimeZone);
  const announcements: DomainEvent[] = [];
  for (const plan of planned) {
    const schedule = toSchedule(plan, trigger, now);
    const created = await deps.schedules.createSchedule(schedule, expiredMessage(schedule, now));
    if (plan.timing === 'on-time') {
      // Always asked, not only when the record is new: a crash between the two writes heals on retry.
      await deps.scheduler.scheduleAt({
        name: plan.scheduleId,
        due: plan.due,
        payload: { scheduleId: plan.scheduleId },
      });
    }
    if (created === 'created' && plan.timing === 'on-time')
      announcements.push(scheduled(plan, now));
  }
  if (announcements.length > 0) await deps.bus.publish(announcements);
  return { planned };
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
function expiredMessage(schedule: ScheduledAction, now: Date): MessageRecord | undefined {
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
    createdAt: now.toISOString(),
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
