import type { ScheduledAction } from '../core/schedule.ts';
import type { DynamoScheduleStore } from '../functions/adapters/dynamodb/schedule-store.ts';
import type { LocalEventBus } from './local-bus.ts';
import type { LocalClock } from './local-clock.ts';
import type { LocalQueue, QueueDelivery } from './local-queue.ts';
import type { LocalScheduler } from './local-scheduler.ts';
import type { LocalStreamReader } from './local-stream.ts';
import type { LocalSesFeedback } from './ses-feedback.ts';
import type { LocalStepFunctions } from './step-functions/local-step-functions.ts';
import type { LocalTierSchedule } from './tiers/tier-schedule.ts';

/** One wake-up the local clock caused, with what became of the action it woke. */
export interface FiredWork {
  readonly name: string;
  readonly dueAt: string;
  readonly outcome: 'completed' | 'retrying' | 'dead-lettered';
  readonly result?: { readonly status: string; readonly reason?: string };
}

export interface AdvanceResult {
  readonly now: string;
  readonly fired: readonly FiredWork[];
}

export interface WorkParts {
  readonly clock: LocalClock;
  readonly bus: LocalEventBus;
  readonly stream: LocalStreamReader;
  readonly queue: LocalQueue;
  readonly scheduler: LocalScheduler;
  readonly schedules: DynamoScheduleStore;
  readonly stepFunctions: LocalStepFunctions;
  readonly sesFeedback: LocalSesFeedback;
  readonly tierSchedule?: LocalTierSchedule;
}

/**
 * How work flows on the local clock: the outbox's stream to the bus, the bus's deliveries, the
 * queue's visible messages, until nothing moves (`settle`); and time moved forward stop by stop,
 * each schedule and each delayed retry at its own time (`advanceTo`).
 */
export function localWork(parts: WorkParts) {
  const { clock, bus, stream, queue, scheduler, schedules, stepFunctions, sesFeedback } = parts;
  const { tierSchedule } = parts;
  const settle = async (delivered: QueueDelivery[] = []) => {
    for (;;) {
      // Executions first: their steps write (outbox) and hand messages to the queue.
      const moved = await stepFunctions.settle();
      const published = await stream.drain();
      await bus.settle();
      const deliveries = await queue.deliverVisible();
      delivered.push(...deliveries);
      // What the local SES accepted comes back as SES's delivery, bounce and complaint events.
      const reported = await sesFeedback.emitNew();
      if (!moved && published === 0 && deliveries.length === 0 && reported === 0) return delivered;
    }
  };

  /** What the deliveries of run-action wake-ups did, with each action's status at the end. */
  const report = async (delivered: readonly QueueDelivery[]): Promise<FiredWork[]> => {
    const actions = delivered.flatMap((d) =>
      d.wake.kind === 'run-action' ? [{ scheduleId: d.wake.scheduleId, outcome: d.outcome }] : [],
    );
    const found = await schedules.getSchedules([...new Set(actions.map((a) => a.scheduleId))]);
    return actions.map(({ scheduleId, outcome }) =>
      describe(scheduleId, outcome, found.get(scheduleId)),
    );
  };

  /** Stop by stop: each schedule and each delayed message at its own time, up to `target`. */
  const moveTo = async (requested: Date | undefined): Promise<AdvanceResult> => {
    // Catching up reads the clock here: real time moves on between the call and the run.
    const target = requested ?? clock.now();
    if (target.getTime() < clock.now().getTime()) {
      throw new RangeError(
        `the clock only moves forward; it is already ${clock.now().toISOString()}`,
      );
    }
    const delivered: QueueDelivery[] = [];
    await settle(delivered);
    for (;;) {
      const next = earliest(
        await scheduler.nextDueAt(),
        await queue.nextVisibleAt(),
        stepFunctions.nextDueAt(),
        tierSchedule?.nextDueAt(),
      );
      if (next === undefined || next > target.getTime()) break;
      if (next > clock.now().getTime()) clock.advanceTo(new Date(next));
      await scheduler.fireDue(clock.now());
      stepFunctions.fireDue(clock.now());
      await tierSchedule?.fireDue(clock.now());
      await settle(delivered);
    }
    if (target.getTime() > clock.now().getTime()) clock.advanceTo(target);
    await scheduler.fireDue(clock.now());
    await settle(delivered);
    return { now: clock.now().toISOString(), fired: await report(delivered) };
  };

  let moving: Promise<unknown> = Promise.resolve();
  /** Moves to `target`, or (no target) catches up with the clock as it is when the move starts. */
  const advanceTo = (requested?: Date): Promise<AdvanceResult> => {
    const run = moving.then(() => moveTo(requested));
    moving = run.catch(() => undefined);
    return run;
  };
  return {
    settle: async () => void (await settle()),
    advanceTo: (target: Date) => advanceTo(target),
    catchUp: () => advanceTo(),
  };
}

function earliest(...instants: (string | undefined)[]): number | undefined {
  const times = instants.filter((i): i is string => i !== undefined).map(Date.parse);
  return times.length === 0 ? undefined : Math.min(...times);
}

function describe(
  name: string,
  outcome: FiredWork['outcome'],
  schedule: ScheduledAction | undefined,
): FiredWork {
  return {
    name,
    dueAt: schedule?.due.instant ?? '',
    outcome,
    ...(schedule
      ? {
          result: {
            status: schedule.status,
            ...(schedule.reason ? { reason: schedule.reason } : {}),
          },
        }
      : {}),
  };
}
