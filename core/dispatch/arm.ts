import type { ActionScheduler, WorkQueue } from '../ports.ts';
import type { ScheduledAction } from '../schedule.ts';

/**
 * Actions due within this horizon go straight to the dispatch queue (SQS delays up to 15 minutes);
 * later ones get a one-time schedule. EventBridge Scheduler refuses an `at()` in the past, so an
 * action that is due now, or overdue, never asks for one.
 */
export const QUEUE_HORIZON_MS = 15 * 60_000;

/**
 * Hands a waiting action to the platform to wake it when due. Idempotent enough: a second wake-up
 * finds the action done or claimed. Each deferral gets a schedule of its own name (the first one
 * may still exist), so re-arming is never answered `exists` and dropped.
 */
export async function arm(
  deps: { readonly scheduler: ActionScheduler; readonly queue: WorkQueue },
  schedule: ScheduledAction,
  now: Date,
): Promise<void> {
  const wake = { kind: 'run-action', scheduleId: schedule.scheduleId } as const;
  const wait = Date.parse(schedule.due.instant) - now.getTime();
  if (wait <= QUEUE_HORIZON_MS) {
    await deps.queue.send(wake, { delaySeconds: Math.max(0, Math.ceil(wait / 1000)) });
    return;
  }
  const name = schedule.deferrals
    ? `${schedule.scheduleId}-d${schedule.deferrals}`
    : schedule.scheduleId;
  await deps.scheduler.scheduleAt({ name, due: schedule.due, wake });
}
