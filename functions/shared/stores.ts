import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCustomerStore } from '../adapters/dynamodb/customer-store.ts';
import { DynamoInteractionStore } from '../adapters/dynamodb/interaction-store.ts';
import { DynamoScheduleStore } from '../adapters/dynamodb/schedule-store.ts';

/** The table's stores, on one client. */
export function dynamoStores(db: DynamoDBDocumentClient, tableName: string) {
  return {
    customers: new DynamoCustomerStore(db, tableName),
    interactions: new DynamoInteractionStore(db, tableName),
    schedules: new DynamoScheduleStore(db, tableName),
  };
}
