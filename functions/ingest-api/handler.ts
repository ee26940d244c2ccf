import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus } from '../adapters/eventbridge/event-bridge-bus.ts';
import { dynamoStores, newId, systemClock } from '../shared/aws-deps.ts';
import { IngestConfig, readConfig } from '../shared/config.ts';
import { createIngestHandler } from './routes.ts';

const config = readConfig(IngestConfig);

export const handler = createIngestHandler({
  ...dynamoStores(config.RAPPORT_TABLE_NAME),
  bus: new EventBridgeBus(new EventBridgeClient(), config.RAPPORT_EVENT_BUS_NAME),
  clock: systemClock,
  newId,
});
