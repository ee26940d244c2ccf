import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DISPATCH_MAX_RECEIVES,
  DISPATCHER_TIMEOUT_SECONDS,
} from '../../functions/dispatcher/definition.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface DispatchQueueProps {
  /**
   * Receives of one wake-up before it moves to the dead-letter queue.
   * @default DISPATCH_MAX_RECEIVES (functions/dispatcher/definition.ts), matched to the dispatcher's backoff
   */
  readonly maxReceiveCount?: number;
}

/**
 * The wake-ups the dispatcher works through (core/dispatch/wake.ts): EventBridge Scheduler's
 * one-time schedules and the reconciler's recurring one send them here, the engine sends those due
 * within 15 minutes itself (with a delay), and the dispatcher puts throttled ones back. A queue
 * rather than direct invocations, so the 10:00 rush of every time zone is smoothed to the send
 * rate the dispatcher's maximum concurrency allows. A wake-up that keeps failing ends in the
 * dead-letter queue, which an alarm watches.
 */
export class DispatchQueue extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: DispatchQueueProps = {}) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'FailedDispatches', {
      purpose: 'wake-ups the dispatcher failed on at every receive',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: six times the function timeout, so a batch that
      // Lambda retries after a throttle is not redelivered while the first attempt still runs.
      visibilityTimeout: Duration.seconds(6 * DISPATCHER_TIMEOUT_SECONDS),
      // Shorter than the dead-letter queue's 14 days: a moved message keeps its first enqueue
      // time, so it must not expire there before an operator gets to it.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: {
        queue: this.deadLetterQueue.queue,
        maxReceiveCount: props.maxReceiveCount ?? DISPATCH_MAX_RECEIVES,
      },
    });
  }
}
