import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the dead-letter alarms', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({ context: { 'rapport:alarmEmail': 'ops@shop.example' } });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('raises an alarm to the topic on the first message of every queue', () => {
    // Prepare: every queue in the stack is a dead-letter queue
    const queues = Object.keys(synth.template.findResources('AWS::SQS::Queue'));
    const topic = { Ref: synth.logicalId(synth.stack.alarms.topic) };
    expect(queues).not.toHaveLength(0);

    // Assess
    for (const queue of queues) {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [topic],
      });
    }
  });

  it('encrypts every queue and refuses requests without TLS', () => {
    for (const queue of Object.values(synth.template.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
    for (const queue of Object.keys(synth.template.findResources('AWS::SQS::Queue'))) {
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queue }],
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
