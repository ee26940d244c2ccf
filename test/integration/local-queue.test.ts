import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Wake } from '../../core/dispatch/wake.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { ensureTable, LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { LocalClock } from '../../local/local-clock.ts';
import { LocalQueue } from '../../local/local-queue.ts';
import { localStateTable, localStateTableDefinition } from '../../local/local-table.ts';
import { freshTable } from '../support/services.ts';

async function aQueue(maxReceiveCount = 3) {
  const { tableName, endpoint } = await freshTable('queue');
  await ensureTable(endpoint, localStateTableDefinition(tableName));
  const clock = new LocalClock({ startAt: new Date('2026-11-24T15:00:00Z'), frozen: true });
  const queue = new LocalQueue(
    documentClient({ ...LOCAL_AWS, endpoint }),
    localStateTable(tableName),
    clock.now,
    { visibilitySeconds: 360, maxReceiveCount },
  );
  return { queue, clock };
}

const wake = (scheduleId: string): Wake => ({ kind: 'run-action', scheduleId });

describe('the local dispatch queue on DynamoDB Local', () => {
  it('delivers a message when its delay is over, and deletes it once handled', async () => {
    const { queue, clock } = await aQueue();
    const received: string[] = [];
    queue.consumeWith(async (event: SQSEvent) => {
      received.push(...event.Records.map((record) => record.body));
      return { batchItemFailures: [] };
    });
    await queue.send(wake('later'), { delaySeconds: 60 });
    await queue.send(wake('now'));

    await queue.deliverVisible();
    clock.advanceBy(60_000);
    await queue.deliverVisible();
    await queue.deliverVisible();

    expect(received.map((body) => JSON.parse(body).scheduleId)).toEqual(['now', 'later']);
    expect(await queue.visible()).toEqual([]);
  });

  it('hides a failed message for as long as the consumer asks, counting receives', async () => {
    const { queue, clock } = await aQueue();
    const receives: string[] = [];
    queue.consumeWith(async (event): Promise<SQSBatchResponse> => {
      const [record] = event.Records;
      receives.push(record?.attributes.ApproximateReceiveCount ?? '');
      await queue.retryLater(record?.receiptHandle ?? '', 60);
      return { batchItemFailures: [{ itemIdentifier: record?.messageId ?? '' }] };
    });
    await queue.send(wake('flaky'));

    await queue.deliverVisible();
    clock.advanceBy(59_000);
    await queue.deliverVisible();
    clock.advanceBy(1_000);
    await queue.deliverVisible();

    expect(receives).toEqual(['1', '2']);
  });

  it('moves a message that keeps failing to the dead letters after maxReceiveCount receives', async () => {
    const { queue, clock } = await aQueue(3);
    queue.consumeWith(async () => {
      throw new Error('consumer crashed');
    });
    await queue.send(wake('poison'));

    for (let i = 0; i < 4; i++) {
      await queue.deliverVisible();
      clock.advanceBy(360_000);
    }

    expect(await queue.visible()).toEqual([]);
    expect(await queue.deadLetters()).toEqual([
      expect.objectContaining({ wake: wake('poison'), receiveCount: 3 }),
    ]);
  });
});
