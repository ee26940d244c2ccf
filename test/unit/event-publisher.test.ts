import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../core/events/registry.ts';
import { eventBatchPuts, eventPuts } from '../../functions/adapters/dynamodb/client.ts';
import { createEventPublisherHandler } from '../../functions/event-publisher/app.ts';
import { lambdaContext } from '../../local/lambda-context.ts';

const asOf = '2026-11-20T00:00:00.000Z';
const tierChanged = (n: number): DomainEvent => ({
  id: `tier.changed:c${n}:2`,
  type: 'tier.changed',
  occurredAt: asOf,
  data: { customerId: `c${n}`, runId: 'tiers-1', asOf, from: 'B', to: 'A', t1: 100, equity: 500 },
});

/** Stream INSERT records of the outbox items the writers put, as the table's stream carries them. */
function recordsOf(items: { Put?: { Item?: Record<string, unknown> } }[], from: number) {
  return items.map(
    (item, i): DynamoDBRecord => ({
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: String(from + i),
        NewImage: marshall(item.Put?.Item ?? {}) as never,
      },
    }),
  );
}

/** A bus that fails the calls `failing` names (1-based) and keeps what the others carried. */
function busFailing(failing: readonly number[]) {
  const published: string[][] = [];
  let calls = 0;
  return {
    published,
    async publish(events: readonly DomainEvent[]) {
      calls++;
      if (failing.includes(calls)) throw new Error(`injected failure of call ${calls}`);
      published.push(events.map((event) => event.id));
    },
  };
}

const invoke = (bus: ReturnType<typeof busFailing>, Records: DynamoDBRecord[]) =>
  createEventPublisherHandler({ bus })({ Records } as DynamoDBStreamEvent, lambdaContext('test'));

describe('the outbox publisher', () => {
  // 23 events of one transaction: batches of 10, 10 and 3; then two single-event items.
  const batch = Array.from({ length: 23 }, (_, n) => tierChanged(n));
  const singles = [tierChanged(100), tierChanged(101)];
  const records = [
    ...recordsOf(eventBatchPuts('t', batch), 1),
    ...recordsOf(eventPuts('t', singles), 4),
  ];

  it('publishes batched and single outbox items in stream order, a batch never split', async () => {
    const bus = busFailing([]);

    const response = await invoke(bus, records);

    expect(response.batchItemFailures).toEqual([]);
    expect(bus.published.flat()).toEqual([...batch, ...singles].map((event) => event.id));
    expect(bus.published.map((call) => call.length)).toEqual([10, 10, 5]);
  });

  it('reports the failed call and every later record, so the retry sends no event twice', async () => {
    const bus = busFailing([2]);

    const response = await invoke(bus, records);

    // The first batch went out; the second failed: it and the rest are retried, from record 2.
    expect(bus.published).toEqual([batch.slice(0, 10).map((event) => event.id)]);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['2', '3', '4', '5']);
    const retry = busFailing([]);
    await invoke(retry, records.slice(1));
    const all = [...bus.published.flat(), ...retry.published.flat()];
    expect(all).toEqual([...batch, ...singles].map((event) => event.id));
  });

  it('ignores what is not an outbox insert', async () => {
    const bus = busFailing([]);
    const modify = { ...records[0], eventName: 'MODIFY' } as DynamoDBRecord;
    const state: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: '9',
        NewImage: marshall({ PK: 'CUSTOMER#a', entity: 'x' }) as never,
      },
    };

    expect((await invoke(bus, [modify, state])).batchItemFailures).toEqual([]);
    expect(bus.published).toEqual([]);
  });
});
