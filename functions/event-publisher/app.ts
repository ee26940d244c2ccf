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
import { EVENT_BATCH_ENTITY, EVENT_ENTITY } from '../adapters/dynamodb/keys.ts';
import { logger } from '../shared/logger.ts';

/** PutEvents takes at most 10 entries. */
const CHUNK = 10;

/** One event to publish and the stream record that carried it (a batch item carries several). */
interface Outgoing {
  readonly record: DynamoDBRecord;
  readonly event: unknown;
}

/**
 * The outbox's other half: new outbox items arrive on the table's stream and their events are put
 * on the bus, in stream order. An item is one event, or a batch of up to ten (a tier run's
 * transactions write those). Records go out whole, up to ten events per call; on a failure, the
 * failed call's records and every later one are reported (a partial batch response), so Lambda
 * checkpoints what went out and retries only the rest: nothing is lost, and what was published is
 * not published again. The event source mapping filters on INSERTs of outbox items; the same test
 * is applied here, so the local stream reader can deliver everything.
 */
export function createEventPublisherHandler(deps: { readonly bus: EventBus }) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const chunks = chunksOf(event.Records.map(outgoingOf).filter((items) => items.length > 0));
      for (const [index, chunk] of chunks.entries()) {
        try {
          await deps.bus.publish(chunk.flat().map(toEvent));
        } catch (error) {
          logger.error('publishing failed; the stream will retry from here', {
            error: error as Error,
            firstRecord: chunk[0]?.[0]?.record.dynamodb?.SequenceNumber,
          });
          return {
            batchItemFailures: chunks
              .slice(index)
              .flat()
              .map((items) => ({
                itemIdentifier: items[0]?.record.dynamodb?.SequenceNumber ?? '',
              })),
          };
        }
      }
      return { batchItemFailures: [] };
    });
}

export function isOutboxInsert(record: DynamoDBRecord): boolean {
  const entity = record.dynamodb?.NewImage?.entity?.S;
  return (
    record.eventName === 'INSERT' && (entity === EVENT_ENTITY || entity === EVENT_BATCH_ENTITY)
  );
}

function outgoingOf(record: DynamoDBRecord): Outgoing[] {
  if (!isOutboxInsert(record)) return [];
  const image = unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue> as never);
  if (image.entity === EVENT_ENTITY) return [{ record, event: image.event }];
  // A batch that is not a list is a producer bug: one malformed entry, so it fails like one below.
  return Array.isArray(image.events)
    ? image.events.map((event: unknown) => ({ record, event }))
    : [{ record, event: image.events }];
}

/** Whole records, in order, packed into calls of at most CHUNK events. */
function chunksOf(records: readonly Outgoing[][]): Outgoing[][][] {
  const chunks: Outgoing[][][] = [];
  let chunk: Outgoing[][] = [];
  let size = 0;
  for (const items of records) {
    if (chunk.length > 0 && size + items.length > CHUNK) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(items);
    size += items.length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A malformed outbox item is a producer bug: it throws, and the batch goes to the DLQ in the end. */
function toEvent({ event }: Outgoing): DomainEvent {
  return DomainEvent.parse(event);
}
