import type { Automation } from '../automation/automation.ts';
import type { Enrollment } from '../automation/enrollment.ts';
import {
  type AutomationDecision,
  decideAutomations,
  type PlannedAction,
} from '../automation/plan.ts';
import type { AutomationSwitchStore, EnrollmentStore } from '../automation/ports.ts';
import { triggerSummary } from '../automation/trigger-summary.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Customer } from '../customer/customer-view.ts';
import { arm } from '../dispatch/arm.ts';
import { decisionOf, type ZoneUsed } from '../dispatch/outcomes.ts';
import { type DomainEvent, TriggerEventType } from '../events/registry.ts';
import type { ActionScheduler, Clock, CustomerStore, ScheduleStore, WorkQueue } from '../ports.ts';
import type { MessageRecord, ScheduledAction } from '../schedule.ts';
import { effectiveEnabled, lastContactAt, recordEntry } from './automations-entries.ts';
import { applyExitsAndGoals, type ExitOutcome, exitingOn } from './automations-exits.ts';

export interface PlanDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  readonly scheduler: ActionScheduler;
  readonly queue: WorkQueue;
  readonly clock: Clock;
  readonly defaultTimeZone: string;
  /** Re-entry, goals, exits and holdout counts. Without it every trigger is a fresh entry. */
  readonly enrollments?: EnrollmentStore;
  /** Operators' switches, read once per event. Without them the files' `enabled` decide. */
  readonly switches?: AutomationSwitchStore;
}

export interface PlanOutcome {
  readonly planned: readonly PlannedAction[];
  /** Every candidate automation's decision, with its reason (for logs and `why`). */
  readonly decisions?: readonly AutomationDecision[];
  /** Goals reached and pending actions cancelled by this event. */
  readonly exits?: readonly ExitOutcome[];
  /** Why nothing was planned, when that is not simply "no automation matched". */
  readonly skipped?: 'not-a-trigger' | 'customer-not-found';
}

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
  const exiting = deps.enrollments ? exitingOn(deps.catalog.automations, event.type) : [];
  if (automations.length === 0 && exiting.length === 0) return { planned: [] };
  const customer = await deps.customers.getCustomer(event.data.customerId);
  if (!customer) return { planned: [], skipped: 'customer-not-found' };

  const now = deps.clock();
  const { enrollments, exits } = await enrollmentsAndExits(deps, event, customer, exiting, now);
  if (automations.length === 0) return { planned: [], exits };
  const timeZone = customer.timeZone ?? deps.defaultTimeZone;
  const decisions = decideAutomations({
    event,
    customer,
    automations,
    now,
    defaultTimeZone: timeZone,
    isEnabled: await effectiveEnabled(deps.switches),
    enrollments,
    ...(await lastContactAt(deps.schedules, customer.id, automations, now)),
  });
  const context: RecordContext = {
    event,
    now,
    enrollments,
    trigger: triggerSummary(event, customer, timeZone),
    zone: { timeZone, timeZoneSource: customer.timeZone ? 'customer' : 'default' },
  };
  const planned: PlannedAction[] = [];
  for (const decision of decisions) {
    if (decision.outcome === 'not-entered') continue;
    if (decision.outcome === 'planned') {
      planned.push(decision.plan);
      await recordPlanned(deps, decision.plan, context);
    } else {
      await recordNotPlanned(deps, decision, context);
    }
  }
  return { planned, decisions, exits };
}

/** The customer's enrollments, after this event's goals and exits were applied to them. */
async function enrollmentsAndExits(
  deps: PlanDeps,
  event: DomainEvent,
  customer: Customer,
  exiting: readonly Automation[],
  now: Date,
): Promise<{ enrollments: ReadonlyMap<string, Enrollment>; exits: ExitOutcome[] }> {
  if (!deps.enrollments) return { enrollments: new Map(), exits: [] };
  const enrollments = await deps.enrollments.enrollments(customer.id);
  const exits = await applyExitsAndGoals(
    { ...deps, enrollments: deps.enrollments },
    { event, customer, automations: exiting, enrollments, now },
  );
  return { enrollments, exits };
}

interface RecordContext {
  readonly event: DomainEvent;
  readonly now: Date;
  readonly enrollments: ReadonlyMap<string, Enrollment>;
  readonly trigger: Record<string, unknown>;
  readonly zone: ZoneUsed;
}

/** Records the action (with its action.scheduled event), the entry, and arms it. */
async function recordPlanned(deps: PlanDeps, plan: PlannedAction, context: RecordContext) {
  const { now, zone } = context;
  const schedule = toSchedule(plan, context.trigger, now);
  const expired = schedule.status === 'expired';
  const created = await deps.schedules.createSchedule(schedule, {
    message: expiredMessage(schedule),
    ...(expired
      ? {
          decision: decisionOf(
            schedule,
            'expired',
            now,
            zone,
            schedule.reason ? { reason: schedule.reason } : {},
          ),
        }
      : {}),
    events: expired ? [] : [scheduled(plan, now)],
  });
  const current =
    created === 'created' ? schedule : await deps.schedules.getSchedule(plan.scheduleId);
  if (!expired) await recordEntry(deps, { ...context, plan, catalog: deps.catalog });
  if (current?.status === 'pending') await arm(deps, current, now);
}

/** Held out, or stopped by a guard, the re-entry rule or priority: recorded, with why. */
async function recordNotPlanned(
  deps: PlanDeps,
  decision: Extract<AutomationDecision, { plan: PlannedAction }>,
  context: RecordContext,
) {
  const { plan } = decision;
  const reason = decision.reason ?? decision.outcome;
  const schedule: ScheduledAction = {
    ...toSchedule(plan, context.trigger, context.now),
    status: 'skipped',
    reason,
  };
  const outcome = decision.outcome === 'held-out' ? 'held-out' : 'skipped';
  await deps.schedules.createSchedule(schedule, {
    decision: decisionOf(schedule, outcome, context.now, context.zone, { reason }),
    events: [],
  });
  // A held-out customer entered (the control group is measured); a skipped one did not.
  if (outcome === 'held-out') await recordEntry(deps, { ...context, plan, catalog: deps.catalog });
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
  if (schedule.status !== 'expired' || schedule.action.kind !== 'send-message') return undefined;
  const { channel } = schedule.action;
  return {
    messageId: schedule.scheduleId,
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    category: schedule.category,
    ...(channel === 'preferred' ? {} : { channel }),
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
