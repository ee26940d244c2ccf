import { Arn, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  DISPATCHER_TIMEOUT_SECONDS,
  dispatcher as dispatcherDefinition,
} from '../../functions/dispatcher/definition.ts';
import { PERMANENT_FAILURE_FIELD } from '../../functions/dispatcher/log-fields.ts';
import { nagArnPrefix } from '../nag.ts';
import type { ActionScheduling } from './action-scheduling.ts';
import type { DispatchQueue } from './dispatch-queue.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

/** What End User Messaging SMS can send from: a phone number, a sender ID or a pool of them. */
const SMS_IDENTITY_TYPES = ['phone-number', 'sender-id', 'pool'] as const;

/** The log field the dispatcher sets on a wake-up that failed for good, as a filter path. */
const PERMANENT_FAILURE_PATH = `$.${PERMANENT_FAILURE_FIELD}`;

export interface DispatcherProps {
  readonly table: RapportTable;
  readonly queue: DispatchQueue;
  /** To re-arm an action that quiet hours or a send window deferred. */
  readonly scheduling: ActionScheduling;
  /** Signs the links messages carry. */
  readonly linkKey: LinkSigningKey;
  /** Where those links point: the HTTP API's public URL. */
  readonly publicUrl: string;
  /** IANA zone for customers who have none. */
  readonly defaultTimeZone: string;
  /** The From address of every message. */
  readonly senderAddress: string;
  readonly senderName: string;
  /** The verified SES identity (domain or address) the sender address belongs to. */
  readonly sesIdentity: string;
  /** @default - no configuration set */
  readonly sesConfigurationSet?: string;
  /**
   * The ARN of the End User Messaging SMS phone number, sender ID or pool SMS go out from.
   * @default - none: the service picks one of the account's, and the grant covers them all
   */
  readonly smsOriginationIdentity?: string;
  /** @default - no SMS configuration set */
  readonly smsConfigurationSet?: string;
  /** The SES account's maximum send rate (messages per second), shared by all instances. */
  readonly sesSendRatePerSecond: number;
  /** Instances that may consume the queue at once (the event source's maximum concurrency). */
  readonly maxConcurrency: number;
  /** Send attempts per message before it is recorded as failed. @default 3 */
  readonly maxAttempts?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * Works through the dispatch queue: each wake-up is one planned action to send (consent, render,
 * SES v2, record), a workflow to resume or a platform job. Partial batch responses retry only the
 * messages that failed; the queue's redrive policy moves one that keeps failing to its dead-letter
 * queue. The event source's maximum concurrency bounds the instances, and each paces itself to its
 * share of the SES send rate, so a burst of due actions waits in the queue instead of being
 * throttled by SES. Permanent failures (recorded as final, so never redelivered) are counted from
 * the log by a metric filter that an alarm watches.
 */
export class Dispatcher extends Construct {
  public readonly handler: RapportFunction;
  public readonly eventSource: SqsEventSource;
  public readonly permanentFailures: MetricFilter;

  constructor(scope: Construct, id: string, props: DispatcherProps) {
    super(scope, id);
    this.handler = new RapportFunction(this, 'Handler', {
      definition: dispatcherDefinition,
      // Shorter than the claim lease (functions/dispatcher/definition.ts LEASE_MS), so a live send
      // never loses its claim; the queue's visibility timeout is derived from it too.
      timeout: Duration.seconds(DISPATCHER_TIMEOUT_SECONDS),
      logRetention: props.logRetention,
      environment: {
        RAPPORT_DEFAULT_TIME_ZONE: props.defaultTimeZone,
        ...props.scheduling.armingEnvironment(props.queue.queue),
        RAPPORT_PUBLIC_URL: props.publicUrl,
        RAPPORT_SENDER_ADDRESS: props.senderAddress,
        RAPPORT_SENDER_NAME: props.senderName,
        RAPPORT_MAX_ATTEMPTS: String(props.maxAttempts ?? 3),
        RAPPORT_SENDS_PER_SECOND: String(props.sesSendRatePerSecond / props.maxConcurrency),
        ...(props.sesConfigurationSet
          ? { RAPPORT_SES_CONFIGURATION_SET: props.sesConfigurationSet }
          : {}),
        ...(props.smsOriginationIdentity
          ? { RAPPORT_SMS_ORIGINATION_IDENTITY: props.smsOriginationIdentity }
          : {}),
        ...(props.smsConfigurationSet
          ? { RAPPORT_SMS_CONFIGURATION_SET: props.smsConfigurationSet }
          : {}),
      },
    }).bindTable(props.table);

    // Grants receive, delete and ChangeMessageVisibility (the backoff of a failed wake-up).
    this.eventSource = new SqsEventSource(props.queue.queue, {
      batchSize: 10,
      maxConcurrency: props.maxConcurrency,
      reportBatchItemFailures: true,
    });
    this.handler.function.addEventSource(this.eventSource);
    // Throttled wake-ups are put back with a delay (not counted as a failed receive), deferred
    // ones re-armed: the arming grant covers both.
    props.scheduling.grantArming(this, 'SchedulingPolicy', this.handler.role, props.queue.queue);
    for (const [name, value] of Object.entries(props.linkKey.grantRead(this.handler.role))) {
      this.handler.addEnvironment(name, value);
    }
    this.grantSendEmail(props);
    this.grantSendText(props);

    this.permanentFailures = new MetricFilter(this, 'PermanentFailures', {
      logGroup: this.handler.logGroup,
      filterPattern: FilterPattern.booleanValue(PERMANENT_FAILURE_PATH, true),
      // One namespace per stack, so a second deployment's failures do not raise this one's alarm.
      metricNamespace: Stack.of(this).stackName,
      metricName: 'PermanentFailures',
      metricValue: '1',
    });
  }

  /** Permanent failures per five minutes. */
  metricPermanentFailures(): Metric {
    return this.permanentFailures.metric({ statistic: 'Sum', period: Duration.minutes(5) });
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

  /**
   * SendTextMessage from the configured origination identity (and configuration set) only. With
   * none configured the service picks one of the account's phone numbers, sender IDs or pools, so
   * the grant must cover them all: a policy of its own, whose wildcards are acknowledged there.
   */
  private grantSendText(props: DispatcherProps): void {
    const stack = Stack.of(this);
    const smsArn = (resource: string, resourceName: string) =>
      Arn.format({ service: 'sms-voice', resource, resourceName }, stack);
    const identities = props.smsOriginationIdentity
      ? [props.smsOriginationIdentity]
      : SMS_IDENTITY_TYPES.map((type) => smsArn(type, '*'));
    const policy = new Policy(this, 'SmsPolicy', {
      statements: [
        new PolicyStatement({
          actions: ['sms-voice:SendTextMessage'],
          resources: [
            ...identities,
            ...(props.smsConfigurationSet
              ? [smsArn('configuration-set', props.smsConfigurationSet)]
              : []),
          ],
        }),
      ],
    });
    policy.attachToRole(this.handler.role);
    if (props.smsOriginationIdentity) return;
    for (const type of SMS_IDENTITY_TYPES) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArnPrefix(this, 'sms-voice')}:${type}/*]`,
        reason:
          'No rapport:smsOriginationIdentity is set, so End User Messaging SMS picks the origination ' +
          "identity per destination among the account's own; SendTextMessage is granted on this " +
          "account's phone numbers, sender IDs and pools only. Set the setting to narrow it to one.",
      });
    }
  }
}
