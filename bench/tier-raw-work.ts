import { BatchWriteCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { customerScanInput } from '../functions/adapters/dynamodb/tiers/customer-scan.ts';

// The raw work a tier run on DynamoDB Local is compared with (bench/tiers.ts): the run's own scan,
// and one put per customer of an item the size of a value state.

type Db = ReturnType<typeof documentClient>;
type Key = { readonly PK: string; readonly SK: string };

const AS_OF = '2026-11-20T00:00:00.000Z';

/** What the run stores per customer, in size: a value state with its twenty figures. */
const RAW_VALUE = {
  tier: 'B',
  stage: 'relate',
  metrics: Object.fromEntries(
    [
      't1',
      'purchases12m',
      'purchaseOccasions',
      'recencyDays',
      'tenureDays',
      'equity',
      'baseline',
      'volumeRatio',
      'complaints12m',
      'conversations',
      'x',
      'tx',
      'T',
      'meanRepeatSpend',
      'pAlive',
      'expectedPurchases',
      'expectedSpend',
      'modelValue',
    ].map((key, i) => [key, 1234.567891 + i]),
  ),
  computedAt: AS_OF,
  runId: 'tiers-20261120T000000Z',
  asOf: AS_OF,
  alerts: { declining: false, lapsed: false, atRisk: false },
  revision: 1,
};

const itemAt = (key: Key) => ({ ...key, entity: 'system-state', value: RAW_VALUE });

/** Customers per conditional transaction: as many as the run puts in one (classify-step.ts). */
const PER_TRANSACTION = 90;

/**
 * Puts `count` value-sized items, `writers` requests in flight: BatchWrite (25 a request,
 * unprocessed ones sent again) or transactions of conditional puts, as the run writes.
 */
export async function putAll(
  db: Db,
  tableName: string,
  count: number,
  writers: number,
  how: 'batch' | 'conditional-transactions',
  key: (i: number) => Key,
) {
  const per = how === 'batch' ? 25 : PER_TRANSACTION;
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const first = next;
      next += per;
      const items = Array.from({ length: Math.min(per, count - first) }, (_, i) =>
        itemAt(key(first + i)),
      );
      if (how === 'conditional-transactions') {
        await db.send(
          new TransactWriteCommand({
            TransactItems: items.map((Item) => ({
              Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
            })),
          }),
        );
      } else
        await batchWrite(
          db,
          tableName,
          items.map((Item) => ({ PutRequest: { Item } })),
        );
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

/** Deletes what `putAll` put, unmeasured: the run must scan the table the raw work scanned. */
export async function deleteAll(
  db: Db,
  tableName: string,
  count: number,
  writers: number,
  key: (i: number) => Key,
) {
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const first = next;
      next += 25;
      const keys = Array.from({ length: Math.min(25, count - first) }, (_, i) => key(first + i));
      await batchWrite(
        db,
        tableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

async function batchWrite(db: Db, tableName: string, requests: unknown[]) {
  let pending: unknown[] | undefined = requests;
  while (pending && pending.length > 0) {
    const out: { UnprocessedItems?: Record<string, unknown[]> } = await db.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
    );
    pending = out.UnprocessedItems?.[tableName];
  }
}

/** The run's Scan requests over all of a table, `segments` at once; milliseconds taken. */
export async function scanAll(db: Db, tableName: string, segments: number, of = segments) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand(customerScanInput(tableName, { segment, of }, startKey)),
        );
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
  return performance.now() - started;
}

const warmKey = (kind: string) => (i: number) => ({
  PK: `BENCHWARM#${kind}${i}`,
  SK: 'STATE#value',
});

/**
 * DynamoDB Local is a JVM, and seeding warms its BatchWrite path alone: cold, its transactions ran
 * at a third of their compiled speed here (~450/s, then ~1,200/s). Both kinds of write first run
 * unmeasured (on keys of their own), and the run's Scan over a sixteenth of the table (the first
 * scan measured paid for compiling the scan path alone: the run's first pass then took half its
 * time).
 */
export async function warmUp(db: Db, tableName: string, items: number, writers: number) {
  await putAll(db, tableName, items, writers, 'conditional-transactions', warmKey('t'));
  await putAll(db, tableName, items, writers, 'batch', warmKey('b'));
  await scanAll(db, tableName, 1, 16);
}
