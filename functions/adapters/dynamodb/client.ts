import {
  DynamoDBClient,
  type DynamoDBClientConfig,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../../core/events/registry.ts';
import { EVENT_BATCH_ENTITY, EVENT_ENTITY, keys } from './keys.ts';

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * The document client every adapter uses: request timeouts (a hung connection fails in seconds,
 * not at the Lambda timeout), and transaction conflicts retried with jittered backoff (the SDK
 * retries throttling on its own, but not a transaction that lost a race).
 */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts: 5,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
      ...config,
    }),
    // convertClassInstanceToMap: client JSON may have a key named "constructor" (metadata), which
    // makes the SDK take a plain object for a class instance and refuse it. Rapport stores only
    // plain data, so every object is a map.
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } },
  );
  client.middlewareStack.add(retryConflicts(), {
    step: 'initialize',
    name: 'rapportRetryTransactionConflicts',
  });
  return client;
}

const CONFLICT_ATTEMPTS = 6;

/** A transaction that collided with another on the same items, or a write that hit one. */
export function isConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware types are generic over any input/output.
type Handler = (args: any) => Promise<any>;

function retryConflicts() {
  return (next: Handler): Handler =>
    async (args) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          if (!isConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
          // Full jitter: 0 to 25 ms x 2^attempt, so colliding writers spread out.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
        }
      }
    };
}

/** Which actions of a cancelled transaction failed their condition (by position). */
export function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map(
    (reason) => reason.Code === 'ConditionalCheckFailed',
  );
}

/** Removes the storage keys so that records leave the adapter as plain domain objects. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _g1,
    GSI1SK: _g2,
    entity: _entity,
    expiresAt: _ttl,
    ...rest
  } = item;
  return rest as T;
}

/** A transaction's condition that the customer exists (writes beside a profile need one). */
export function customerExists(tableName: string, customerId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.customer(customerId),
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

/** Outbox items live a week (TTL); the stream has carried them to the bus long before. */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** The outbox writes for `events`, to add to the transaction that makes them true. */
export function eventPuts(tableName: string, events: readonly DomainEvent[]): TransactItem[] {
  return events.map((event) => ({
    Put: {
      TableName: tableName,
      Item: {
        ...keys.event(event.id),
        entity: EVENT_ENTITY,
        event,
        expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_TTL_SECONDS,
      },
    },
  }));
}

/**
 * PutEvents' limit, and so an outbox batch's: the publisher sends a batch in one call, so a
 * failure never makes it send again an event another call already published.
 */
export const EVENTS_PER_BATCH = 10;

/**
 * The outbox writes for the events of many writes in one transaction: an item per ten events,
 * where one per event would spend the transaction's 100 actions (and DynamoDB Local's per-item
 * cost) on events. Each item is named by its first event, whose id is unique.
 */
export function eventBatchPuts(tableName: string, events: readonly DomainEvent[]): TransactItem[] {
  const puts: TransactItem[] = [];
  for (let start = 0; start < events.length; start += EVENTS_PER_BATCH) {
    const batch = events.slice(start, start + EVENTS_PER_BATCH);
    const first = batch[0] as DomainEvent;
    puts.push({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.eventBatch(first.id),
          entity: EVENT_BATCH_ENTITY,
          events: batch,
          expiresAt: Math.floor(Date.parse(first.occurredAt) / 1000) + OUTBOX_TTL_SECONDS,
        },
      },
    });
  }
  return puts;
}
