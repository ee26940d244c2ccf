import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the event publisher (the outbox on the table stream)', () => {
  let synth: Synthesized;
  const arnOf = (construct: Parameters<Synthesized['logicalId']>[0]) => ({
    'Fn::GetAtt': [synth.logicalId(construct), 'Arn'],
  });
  beforeAll(() => {
    synth = synthesize();
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('streams the new image of every table write', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('receives only inserted outbox items (events and batches), from the oldest record, retrying and bisecting failed batches', () => {
    const { publisher, table } = synth.stack;
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [synth.logicalId(table.table), 'StreamArn'] },
      FunctionName: { Ref: synth.logicalId(publisher.handler.function) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: arnOf(publisher.deadLetterQueue.queue) },
      },
      FilterCriteria: {
        // Single events, and the batches a tier run's transactions write.
        Filters: ['event', 'event-batch'].map((entity) => ({
          Pattern: JSON.stringify({
            eventName: ['INSERT'],
            dynamodb: { NewImage: { entity: { S: [entity] } } },
          }),
        })),
      },
    });
  });

  it('raises an alarm on the first batch in its dead-letter queue', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [
              synth.logicalId(synth.stack.publisher.deadLetterQueue.queue),
              'QueueName',
            ],
          },
        },
      ],
      AlarmActions: [{ Ref: synth.logicalId(synth.stack.alarms.topic) }],
    });
  });

  it('puts events on the Rapport bus, which no other function may do', () => {
    const { publisher, bus } = synth.stack;
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Role: arnOf(publisher.handler.role),
      Environment: {
        Variables: Match.objectLike({
          RAPPORT_EVENT_BUS_NAME: { Ref: synth.logicalId(bus.eventBus) },
        }),
      },
    });
    for (const handler of [
      synth.stack.publisher.handler,
      synth.stack.ingest.handler,
      synth.stack.engine.handler,
      synth.stack.dispatcher.handler,
    ]) {
      const events = statementsForService(
        statementsOfRole(synth.template, synth.logicalId(handler.role)),
        'events',
      );
      expect(events).toEqual(
        handler === publisher.handler
          ? [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: arnOf(bus.eventBus) }]
          : [],
      );
    }
  });
});
