import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SystemPart, SystemState } from '../../../core/customer/system-state.ts';
import type { Events, SystemStateStore } from '../../../core/ports.ts';
import { eventPuts } from './client.ts';
import { keys } from './keys.ts';

/**
 * Writes one part of what Rapport computes or learns about a customer (reachability, holds, value,
 * survey) into its own item. Touchpoints have no path to these items: the profile PUT writes the
 * profile item only.
 */
export class DynamoSystemStateStore implements SystemStateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put<P extends SystemPart>(
    customerId: string,
    part: P,
    value: NonNullable<SystemState[P]>,
    events: Events = [],
  ): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.systemState(customerId, part), entity: 'system-state', part, value },
            },
          },
          ...eventPuts(this.tableName, events),
        ],
      }),
    );
  }
}
