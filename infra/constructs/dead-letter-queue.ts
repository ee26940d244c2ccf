import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What fails into this queue, for the queue's readers and the nag acknowledgement. */
  readonly purpose: string;
  /**
   * Whether something in the template already names this queue as a function's dead-letter
   * queue (cdk-nag recognises only that case and SQS redrive policies).
   * @default false
   */
  readonly referencedAsLambdaDlq?: boolean;
}

/**
 * A queue where failed deliveries wait for an operator: kept for the SQS maximum of 14 days,
 * encrypted with SQS managed keys (EventBridge, EventBridge Scheduler and Lambda can all write
 * to it without a key policy), TLS only. DeadLetterAlarms watches it.
 */
export class DeadLetterQueue extends Construct {
  public readonly queue: Queue;
  public readonly purpose: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.purpose = props.purpose;
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    if (!props.referencedAsLambdaDlq) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue (${props.purpose}); it is wired as a target's DeadLetterConfig, which cdk-nag does not trace. A DLQ of a DLQ would only move the problem; an alarm watches it instead.`,
      });
    }
  }
}
