import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AutomationSwitch, AutomationSwitchStore } from '../../../core/automation/ports.ts';
import { stripKeys } from './client.ts';
import { keys, prefixes } from './keys.ts';

/**
 * Operators' switches: one item per automation in one partition (so the engine and dispatcher read
 * all of them with one Query per invocation), and a log item per change in the automation's own
 * partition, written in the same transaction.
 */
export class DynamoAutomationSwitchStore implements AutomationSwitchStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async switches(): Promise<ReadonlyMap<string, AutomationSwitch>> {
    const found = new Map<string, AutomationSwitch>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :switch)',
          ExpressionAttributeValues: {
            ':pk': prefixes.automations,
            ':switch': prefixes.automationSwitch,
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const entry = stripKeys<AutomationSwitch>(item);
        found.set(entry.automationId, entry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }

  async setSwitch(change: AutomationSwitch): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.automationSwitch(change.automationId),
                entity: 'automation-switch',
                ...change,
              },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.automationSwitchLog(change.automationId, change.at, randomUUID()),
                entity: 'automation-switch-change',
                ...change,
              },
            },
          },
        ],
      }),
    );
  }

  async history(automationId: string, limit: number): Promise<AutomationSwitch[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
        ExpressionAttributeValues: {
          ':pk': prefixes.automationPartition(automationId),
          ':log': prefixes.automationSwitchLog,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => stripKeys<AutomationSwitch>(item));
  }
}
