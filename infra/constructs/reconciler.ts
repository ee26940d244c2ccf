import { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { SqsSendMessage } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Wake } from '../../core/dispatch/wake.ts';
import type { ActionScheduling } from './action-scheduling.ts';
import type { DispatchQueue } from './dispatch-queue.ts';

/** What the schedule puts on the dispatch queue; the dispatcher runs the job. */
export const RECONCILE_WAKE: Wake = { kind: 'run-job', job: 'reconcile' };

export interface ReconcilerProps {
  readonly scheduling: ActionScheduling;
  readonly queue: DispatchQueue;
  /** @default Duration.minutes(5) */
  readonly interval?: Duration;
}

/**
 * The safety net of "nothing is silently dropped": a recurring schedule asks the dispatcher to
 * wake every action still pending well past its due time (core/dispatch/reconcile.ts), so a lost
 * schedule, a failed SendMessage or an expired claim cannot strand an action. It goes through the
 * dispatch queue like every other wake-up, with the scheduler role and dead-letter queue.
 */
export class Reconciler extends Construct {
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    const interval = props.interval ?? Duration.minutes(5);
    const { scheduling } = props;
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Wakes Rapport actions that are overdue (reconcile job)',
      schedule: ScheduleExpression.rate(interval),
      scheduleGroup: scheduling.jobsGroup,
      // The role already may send to the queue and the DLQ (ActionScheduling), so the target's
      // own grants add nothing.
      target: new SqsSendMessage(props.queue.queue, {
        role: scheduling.role,
        deadLetterQueue: scheduling.deadLetterQueue.queue,
        input: ScheduleTargetInput.fromObject(RECONCILE_WAKE),
        // A run older than the interval is superseded by the next one.
        maxEventAge: interval,
      }),
    });
    // The group is passed by its literal name, which implies no deploy order: make it.
    this.schedule.node.addDependency(scheduling.jobsGroup);
  }
}
