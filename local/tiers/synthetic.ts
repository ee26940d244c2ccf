import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerHistory } from '../../core/tiers/history.ts';
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
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = next();
    const spend = 20 + next() * 200 * (next() < 0.1 ? 10 : 1);
    const events = [];
    const purchases = 1 + Math.floor(next() * 8);
    for (let p = 0; p < purchases; p++) {
      // Gone customers stopped 13-20 months ago; fading ones buy mostly in the baseline years.
      const ageDays =
        kind < 0.15 ? 400 + next() * 200 : kind < 0.35 ? 200 + next() * 800 : next() * 1000;
      events.push({
        at: asOf - Math.floor(ageDays) * DAY,
        type: 'purchase' as const,
        amount: Math.round(spend * 100) / 100,
      });
    }
    if (next() < 0.3)
      events.push({ at: asOf - Math.floor(next() * 300) * DAY, type: 'call' as const, amount: 0 });
    return { customerId: `c-${String(i).padStart(5, '0')}`, events };
  });
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
