import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type {
  AttributeValue,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { DomainEvent } from '../../core/events/registry.ts';
import type { EventBus } from '../../core/ports.ts';
import { EVENT_ENTITY } from '../adapters/dynamodb/keys.ts';
import { logger } from '../shared/logger.ts';

/** PutEvents takes at most 10 entries. */
const CHUNK = 10;

/**
 * The outbox's other half: new event items arrive on the table's stream and are put on the bus,
 * in stream order. On a failure, the failed record and every later one are reported (a partial
 * batch response), so Lambda checkpoints what went out and retries only the rest: nothing is lost,
 * and what was published is not published again. The event source mapping filters on INSERTs of
 * event items; the same test is applied here, so the local stream reader can deliver everything.
 */
export function createEventPublisherHandler(deps: { readonly bus: EventBus }) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const outbox = event.Records.filter(isOutboxInsert);
      for (let start = 0; start < outbox.length; start += CHUNK) {
        const chunk = outbox.slice(start, start + CHUNK);
        try {
          await deps.bus.publish(chunk.map(toEvent));
        } catch (error) {
          logger.error('publishing failed; the stream will retry from here', {
            error: error as Error,
            firstEventId: chunk[0] && toEvent(chunk[0]).id,
          });
          return {
            batchItemFailures: outbox
              .slice(start)
              .map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })),
          };
        }
      }
      return { batchItemFailures: [] };
    });
}

export function isOutboxInsert(record: DynamoDBRecord): boolean {
  return record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === EVENT_ENTITY;
}

/** A malformed outbox item is a producer bug: it throws, and the batch goes to the DLQ in the end. */
function toEvent(record: DynamoDBRecord): DomainEvent {
  const image = unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue> as never);
  return DomainEvent.parse(image.event);
}
