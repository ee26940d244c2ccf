import { DynamoCustomerStore } from '../adapters/dynamodb/customer-store.ts';
import { DynamoDeliveryFeedbackStore } from '../adapters/dynamodb/delivery-feedback-store.ts';
import { DynamoSystemStateStore } from '../adapters/dynamodb/system-state-store.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { createFeedbackHandler } from './app.ts';
import { FeedbackConfig } from './config.ts';

export const deliveryFeedback = defineFunction({
  name: 'delivery-feedback',
  description:
    'Rapport delivery feedback: SES delivery, bounce and complaint events to messages and reachability',
  config: FeedbackConfig,
  // GetItem: the provider-id pointer. Query: the composed customer (its reachability).
  // UpdateItem: the message's delivery report. PutItem: the reachability part, written in a
  // transaction (authorized per item action).
  tableActions: ['GetItem', 'Query', 'UpdateItem', 'PutItem'],
  create: (config: FeedbackConfig, platform: Pick<Platform, 'dynamo'>) => {
    const db = platform.dynamo();
    const table = config.RAPPORT_TABLE_NAME;
    return createFeedbackHandler({
      messages: new DynamoDeliveryFeedbackStore(db, table),
      customers: new DynamoCustomerStore(db, table),
      state: new DynamoSystemStateStore(db, table),
    });
  },
});
