import { assertNever } from '../automation/conditions.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { InProgressError, NotFoundError } from '../errors.ts';
import type { LinkMaker } from '../messaging/links.ts';
import type {
  ActionScheduler,
  Clock,
  CustomerStore,
  ScheduleStore,
  Senders,
  WorkQueue,
} from '../ports.ts';
import { FINAL_STATUSES, type ScheduledAction } from '../schedule.ts';
import type { SurveyGateDeps } from '../surveys/invitation.ts';
import {
  type AutomationActionDeps,
  alertOwner,
  openCase,
  setAttribute,
  startWorkflow,
} from './automation-actions.ts';
import { type ActionOutcome, finish, type ZoneUsed } from './outcomes.ts';
import { sendMessage } from './send-message.ts';

export interface ActionDeps extends AutomationActionDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  /** The senders, by channel: the one place a channel is added. */
  readonly senders: Senders;
  /** To wake a deferred or fallen-back action again. */
  readonly scheduler: ActionScheduler;
  readonly queue: WorkQueue;
  readonly links: LinkMaker;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly sender: { readonly address: string; readonly name: string };
  /** The deployment's zone for customers without one (the decision says which was used). */
  readonly defaultTimeZone: string;
  /** Attempts that reach the provider before a transient failure is recorded as final. */
  readonly maxAttempts: number;
  /** How long one attempt's claim holds; longer than the dispatcher's timeout. */
  readonly leaseMs: number;
  /**
   * Whether an automation is on at the moment its action fires. A disabled automation's actions
   * end `skipped`, with the reason. @default the catalog's `enabled`
   */
  readonly isEnabled?: (automationId: string) => Promise<boolean>;
  /** The survey fatigue guard and links; a survey invitation without them fails, never unguarded. */
  readonly surveys?: SurveyGateDeps;
}

/**
 * Carries out one planned action when it is due, whatever woke it (its schedule, the queue, the
 * reconciler, a duplicate). A final action is left alone; one held by a live claim is not done
 * yet (InProgressError: retry later); one whose claim expired was being handed to the provider
 * when its attempt died, so its outcome is unknown: it is recorded as failed, never sent twice.
 */
export async function runPlannedAction(
  deps: ActionDeps,
  scheduleId: string,
): Promise<ActionOutcome> {
  const schedule = await deps.schedules.getSchedule(scheduleId);
  if (!schedule) throw new NotFoundError('schedule', scheduleId);
  if (FINAL_STATUSES.has(schedule.status)) return { status: 'already-done', scheduleId };
  const now = deps.clock();
  if (schedule.status === 'dispatching') return abandonedClaim(deps, schedule, now);
  if (Date.parse(schedule.due.instant) > now.getTime() + 60_000) {
    // Woken early (a deferral moved it later, and an earlier wake-up arrived): not yet.
    return { status: 'deferred', scheduleId, until: schedule.due.instant };
  }
  if (!schedule.workflow && !(await isEnabled(deps, schedule.automationId))) {
    return finish(
      deps.schedules,
      schedule,
      { status: 'skipped', reason: 'automation-disabled' },
      { now, from: { status: 'pending' }, zone: zoneOf(deps, schedule) },
    );
  }
  const { action } = schedule;
  if (action.kind === 'send-message') return sendMessage(deps, { ...schedule, action }, now);
  if (action.kind === 'notify-staff') return sendMessage(deps, { ...schedule, action }, now);
  const customer = await deps.customers.getCustomer(schedule.customerId);
  const zone = zoneOf(deps, schedule);
  if (!customer) {
    return finish(
      deps.schedules,
      schedule,
      { status: 'suppressed', reason: 'customer-not-found' },
      { now, from: { status: 'pending' }, zone },
    );
  }
  const run = { customer, zone, now };
  switch (action.kind) {
    case 'alert-owner':
      return alertOwner(deps, { ...run, schedule: { ...schedule, action } });
    case 'set-attribute':
      return setAttribute(deps, { ...run, schedule: { ...schedule, action } });
    case 'open-case':
      return openCase(deps, { ...run, schedule: { ...schedule, action } });
    case 'start-workflow':
      return startWorkflow(deps, { ...run, schedule: { ...schedule, action } });
    default:
      return assertNever(action);
  }
}

async function isEnabled(deps: ActionDeps, automationId: string): Promise<boolean> {
  if (deps.isEnabled) return deps.isEnabled(automationId);
  return deps.catalog.automation(automationId)?.enabled ?? false;
}

/** The zone the action's rules apply in, before the customer is read: the one it was planned in. */
function zoneOf(deps: ActionDeps, schedule: ScheduledAction): ZoneUsed {
  return {
    timeZone: schedule.due.timeZone,
    timeZoneSource: schedule.due.timeZone === deps.defaultTimeZone ? 'default' : 'customer',
  };
}

async function abandonedClaim(
  deps: ActionDeps,
  schedule: ScheduledAction,
  now: Date,
): Promise<ActionOutcome> {
  const until = schedule.claimedUntil ? Date.parse(schedule.claimedUntil) : 0;
  if (until > now.getTime()) {
    throw new InProgressError(
      `schedule ${schedule.scheduleId} is being dispatched (claim held until ${schedule.claimedUntil})`,
    );
  }
  return finish(
    deps.schedules,
    schedule,
    {
      status: 'failed',
      reason:
        'send-outcome-unknown: the attempt that claimed it stopped after handing the message to the provider and before recording the result; not sent again, to never send twice',
      ...(schedule.claimedChannel ? { channel: schedule.claimedChannel } : {}),
    },
    { now, from: { claimId: schedule.claimId ?? '' }, zone: zoneOf(deps, schedule) },
  );
}
