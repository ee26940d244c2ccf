import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Preferences } from '../../../core/customer/system-state.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import type {
  PreferenceChange,
  PreferencesStore,
} from '../../../core/use-cases/preferences/ports.ts';
import { customerExists, failedConditions } from './client.ts';
import { keys, prefixes } from './keys.ts';
import { newestInPartition } from './newest-in-partition.ts';

/**
 * The customer's preferences in force (the same `CURRENT#STATE#preferences` item the customer view
 * composes, shaped as DynamoSystemStateStore writes it) and their log, in one transaction with a
 * check that the customer still exists.
 */
export class DynamoPreferencesStore implements PreferencesStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async savePreferences(
    customerId: string,
    next: Preferences,
    change: PreferenceChange,
    previousUpdatedAt: string | undefined,
  ): Promise<void> {
    // Optimistic: the item must still be what the change was computed from, so two changes made
    // at once (a one-click unsubscribe while the page is open) cannot silently undo each other.
    const unchanged =
      previousUpdatedAt === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#value.#updatedAt = :previous',
            ExpressionAttributeNames: { '#value': 'value', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':previous': previousUpdatedAt },
          };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            customerExists(this.tableName, customerId),
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.systemState(customerId, 'preferences'),
                  entity: 'system-state',
                  part: 'preferences',
                  value: next,
                },
                ...unchanged,
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.preferencesLog(customerId, change.recordedAt, change.changeId),
                  entity: 'preferences-change',
                  ...change,
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      const [missing, changed] = failedConditions(error) ?? [];
      if (missing) throw new NotFoundError('customer', customerId);
      if (changed)
        throw new ConflictError(`the preferences of '${customerId}' changed meanwhile`, {
          cause: error,
        });
      throw error;
    }
  }

  async preferencesHistory(customerId: string, limit: number): Promise<PreferenceChange[]> {
    return newestInPartition<PreferenceChange>(
      this.db,
      this.tableName,
      customerId,
      prefixes.preferencesLog,
      undefined,
      limit,
    );
  }
}
