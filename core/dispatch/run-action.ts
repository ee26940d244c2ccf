import { assertNever } from '../automation/conditions.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { InProgressError, NotFoundError } from '../errors.ts';
import type { Clock, CustomerStore, Mailer, ScheduleStore } from '../ports.ts';
import { FINAL_STATUSES, type ScheduledAction } from '../schedule.ts';
import { type ActionOutcome, finish } from './outcomes.ts';
import { sendMessage } from './send-message.ts';

export interface ActionDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly sender: { readonly address: string; readonly name: string };
  /** Attempts that reach the provider before a transient failure is recorded as final. */
  readonly maxAttempts: number;
  /** How long one attempt's claim holds; longer than the dispatcher's timeout. */
  readonly leaseMs: number;
  /**
   * Whether an automation is on at the moment its action fires. A disabled automation's actions
   * end `skipped`, with the reason. @default the catalog's `enabled`
   */
  readonly isEnabled?: (automationId: string) => Promise<boolean>;
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

  if (!(await isEnabled(deps, schedule.automationId))) {
    return finish(
      deps.schedules,
      schedule,
      'skipped',
      { reason: 'automation-disabled' },
      {
        now,
        from: { status: 'pending' },
      },
    );
  }
  switch (schedule.action.kind) {
    case 'send-message':
      return sendMessage(deps, schedule, now);
    default:
      return assertNever(schedule.action.kind);
  }
}

async function isEnabled(deps: ActionDeps, automationId: string): Promise<boolean> {
  if (deps.isEnabled) return deps.isEnabled(automationId);
  return deps.catalog.automation(automationId)?.enabled ?? false;
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
    'failed',
    {
      reason:
        'send-outcome-unknown: the attempt that claimed it stopped after handing the message to the provider and before recording the result; not sent again, to never send twice',
    },
    { now, from: { claimId: schedule.claimId ?? '' } },
  );
}
