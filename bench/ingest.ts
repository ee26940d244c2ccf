import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { recordInteraction } from '../core/use-cases/record-interaction.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { dynamoStores } from '../functions/shared/aws-deps.ts';
import { ensureTable, LOCAL_AWS } from '../local/dynamodb-local.ts';
import { type Measurement, measureConcurrent } from './measure.ts';

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

/**
 * Raw PutItem and the ingest use case (validation, customer check, idempotency key, timeline
 * entry, event publication) against the same DynamoDB Local, at the same concurrency. The bus is
 * a no-op: this measures Rapport's own cost per interaction, not a network hop to EventBridge.
 */
export async function benchIngest(endpoint: string, total: number, concurrency: number) {
  const tableName = `bench-${Date.now()}`;
  await ensureTable(endpoint, tableName);
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  const stores = dynamoStores(tableName, db);
  for (let i = 0; i < CUSTOMERS; i++) {
    const at = '2026-01-01T00:00:00.000Z';
    await stores.customers.createCustomer({
      id: `bench-${i}`,
      externalIds: {},
      name: { given: 'Bench' },
      locale: 'es',
      contact: {},
      channelPreferences: [],
      consent: {},
      attributes: {},
      createdAt: at,
      updatedAt: at,
    });
  }
  const run = String(Date.now());
  const raw: Measurement = await measureConcurrent('raw PutItem', total, concurrency, (i) =>
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: { PK: `RAW#${i}`, SK: 'RAW', ...interactionBody(run, i) },
      }),
    ),
  );
  const deps = { ...stores, bus: { publish: async () => undefined }, clock: () => new Date() };
  const ingest = await measureConcurrent('ingest: record interaction', total, concurrency, (i) =>
    recordInteraction(deps, interactionBody(run, i)),
  );
  const replay = await measureConcurrent(
    'ingest: replayed interaction (idempotent)',
    total,
    concurrency,
    (i) => recordInteraction(deps, interactionBody(run, i)),
  );
  db.destroy();
  return { raw, ingest, replay };
}
