import { Duration, Names } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './dead-letter-queue.ts';

export interface DeadLetterAlarmsProps {
  /** Who hears about alarms by email. @default - no subscription; subscribe to the topic */
  readonly alarmEmail?: string;
}

/**
 * "Nothing is silently dropped": one alarm per dead-letter queue, raised by the first message, and
 * one per count of failures that are final by design (no queue holds them), raised by the first
 * one; all sent to an encrypted topic. The topic uses a customer managed key because CloudWatch must be
 * allowed to encrypt with it, and the AWS managed aws/sns key policy cannot grant that.
 */
export class DeadLetterAlarms extends Construct {
  public readonly topic: Topic;
  public readonly key: Key;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: DeadLetterAlarmsProps = {}) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the Rapport alarm topic',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Rapport alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }

  /** Alarms as soon as one message is waiting in the queue. */
  watch(deadLetterQueue: DeadLetterQueue): Alarm {
    return this.watchMetric(
      Names.nodeUniqueId(deadLetterQueue.node),
      deadLetterQueue.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      `Messages waiting in a Rapport dead-letter queue: ${deadLetterQueue.purpose}`,
    );
  }

  /** Alarms as soon as the metric (a count of messages or failures) is above 0. */
  watchMetric(id: string, metric: IMetric, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
