import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerProfile } from '../core/customer/customer.ts';
import { recordInteraction } from '../core/use-cases/record-interaction.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { dynamoStores } from '../functions/shared/stores.ts';
import { ensureTable, LOCAL_AWS } from '../local/dynamodb-local.ts';
import { type Measurement, measureConcurrent } from './measure.ts';
import { countWrites } from './write-counter.ts';

const CUSTOMERS = 200;

const interactionBody = (run: string, i: number) => ({
  id: `${run}-${i}`,
  customer: { id: `bench-${i % CUSTOMERS}` },
  type: 'purchase',
  touchpoint: 'store',
  occurredAt: new Date(Date.UTC(2026, 10, 23, 12, 0, i % 60)).toISOString(),
  amount: { value: 100 + (i % 50), currency: 'COP' },
  metadata: { basket: i % 7 },
});

export interface IngestResult {
  readonly raw: Measurement;
  readonly ingest: Measurement;
  readonly replay: Measurement;
  /** Items written per recorded interaction, counted on the client (not assumed). */
  readonly writesPerInteraction: number;
  /** Requests per recorded interaction, by operation. */
  readonly requestsPerInteraction: ReadonlyMap<string, number>;
  readonly writesPerReplay: number;
  readonly requestsPerReplay: ReadonlyMap<string, number>;
}

const perOperation = (requests: ReadonlyMap<string, number>, total: number) =>
  new Map([...requests].map(([operation, count]) => [operation, count / total]));

/**
 * Raw PutItem and the ingest use case (validation, idempotency key, timeline entry and the
 * `interaction.recorded` outbox item in one transaction) against the same DynamoDB Local, at the
 * same concurrency. Events reach the bus later, from the table's stream: not measured here.
 */
export async function benchIngest(
  endpoint: string,
  total: number,
  concurrency: number,
): Promise<IngestResult> {
  const tableName = `bench-${Date.now()}`;
  await ensureTable(endpoint, tableName);
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  const counts = countWrites(db);
  const stores = dynamoStores(db, tableName);
  const at = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < CUSTOMERS; i++) {
    const profile: CustomerProfile = {
      id: `bench-${i}`,
      externalIds: {},
      name: { given: 'Bench' },
      locale: 'es',
      contact: {},
      channelPreferences: [],
      attributes: {},
      createdAt: at,
      updatedAt: at,
    };
    await stores.customers.createCustomer(profile, [], []);
  }
  const run = String(Date.now());
  const raw = await measureConcurrent('raw PutItem', total, concurrency, (i) =>
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: { PK: `RAW#${i}`, SK: 'RAW', ...interactionBody(run, i) },
      }),
    ),
  );
  const deps = { ...stores, clock: () => new Date() };

  counts.items = 0;
  counts.requests.clear();
  const ingest = await measureConcurrent('ingest: record interaction', total, concurrency, (i) =>
    recordInteraction(deps, interactionBody(run, i)),
  );
  const writesPerInteraction = counts.items / total;
  const requestsPerInteraction = perOperation(counts.requests, total);

  counts.items = 0;
  counts.requests.clear();
  const replay = await measureConcurrent(
    'ingest: replayed interaction (idempotent)',
    total,
    concurrency,
    (i) => recordInteraction(deps, interactionBody(run, i)),
  );
  const writesPerReplay = counts.items / total;
  const requestsPerReplay = perOperation(counts.requests, total);
  db.destroy();
  return {
    raw,
    ingest,
    replay,
    writesPerInteraction,
    requestsPerInteraction,
    writesPerReplay,
    requestsPerReplay,
  };
}
