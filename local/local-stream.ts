import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamConsumer = (
  event: DynamoDBStreamEvent,
) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamDeadLetter {
  readonly sequenceNumbers: readonly string[];
  readonly error: string;
}

/** Records per delivery, as the event source mapping's batch size. */
const BATCH = 100;

/**
 * A DynamoDB stream's event source mapping, locally: reads DynamoDB Local's stream shard by shard,
 * hands batches to the consumer (the same handler Lambda runs), honours its partial batch response
 * (a failed record and all after it are retried, the rest checkpointed), retries a failing batch a
 * few times with backoff, then records it as dead-lettered and moves on, as the mapping's on-failure
 * destination would. Checkpoints are kept in the local state table, so a restart does not publish
 * the same events again.
 */
export class LocalStreamReader {
  readonly deadLetters: StreamDeadLetter[] = [];
  private reading: Promise<number> = Promise.resolve(0);
  /** Where each shard's reading stopped: reused by the next drain instead of asked for again. */
  private readonly iterators = new Map<string, string>();
  private shards: { ids: string[]; at: number } | undefined;

  constructor(
    private readonly streams: DynamoDBStreamsClient,
    private readonly streamArn: string,
    private readonly state: { readonly db: DynamoDBDocumentClient; readonly tableName: string },
    private readonly consumer: StreamConsumer,
    private readonly maxRetries = 5,
    private readonly backoffMs = (attempt: number) => 20 * 2 ** attempt,
  ) {}

  /** Delivers everything on the stream now; answers how many records it delivered. Serialised. */
  drain(): Promise<number> {
    const run = this.reading.then(() => this.drainNow());
    this.reading = run.catch(() => 0);
    return run;
  }

  private async drainNow(): Promise<number> {
    let delivered = 0;
    for (const shardId of await this.shardIds()) delivered += await this.drainShard(shardId);
    return delivered;
  }

  /** The stream's shards, described again every few seconds (shards split and close rarely). */
  private async shardIds(): Promise<string[]> {
    if (this.shards && Date.now() - this.shards.at < 5_000) return this.shards.ids;
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    const ids = (StreamDescription?.Shards ?? []).flatMap((shard) =>
      shard.ShardId ? [shard.ShardId] : [],
    );
    this.shards = { ids, at: Date.now() };
    return ids;
  }

  private async drainShard(shardId: string): Promise<number> {
    let delivered = 0;
    let iterator = this.iterators.get(shardId) ?? (await this.iterator(shardId));
    while (iterator) {
      let page: { Records?: StreamRecord[]; NextShardIterator?: string };
      try {
        page = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: BATCH }),
        );
      } catch (error) {
        // DynamoDB Local answers Trimmed for a position it handed out on an empty stream: both
        // mean "ask again from the checkpoint", which loses nothing (records after it are kept).
        if (
          !(
            error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException
          )
        )
          throw error;
        iterator = await this.iterator(shardId);
        continue;
      }
      const records = page.Records ?? [];
      if (page.NextShardIterator) this.iterators.set(shardId, page.NextShardIterator);
      else this.iterators.delete(shardId);
      if (records.length === 0) break;
      await this.deliver(shardId, records.map(asLambdaRecord));
      delivered += records.length;
      iterator = page.NextShardIterator;
    }
    return delivered;
  }

  /**
   * Like an event source mapping with `bisectBatchOnFunctionError`: a batch that keeps failing is
   * split in two and each half tried on its own, so one bad record is isolated and dead-lettered
   * alone instead of taking the whole batch with it.
   */
  private async deliver(shardId: string, records: DynamoDBRecord[]): Promise<void> {
    const { remaining, error } = await this.tryBatch(shardId, records);
    if (remaining.length === 0) return;
    if (remaining.length > 1) {
      const half = Math.ceil(remaining.length / 2);
      await this.deliver(shardId, remaining.slice(0, half));
      await this.deliver(shardId, remaining.slice(half));
      return;
    }
    this.deadLetters.push({
      sequenceNumbers: remaining.map((r) => r.dynamodb?.SequenceNumber ?? ''),
      error,
    });
    console.error(`[local stream] ${remaining.length} record(s) dead-lettered: ${error}`);
    await this.checkpoint(shardId, remaining.at(-1));
  }

  /** Delivers with retries and backoff; answers what is still undelivered after them. */
  private async tryBatch(shardId: string, records: DynamoDBRecord[]) {
    let remaining = records;
    let error = '';
    for (let attempt = 0; remaining.length > 0 && attempt <= this.maxRetries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.backoffMs(attempt)));
      try {
        remaining = await this.deliverOnce(shardId, remaining);
        error = 'the consumer reported failed records';
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
    }
    return { remaining, error };
  }

  /** One invocation; checkpoints what it handled and answers the records it reported failed. */
  private async deliverOnce(shardId: string, records: DynamoDBRecord[]): Promise<DynamoDBRecord[]> {
    const response = await this.consumer({ Records: records });
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    const firstFailed = records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
    const done = firstFailed === -1 ? records : records.slice(0, firstFailed);
    if (done.length > 0) await this.checkpoint(shardId, done.at(-1));
    return firstFailed === -1 ? [] : records.slice(firstFailed);
  }

  private async iterator(shardId: string): Promise<string | undefined> {
    const { Item } = await this.state.db.send(
      new GetCommand({ TableName: this.state.tableName, Key: checkpointKey(shardId) }),
    );
    const after = typeof Item?.sequenceNumber === 'string' ? Item.sequenceNumber : undefined;
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  private async checkpoint(shardId: string, record: DynamoDBRecord | undefined): Promise<void> {
    const sequenceNumber = record?.dynamodb?.SequenceNumber;
    if (!sequenceNumber) return;
    await this.state.db.send(
      new PutCommand({
        TableName: this.state.tableName,
        Item: { ...checkpointKey(shardId), sequenceNumber },
      }),
    );
  }
}

const checkpointKey = (shardId: string) => ({ PK: `LOCALSTREAM#${shardId}`, SK: 'CHECKPOINT' });

/**
 * A stream record as Lambda delivers it. The SDK's streams client turns an empty map attribute
 * (`{"M":{}}` on the wire) into `{}`; Lambda passes the raw JSON through, so put the `M` back.
 */
function asLambdaRecord(record: StreamRecord): DynamoDBRecord {
  const dynamodb = record.dynamodb;
  return {
    ...(record as unknown as DynamoDBRecord),
    ...(dynamodb
      ? {
          dynamodb: {
            ...(dynamodb as unknown as DynamoDBRecord['dynamodb']),
            ...(dynamodb.NewImage
              ? { NewImage: restoreEmptyMaps(dynamodb.NewImage) as never }
              : {}),
            ...(dynamodb.OldImage
              ? { OldImage: restoreEmptyMaps(dynamodb.OldImage) as never }
              : {}),
          },
        }
      : {}),
  };
}

function restoreEmptyMaps(image: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, restoreValue(value)]),
  );
}

function restoreValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const attribute = value as Record<string, unknown>;
  if (Object.keys(attribute).length === 0) return { M: {} };
  if (attribute.M && typeof attribute.M === 'object')
    return { M: restoreEmptyMaps(attribute.M as Record<string, unknown>) };
  if (Array.isArray(attribute.L)) return { L: attribute.L.map(restoreValue) };
  return attribute;
}
