import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISPATCH_MAX_RECEIVES,
  DISPATCHER_TIMEOUT_SECONDS,
  LEASE_MS,
} from '../../functions/dispatcher/definition.ts';
import { statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the dispatcher and its queue', () => {
  let synth: Synthesized;
  const arnOf = (construct: Parameters<Synthesized['logicalId']>[0]) => ({
    'Fn::GetAtt': [synth.logicalId(construct), 'Arn'],
  });
  const dispatcherFunction = () =>
    synth.template.toJSON().Resources[synth.logicalId(synth.stack.dispatcher.handler.function)];
  beforeAll(() => {
    synth = synthesize({
      context: {
        'rapport:senderAddress': 'care@mail.shop.example',
        'rapport:senderName': 'Shop Care',
        'rapport:sesIdentity': 'shop.example',
        'rapport:sesConfigurationSet': 'rapport-tracking',
        'rapport:sesSendRatePerSecond': '30',
        'rapport:dispatchConcurrency': '4',
      },
    });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('keeps wake-ups in an encrypted, TLS-only standard queue, hidden for six dispatcher timeouts', () => {
    const { dispatchQueue } = synth.stack;
    synth.template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: Match.absent(),
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * DISPATCHER_TIMEOUT_SECONDS,
      RedrivePolicy: {
        deadLetterTargetArn: arnOf(dispatchQueue.deadLetterQueue.queue),
        maxReceiveCount: DISPATCH_MAX_RECEIVES,
      },
    });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: synth.logicalId(dispatchQueue.queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('raises an alarm on the first wake-up that reaches the dead-letter queue', () => {
    const deadLetters = synth.stack.dispatchQueue.deadLetterQueue.queue;
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [synth.logicalId(deadLetters), 'QueueName'] } },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: synth.logicalId(synth.stack.alarms.topic) }],
    });
  });

  it('consumes the queue in batches of 10 with partial batch responses, at the configured concurrency', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(synth.stack.dispatchQueue.queue),
      FunctionName: { Ref: synth.logicalId(synth.stack.dispatcher.handler.function) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('is not invoked asynchronously, so it has no Lambda dead-letter queue', () => {
    expect(dispatcherFunction().Properties.DeadLetterConfig).toBeUndefined();
  });

  it('may receive, delete, back off and put back messages of the dispatch queue only', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.dispatcher.handler.role),
    );
    const sqs = statementsForService(statements, 'sqs');
    expect(sqs.map((statement) => statement.Resource)).toEqual(
      sqs.map(() => arnOf(synth.stack.dispatchQueue.queue)),
    );
    expect(sqs.flatMap((statement) => statement.Action)).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:SendMessage',
      ]),
    );
  });

  it('can send email only through the configured identity and only from the sender address', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.dispatcher.handler.role),
    );
    const identityArn = (resource: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:${resource}`,
        ],
      ],
    });
    const ses = statementsForService(statements, 'ses');
    expect(ses).toEqual([
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: expect.arrayContaining([
          identityArn('identity/shop.example'),
          identityArn('configuration-set/rapport-tracking'),
        ]),
        Condition: { StringEquals: { 'ses:FromAddress': 'care@mail.shop.example' } },
      },
    ]);
    expect(ses[0]?.Resource).toHaveLength(2);
  });

  it('passes the sender, the queue, the attempt limit and its share of the SES send rate', () => {
    expect(dispatcherFunction().Properties.Environment.Variables).toMatchObject({
      RAPPORT_TABLE_NAME: { Ref: synth.logicalId(synth.stack.table.table) },
      RAPPORT_DISPATCH_QUEUE_URL: { Ref: synth.logicalId(synth.stack.dispatchQueue.queue) },
      RAPPORT_DEFAULT_TIME_ZONE: 'UTC',
      RAPPORT_SENDER_ADDRESS: 'care@mail.shop.example',
      RAPPORT_SENDER_NAME: 'Shop Care',
      RAPPORT_SES_CONFIGURATION_SET: 'rapport-tracking',
      RAPPORT_MAX_ATTEMPTS: '3',
      // 30 messages per second shared by at most 4 dispatchers
      RAPPORT_SENDS_PER_SECOND: '7.5',
    });
  });

  it('finishes inside the claim lease of an action', () => {
    const timeout = dispatcherFunction().Properties.Timeout;
    expect(timeout).toBe(DISPATCHER_TIMEOUT_SECONDS);
    expect(timeout * 1000).toBeLessThan(LEASE_MS);
  });
});
