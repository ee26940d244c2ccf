import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { EventBridgeBus } from '../adapters/eventbridge/event-bridge-bus.ts';
import { SesMailer } from '../adapters/ses/ses-mailer.ts';
import { bundledCatalog, dynamoStores, systemClock } from '../shared/aws-deps.ts';
import { DispatcherConfig, readConfig } from '../shared/config.ts';
import { createDispatcherHandler } from './app.ts';

const config = readConfig(DispatcherConfig);

export const handler = createDispatcherHandler({
  ...dynamoStores(config.RAPPORT_TABLE_NAME),
  catalog: bundledCatalog(config.RAPPORT_WORKFLOWS_DIR),
  mailer: new SesMailer(new SESv2Client(), config.RAPPORT_SES_CONFIGURATION_SET),
  bus: new EventBridgeBus(new EventBridgeClient(), config.RAPPORT_EVENT_BUS_NAME),
  clock: systemClock,
  sender: { address: config.RAPPORT_SENDER_ADDRESS, name: config.RAPPORT_SENDER_NAME },
  maxAttempts: config.RAPPORT_MAX_ATTEMPTS,
  // Longer than the function timeout, so a live invocation never loses its claim.
  leaseMs: 5 * 60_000,
});
