import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What fails into this queue, for the queue's readers and the alarm description. */
  readonly purpose: string;
  /**
   * How the queue is wired, when cdk-nag cannot see that it is a dead-letter queue (it recognises
   * SQS redrive policies and Lambda DeadLetterConfig only), e.g. "the DeadLetterConfig of the
   * engine rule's target". Given, AwsSolutions-SQS3 is acknowledged on this queue, naming it.
   * @default - wired where cdk-nag sees it (a redrive policy or a Lambda DeadLetterConfig)
   */
  readonly untracedWiring?: string;
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
    if (props.untracedWiring) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue (${props.purpose}), wired as ${props.untracedWiring}, which cdk-nag does not trace. A DLQ of a DLQ would only move the problem; an alarm watches it instead.`,
      });
    }
  }
}
