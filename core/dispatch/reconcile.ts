import type { Clock, ScheduleStore, WorkQueue } from '../ports.ts';

export interface ReconcileDeps {
  readonly schedules: ScheduleStore;
  readonly queue: WorkQueue;
  readonly clock: Clock;
}

export interface ReconcileResult {
  readonly requeued: number;
  readonly inProgress: number;
}

/** How late an action must be before the reconciler wakes it (normal wakes come within a minute). */
export const RECONCILE_GRACE_MS = 5 * 60_000;
const BATCH = 500;

/**
 * A lost schedule, a dead invocation or a message that fell out of the queue cannot strand an
 * action: every action still pending (or with an expired claim) well past its due time is put on
 * the dispatch queue again. Waking one twice is harmless: the dispatcher is idempotent.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileResult> {
  const now = deps.clock();
  const overdue = await deps.schedules.listUnfinished(
    new Date(now.getTime() - RECONCILE_GRACE_MS),
    BATCH,
  );
  let requeued = 0;
  let inProgress = 0;
  for (const schedule of overdue) {
    const held =
      schedule.status === 'dispatching' && Date.parse(schedule.claimedUntil ?? '') > now.getTime();
    if (held) {
      inProgress++;
      continue;
    }
    await deps.queue.send({ kind: 'run-action', scheduleId: schedule.scheduleId });
    requeued++;
  }
  return { requeued, inProgress };
}
