import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerHistory, HistoryEvent } from '../../core/tiers/history.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';

const DAY = 86_400_000;

/**
 * A small deterministic generator (mulberry32): the tier tests and the benchmark seed the same
 * synthetic customers on every run.
 */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Customers with three years of purchases before `asOf`: steady, fading, gone, new. */
export function syntheticHistories(count: number, asOf: number, seed = 7): CustomerHistory[] {
  return Array.from(new SyntheticCustomers(count, asOf, seed));
}

/**
 * The same customers as `syntheticHistories`, kept in columns (typed arrays: two bytes per
 * interaction) and turned into history objects one at a time, each time they are iterated. A run
 * reads its customers twice; a million retained history objects (~640 MB of heap) made garbage
 * collection the larger part of the in-process benchmark, and the real run re-scans too.
 */
export class SyntheticCustomers implements Iterable<CustomerHistory> {
  /** Customer i's interactions are [first[i], first[i + 1]); the last is a call when hasCall[i]. */
  private readonly first: Uint32Array;
  private ageDays: Uint16Array;
  private readonly hasCall: Uint8Array;
  /** Every purchase of a customer has the same amount (cents / 100, as generated). */
  private readonly amount: Float64Array;

  constructor(
    readonly count: number,
    private readonly asOf: number,
    seed = 7,
  ) {
    const next = random(seed);
    this.first = new Uint32Array(count + 1);
    this.hasCall = new Uint8Array(count);
    this.amount = new Float64Array(count);
    this.ageDays = new Uint16Array(Math.max(16, count * 6));
    let n = 0;
    for (let i = 0; i < count; i++) {
      this.first[i] = n;
      n = this.generate(i, n, next);
    }
    this.first[count] = n;
  }

  /** Customer i from `next`, in the order syntheticHistories always drew: the same customers. */
  private generate(i: number, n: number, next: () => number): number {
    const kind = next();
    const spend = 20 + next() * 200 * (next() < 0.1 ? 10 : 1);
    this.amount[i] = Math.round(spend * 100) / 100;
    const purchases = 1 + Math.floor(next() * 8);
    if (n + purchases + 1 > this.ageDays.length) {
      const grown = new Uint16Array(this.ageDays.length * 2);
      grown.set(this.ageDays);
      this.ageDays = grown;
    }
    let at = n;
    for (let p = 0; p < purchases; p++) {
      // Gone customers stopped 13-20 months ago; fading ones buy mostly in the baseline years.
      const age =
        kind < 0.15 ? 400 + next() * 200 : kind < 0.35 ? 200 + next() * 800 : next() * 1000;
      this.ageDays[at++] = Math.floor(age);
    }
    if (next() < 0.3) {
      this.ageDays[at++] = Math.floor(next() * 300);
      this.hasCall[i] = 1;
    }
    return at;
  }

  history(i: number): CustomerHistory {
    const from = this.first[i] as number;
    const to = this.first[i + 1] as number;
    const calls = this.hasCall[i] as number;
    const amount = this.amount[i] as number;
    const events: HistoryEvent[] = [];
    for (let e = from; e < to; e++) {
      const at = this.asOf - (this.ageDays[e] as number) * DAY;
      events.push(
        e === to - 1 && calls === 1
          ? { at, type: 'call', amount: 0 }
          : { at, type: 'purchase', amount },
      );
    }
    return { customerId: `c-${String(i).padStart(5, '0')}`, events };
  }

  *[Symbol.iterator](): Iterator<CustomerHistory> {
    for (let i = 0; i < this.count; i++) yield this.history(i);
  }
}

/** Writes the customers as ingest would have: a profile and one timeline item per interaction. */
export async function seedCustomers(
  db: DynamoDBDocumentClient,
  tableName: string,
  customers: readonly CustomerHistory[],
): Promise<void> {
  const items = customers.flatMap((customer) => [
    {
      ...keys.customer(customer.customerId),
      entity: 'customer',
      id: customer.customerId,
      externalIds: {},
      createdAt: '2023-01-01T00:00:00.000Z',
      updatedAt: '2023-01-01T00:00:00.000Z',
    },
    ...customer.events.map((event, n) => {
      const occurredAt = new Date(event.at).toISOString();
      return {
        ...keys.interaction(customer.customerId, occurredAt, `${customer.customerId}-${n}`),
        entity: 'interaction',
        id: `${customer.customerId}-${n}`,
        customerId: customer.customerId,
        type: event.type,
        touchpoint: 'store',
        occurredAt,
        ...(event.amount ? { amount: { value: event.amount, currency: 'USD' } } : {}),
      };
    }),
  ]);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let request: Record<string, unknown>[] | undefined = (batches[next++] ?? []).map((Item) => ({
        PutRequest: { Item },
      }));
      while (request && request.length > 0) {
        const out = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: request as never } }),
        );
        request = out.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
