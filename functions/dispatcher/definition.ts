import { SesMailer } from '../adapters/ses/ses-mailer.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { createDispatcherHandler } from './app.ts';
import { DispatcherConfig } from './config.ts';
import { pacedMailer } from './paced-mailer.ts';

/** The dispatcher's timeout; a claim must outlive any attempt that could still be running. */
export const DISPATCHER_TIMEOUT_SECONDS = 60;
export const LEASE_MS = (DISPATCHER_TIMEOUT_SECONDS + 30) * 1000;
/**
 * Receives of one wake-up before the dispatch queue moves it to its dead-letter queue. With the
 * dispatcher's backoff (1, 2, 4, ... minutes, capped at an hour) that is about four hours of tries.
 */
export const DISPATCH_MAX_RECEIVES = 8;

export const dispatcher = defineFunction({
  name: 'dispatcher',
  description:
    'Rapport dispatcher: wakes planned actions from the dispatch queue (consent, render, send, record)',
  config: DispatcherConfig,
  loadsCatalog: true,
  tableActions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  create: (
    config: DispatcherConfig,
    platform: Pick<
      Platform,
      'clock' | 'newId' | 'dynamo' | 'ses' | 'queue' | 'workflows' | 'catalog'
    >,
  ) => {
    const db = platform.dynamo();
    const queue = platform.queue(config.RAPPORT_DISPATCH_QUEUE_URL);
    return createDispatcherHandler({
      ...dynamoStores(db, config.RAPPORT_TABLE_NAME),
      catalog: platform.catalog(config.RAPPORT_WORKFLOWS_DIR),
      mailer: pacedMailer(
        new SesMailer(platform.ses(), config.RAPPORT_SES_CONFIGURATION_SET),
        config.RAPPORT_SENDS_PER_SECOND,
      ),
      queue,
      workflows: platform.workflows(config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      newId: platform.newId,
      sender: { address: config.RAPPORT_SENDER_ADDRESS, name: config.RAPPORT_SENDER_NAME },
      maxAttempts: config.RAPPORT_MAX_ATTEMPTS,
      leaseMs: LEASE_MS,
    });
  },
});
