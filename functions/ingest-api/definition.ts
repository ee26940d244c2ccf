import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { IngestConfig } from './config.ts';
import { createIngestHandler } from './routes.ts';

export const ingestApi = defineFunction({
  name: 'ingest-api',
  description: 'Rapport ingest HTTP API: customers, consent, interactions',
  config: IngestConfig,
  // Reads: the composed customer (Query), external ids and idempotency keys (GetItem). Writes go
  // through TransactWriteItems, authorized per item action.
  tableActions: ['GetItem', 'Query', 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  create: (config: IngestConfig, platform: Pick<Platform, 'clock' | 'newId' | 'dynamo'>) =>
    createIngestHandler({
      ...dynamoStores(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      newId: platform.newId,
    }),
});
