import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../infra/constructs/dead-letter-queue.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the alarms', () => {
  let synth: Synthesized;
  let deadLetterQueues: DeadLetterQueue[];
  beforeAll(() => {
    synth = synthesize({ context: { 'rapport:alarmEmail': 'ops@shop.example' } });
    deadLetterQueues = synth.stack.node
      .findAll()
      .filter((construct): construct is DeadLetterQueue => construct instanceof DeadLetterQueue);
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('raises an alarm to the topic on the first message of every dead-letter queue', () => {
    const topic = { Ref: synth.logicalId(synth.stack.alarms.topic) };
    expect(deadLetterQueues).not.toHaveLength(0);
    for (const { queue } of deadLetterQueues) {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [synth.logicalId(queue), 'QueueName'] } },
        ],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [topic],
      });
    }
  });

  it('keeps dead letters for the SQS maximum of 14 days', () => {
    for (const { queue } of deadLetterQueues) {
      expect(
        synth.template.toJSON().Resources[synth.logicalId(queue)].Properties.MessageRetentionPeriod,
      ).toBe(14 * 24 * 3600);
    }
  });

  it('encrypts every queue and refuses requests without TLS', () => {
    const queues = synth.template.findResources('AWS::SQS::Queue');
    for (const [logicalId, queue] of Object.entries(queues)) {
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('counts the dispatcher log lines of permanent failures', () => {
    synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: synth.logicalId(synth.stack.dispatcher.handler.logGroup) },
      FilterPattern: '{ $.permanentFailure IS TRUE }',
      MetricTransformations: [
        { MetricNamespace: 'Rapport', MetricName: 'PermanentFailures', MetricValue: '1' },
      ],
    });
  });

  it('raises an alarm to the topic on the first permanent failure', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Rapport',
      MetricName: 'PermanentFailures',
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: synth.logicalId(synth.stack.alarms.topic) }],
    });
  });

  it('encrypts the topic with a rotated key that CloudWatch may use', () => {
    const keyId = synth.logicalId(synth.stack.alarms.key);
    synth.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    synth.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('subscribes the alarm email to the topic', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@shop.example',
      TopicArn: { Ref: synth.logicalId(synth.stack.alarms.topic) },
    });
  });
});
