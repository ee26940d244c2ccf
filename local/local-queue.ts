import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Wake } from '../core/dispatch/wake.ts';
import type { Clock } from '../core/ports.ts';
import type { DispatchQueue } from '../functions/shared/platform.ts';
import { dueItems, sortableMillis } from './local-table.ts';

const VISIBLE = 'LOCALQUEUE#VISIBLE';
const DEAD = 'LOCALQUEUE#DEAD';

export interface QueueDelivery {
  readonly wake: Wake;
  readonly at: string;
  readonly outcome: 'completed' | 'retrying' | 'dead-lettered';
}

interface Message {
  readonly id: string;
  readonly wake: Wake;
  readonly visibleAt: string;
  readonly receiveCount: number;
}

export interface LocalQueueOptions {
  /** How long a received message stays hidden if the consumer neither deletes nor delays it. */
  readonly visibilitySeconds: number;
  /** Receives before a message moves to the dead-letter list (SQS's maxReceiveCount). */
  readonly maxReceiveCount: number;
  /** Messages per consumer invocation (the event source mapping's batch size). @default 10 */
  readonly batchSize?: number;
  /** Invocations at once (the mapping's maximum concurrency). @default 2 */
  readonly concurrency?: number;
}

/**
 * SQS, locally (no SQS engine runs here): messages in DynamoDB Local, visible at a time on the
 * local clock, received one at a time by the consumer with an SQS-shaped event, deleted on
 * success, hidden again on failure (for as long as the consumer asked, or the visibility timeout),
 * and dead-lettered after `maxReceiveCount` receives. So retries happen minutes apart on the local
 * clock, as they do on AWS, not back to back.
 */
export class LocalQueue implements DispatchQueue {
  private consumer?: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  private delivering: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly options: LocalQueueOptions,
  ) {}

  consumeWith(consumer: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>): void {
    this.consumer = consumer;
  }

  async send(wake: Wake, options: { readonly delaySeconds?: number } = {}): Promise<void> {
    const id = randomUUID();
    const visibleAt = new Date(this.clock().getTime() + (options.delaySeconds ?? 0) * 1000);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: `LOCALQUEUE#${id}`,
          SK: 'MESSAGE',
          GSI1PK: VISIBLE,
          GSI1SK: `${sortableMillis(visibleAt)}#${id}`,
          id,
          wake,
          visibleAt: visibleAt.toISOString(),
          receiveCount: 0,
          sentAt: this.clock().toISOString(),
        },
      }),
    );
  }

  /** The receipt handle is the message id: hide it for `seconds` from now on the local clock. */
  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    await this.hide(receiptHandle, seconds);
  }

  /** When the next message becomes visible, if any. */
  async nextVisibleAt(): Promise<string | undefined> {
    const [first] = await this.query(VISIBLE, undefined, 1);
    return first?.visibleAt;
  }

  /** Delivers every message visible now, one by one, oldest first; serialised across callers. */
  deliverVisible(): Promise<QueueDelivery[]> {
    const run = this.delivering.then(() => this.deliverNow());
    this.delivering = run.catch(() => undefined);
    return run;
  }

  async deadLetters(): Promise<{ wake: Wake; receiveCount: number; at: string }[]> {
    return (await this.query(DEAD)).map((m) => ({
      wake: m.wake,
      receiveCount: m.receiveCount,
      at: m.visibleAt,
    }));
  }

  async visible(): Promise<{ wake: Wake; visibleAt: string; receiveCount: number }[]> {
    return (await this.query(VISIBLE)).map(({ wake, visibleAt, receiveCount }) => ({
      wake,
      visibleAt,
      receiveCount,
    }));
  }

  private async deliverNow(): Promise<QueueDelivery[]> {
    const consumer = this.consumer;
    if (!consumer) return [];
    const batchSize = this.options.batchSize ?? 10;
    const concurrency = this.options.concurrency ?? 2;
    const deliveries: QueueDelivery[] = [];
    for (;;) {
      const due = await this.query(VISIBLE, this.clock(), batchSize * concurrency);
      if (due.length === 0) return deliveries;
      const batches = Array.from({ length: Math.ceil(due.length / batchSize) }, (_, i) =>
        due.slice(i * batchSize, (i + 1) * batchSize),
      );
      for (const results of await Promise.all(batches.map((b) => this.deliver(consumer, b)))) {
        deliveries.push(...results);
      }
    }
  }

  /** One invocation with a batch of messages, and what its partial batch response says of each. */
  private async deliver(
    consumer: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>,
    batch: readonly Message[],
  ): Promise<QueueDelivery[]> {
    const at = this.clock().toISOString();
    // Received: hidden for the visibility timeout unless the consumer deletes or delays them.
    const received = batch.map((message) => ({
      ...message,
      receiveCount: message.receiveCount + 1,
    }));
    for (const message of received) {
      await this.hide(message.id, this.options.visibilitySeconds, message.receiveCount);
    }
    let failed: ReadonlySet<string>;
    try {
      const response = await consumer({ Records: received.map(sqsRecord) });
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      console.error('[local queue] the consumer threw; the whole batch will be retried:', error);
      failed = new Set(received.map((message) => message.id));
    }
    const outcomes: QueueDelivery[] = [];
    for (const message of received) {
      outcomes.push({ wake: message.wake, at, outcome: await this.settleMessage(message, failed) });
    }
    return outcomes;
  }

  private async settleMessage(
    message: Message,
    failed: ReadonlySet<string>,
  ): Promise<QueueDelivery['outcome']> {
    if (!failed.has(message.id)) {
      await this.remove(message.id);
      return 'completed';
    }
    if (message.receiveCount >= this.options.maxReceiveCount) {
      await this.moveToDeadLetters(message, message.receiveCount);
      console.error(
        `[local queue] ${JSON.stringify(message.wake)} failed ${message.receiveCount} times: dead-lettered`,
      );
      return 'dead-lettered';
    }
    return 'retrying';
  }

  private async hide(id: string, seconds: number, receiveCount?: number): Promise<void> {
    const visibleAt = new Date(this.clock().getTime() + seconds * 1000);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `LOCALQUEUE#${id}`, SK: 'MESSAGE' },
        UpdateExpression: `SET visibleAt = :at, GSI1SK = :sk${receiveCount === undefined ? '' : ', receiveCount = :count'}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: {
          ':at': visibleAt.toISOString(),
          ':sk': `${sortableMillis(visibleAt)}#${id}`,
          ...(receiveCount === undefined ? {} : { ':count': receiveCount }),
        },
      }),
    );
  }

  private async remove(id: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: `LOCALQUEUE#${id}`, SK: 'MESSAGE' },
      }),
    );
  }

  private async moveToDeadLetters(message: Message, receiveCount: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `LOCALQUEUE#${message.id}`, SK: 'MESSAGE' },
        UpdateExpression: 'SET GSI1PK = :dead, receiveCount = :count',
        ExpressionAttributeValues: { ':dead': DEAD, ':count': receiveCount },
      }),
    );
  }

  private query(partition: string, until?: Date, limit?: number): Promise<Message[]> {
    return dueItems<Message>(this.db, this.tableName, partition, {
      ...(until ? { until } : {}),
      ...(limit ? { limit } : {}),
    });
  }
}

function sqsRecord(message: Message): SQSEvent['Records'][number] {
  return {
    messageId: message.id,
    receiptHandle: message.id,
    body: JSON.stringify(message.wake),
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(Date.parse(message.visibleAt)),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:rapport-dispatch',
    awsRegion: 'local',
  };
}
