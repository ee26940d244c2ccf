import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Catalog } from '../../core/catalog.ts';
import type { Clock } from '../../core/ports.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { documentClient } from '../adapters/dynamodb/client.ts';
import { DynamoCustomerStore } from '../adapters/dynamodb/customer-store.ts';
import { DynamoInteractionStore } from '../adapters/dynamodb/interaction-store.ts';
import { DynamoScheduleStore } from '../adapters/dynamodb/schedule-store.ts';

export const systemClock: Clock = () => new Date();

/** Sortable, so ids generated here also order by creation time. */
export const newId = (): string => ulid();

export function dynamoStores(tableName: string, db = documentClient()) {
  return {
    customers: new DynamoCustomerStore(db, tableName),
    interactions: new DynamoInteractionStore(db, tableName),
    schedules: new DynamoScheduleStore(db, tableName),
  };
}

/** In Lambda the workflow files sit beside the bundle (the CDK copies them there). */
export function bundledCatalog(dir: string | undefined): Catalog {
  return loadCatalog(dir ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'workflows'));
}
