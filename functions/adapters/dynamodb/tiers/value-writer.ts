import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ValueState } from '../../../../core/customer/system-state.ts';
import type { Events } from '../../../../core/ports.ts';
import type { ScannedCustomer, ValueWriter } from '../../../../core/tiers/ports.ts';
import { eventPuts, failedConditions } from '../client.ts';
import { keys, prefixes } from '../keys.ts';

/**
 * Writes a customer's value part, conditional on the revision the run read: a concurrent writer
 * (another run) makes it fail instead of being overwritten. With events, the state and its outbox
 * items are one transaction; without (most customers, most runs), a single conditional PutItem.
 */
export class DynamoValueWriter implements ValueWriter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async write(
    customerId: string,
    next: ValueState,
    readRevision: number | undefined,
    events: Events,
  ): Promise<'written' | 'conflict'> {
    const condition =
      readRevision === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK) OR attribute_not_exists(#v.revision)' }
        : {
            ConditionExpression: '#v.revision = :read',
            ExpressionAttributeValues: { ':read': readRevision },
          };
    const put = {
      TableName: this.tableName,
      Item: {
        ...keys.systemState(customerId, 'value'),
        entity: 'system-state',
        part: 'value',
        value: next,
      },
      ExpressionAttributeNames: { '#v': 'value' },
      ...condition,
    };
    try {
      if (events.length === 0) await this.db.send(new PutCommand(put));
      else {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [{ Put: put }, ...eventPuts(this.tableName, events)],
          }),
        );
      }
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || failedConditions(error)?.[0])
        return 'conflict';
      throw error;
    }
  }

  /** The customer read again after a conflict: the same shape a scan gives. */
  async reread(customerId: string): Promise<ScannedCustomer | undefined> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': prefixes.customerPartition(customerId) },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const profile = items.some((item) => item.SK === keys.customer(customerId).SK);
    if (!profile) return undefined;
    const valueItem = items.find((item) => item.SK === keys.systemState(customerId, 'value').SK);
    const surveyItem = items.find((item) => item.SK === keys.systemState(customerId, 'survey').SK);
    const value = ValueState.safeParse(valueItem?.value);
    const score = (surveyItem?.value as { lastScore?: unknown } | undefined)?.lastScore;
    const events = items
      .filter((item) => String(item.SK).startsWith(prefixes.interaction))
      .map((item) => ({
        at: Date.parse(String(item.occurredAt)),
        type: item.type as never,
        amount: Number((item.amount as { value?: unknown } | undefined)?.value ?? 0),
      }));
    return {
      history: {
        customerId,
        events,
        ...(typeof score === 'number' ? { surveyScore: score } : {}),
      },
      ...(value.success ? { value: value.data } : {}),
    };
  }
}
