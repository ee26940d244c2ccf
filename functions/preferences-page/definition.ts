import { DynamoPreferencesStore } from '../adapters/dynamodb/preferences-store.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { createPreferencesPageHandler } from './app.ts';
import { PreferencesPageConfig } from './config.ts';

export const preferencesPage = defineFunction({
  name: 'preferences-page',
  description: 'Rapport preferences page and one-click unsubscribe (public; signed links only)',
  config: PreferencesPageConfig,
  // The topics, frequencies and default channel order come from workflows/messaging.yaml.
  shipsWorkflowFiles: true,
  // Reads the composed customer (Query); preferences and consent are TransactWriteItems of Puts
  // with a ConditionCheck that the customer exists.
  tableActions: ['Query', 'PutItem', 'ConditionCheckItem'],
  create: (
    config: PreferencesPageConfig,
    platform: Pick<Platform, 'clock' | 'newId' | 'dynamo' | 'catalog' | 'linkKey'>,
  ) => {
    const db = platform.dynamo();
    return createPreferencesPageHandler({
      customers: dynamoStores(db, config.RAPPORT_TABLE_NAME).customers,
      preferences: new DynamoPreferencesStore(db, config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      newId: platform.newId,
      linkKey: platform.linkKey,
      policy: platform.catalog(config.RAPPORT_WORKFLOWS_DIR).messaging,
    });
  },
});
