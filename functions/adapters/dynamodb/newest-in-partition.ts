import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { stripKeys } from './client.ts';
import { prefixes } from './keys.ts';

/**
 * A customer's items of one kind, newest first: all of them from `from` (an SK lower bound) on,
 * or the `limit` newest.
 */
export async function newestInPartition<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  customerId: string,
  prefix: string,
  from?: string,
  limit?: number,
): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: from
          ? 'PK = :pk AND SK BETWEEN :from AND :to'
          : 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': prefixes.customerPartition(customerId),
          ...(from ? { ':from': from, ':to': `${prefix}\uffff` } : { ':prefix': prefix }),
        },
        ScanIndexForward: false,
        ...(limit ? { Limit: limit } : {}),
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => stripKeys<T>(item)));
    ExclusiveStartKey = limit ? undefined : page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
