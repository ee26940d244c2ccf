import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EVENT_BATCH_ENTITY, EVENT_ENTITY } from '../../functions/adapters/dynamodb/keys.ts';
import { eventPublisher } from '../../functions/event-publisher/definition.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { RapportBus } from './rapport-bus.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface EventPublisherProps {
  readonly table: RapportTable;
  readonly bus: RapportBus;
  /** Retries of a failing batch before it goes to the dead-letter queue. @default 10 */
  readonly retryAttempts?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The outbox's other half: a Lambda consumer of the table's stream puts the event items on the
 * bus (infra/README.md says why a function rather than EventBridge Pipes). Only inserts of event
 * items reach it (filtered by the event source mapping, so other writes cost no invocation). A
 * failing batch is split to isolate the bad record, and the handler's partial batch response
 * checkpoints what was already published, so nothing goes out twice; what still fails after the
 * retries is described in the dead-letter queue (the records stay readable in the stream for 24
 * hours).
 */
export class EventPublisher extends Construct {
  public readonly handler: RapportFunction;
  public readonly eventSource: DynamoEventSource;
  public readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: EventPublisherProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'FailedPublications', {
      purpose: 'stream batches of events the publisher could not put on the bus',
      untracedWiring: "the on-failure destination of the publisher's event source mapping",
    });
    this.handler = new RapportFunction(this, 'Handler', {
      definition: eventPublisher,
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
    }).bindBus(props.bus);

    this.eventSource = new DynamoEventSource(props.table.table, {
      // From the oldest record still in the stream: events written before a (re)deploy of the
      // mapping are published, not skipped.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      bisectBatchOnError: true,
      retryAttempts: props.retryAttempts ?? 10,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetterQueue.queue),
      filters: [
        // Filters are ORed: single events, and the batches a tier run writes per transaction.
        ...[EVENT_ENTITY, EVENT_BATCH_ENTITY].map((entity) =>
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(entity) } } },
          }),
        ),
      ],
    });
    this.handler.function.addEventSource(this.eventSource);
  }
}
