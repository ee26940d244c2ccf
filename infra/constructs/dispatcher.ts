import { Arn, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { RapportBus } from './rapport-bus.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface DispatcherProps {
  readonly table: RapportTable;
  readonly bus: RapportBus;
  /** IANA zone for customers who have none. */
  readonly defaultTimeZone: string;
  /** The From address of every message. */
  readonly senderAddress: string;
  readonly senderName: string;
  /** The verified SES identity (domain or address) the sender address belongs to. */
  readonly sesIdentity: string;
  /** @default - no configuration set */
  readonly sesConfigurationSet?: string;
  /** Send attempts per message before it is recorded as failed. @default 3 */
  readonly maxAttempts?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * Sends one planned action when its schedule fires. EventBridge Scheduler invokes it
 * asynchronously: Lambda retries a failed invocation twice, then the event itself lands in the
 * dead-letter queue, where a redrive is a plain re-invoke (the dispatcher is idempotent).
 */
export class Dispatcher extends Construct {
  public readonly handler: RapportFunction;
  public readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: DispatcherProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'FailedDispatches', {
      purpose: 'dispatcher invocations that failed after Lambda retries',
      referencedAsLambdaDlq: true,
    });
    this.handler = new RapportFunction(this, 'Handler', {
      functionFolder: 'dispatcher',
      description:
        'Rapport dispatcher: consent check, render, send through SES v2, record the outcome',
      // Shorter than the handler's 5-minute claim lease, so a live send never loses its claim.
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      includeWorkflows: true,
      deadLetterQueue: this.deadLetterQueue.queue,
      retryAttempts: 2,
      environment: {
        RAPPORT_DEFAULT_TIME_ZONE: props.defaultTimeZone,
        RAPPORT_SENDER_ADDRESS: props.senderAddress,
        RAPPORT_SENDER_NAME: props.senderName,
        RAPPORT_MAX_ATTEMPTS: String(props.maxAttempts ?? 3),
        ...(props.sesConfigurationSet
          ? { RAPPORT_SES_CONFIGURATION_SET: props.sesConfigurationSet }
          : {}),
      },
    })
      .bindTable(props.table, 'rw')
      .bindBus(props.bus);
    this.grantSendEmail(props);
  }

  /**
   * SendEmail only through the configured identity (and configuration set), and only with the
   * configured From address, so a bug or injected template cannot send as anyone else. While the
   * account is in the SES sandbox, SES also checks the recipients' identities: request
   * production access before real customers are addressed.
   */
  private grantSendEmail(props: DispatcherProps): void {
    const stack = Stack.of(this);
    const sesArn = (resourceName: string, resource: string) =>
      Arn.format({ service: 'ses', resource, resourceName }, stack);
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn(props.sesIdentity, 'identity'),
          ...(props.sesConfigurationSet
            ? [sesArn(props.sesConfigurationSet, 'configuration-set')]
            : []),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': props.senderAddress } },
      }),
    );
  }
}
