import { performance } from 'node:perf_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TierStepDeps } from '../../../../core/tiers/steps.ts';
import { DynamoCustomerScanner, SCAN_PAGE_ITEMS } from './customer-scan.ts';
import { DynamoTierRunStore } from './run-store.ts';
import { DynamoValueWriter } from './value-writer.ts';

/** What a tier run's steps need besides the table: the policy, the clock, the sizes. */
export type TierStepSettings = Omit<TierStepDeps, 'runs' | 'scanner' | 'values' | 'stopwatch'> & {
  /** Items per Scan page. @default SCAN_PAGE_ITEMS */
  readonly scanPageItems?: number;
};

/**
 * The tier run's steps on one table: its run store, scanner and value writer, timed by a real
 * stopwatch (a chunk's budget is real time, not the domain clock, which tests freeze). The Lambda
 * function, the benchmark and the tests build them here, so they run the same parts.
 */
export function dynamoTierStepDeps(
  db: DynamoDBDocumentClient,
  tableName: string,
  { scanPageItems = SCAN_PAGE_ITEMS, ...settings }: TierStepSettings,
): TierStepDeps {
  const stopwatch = () => performance.now();
  return {
    runs: new DynamoTierRunStore(db, tableName),
    scanner: new DynamoCustomerScanner(db, tableName, stopwatch, scanPageItems),
    values: new DynamoValueWriter(db, tableName),
    stopwatch,
    ...settings,
  };
}
