import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '../functions/adapters/dynamodb/table-definition.ts';

/**
 * The local runtime's own state (scheduler entries, queue messages, stream checkpoints, dead
 * letters) lives in a second DynamoDB Local table beside Rapport's, so it survives restarts like
 * the data does. Same key design (PK, SK, GSI1), no stream.
 */
export const localStateTable = (tableName: string) => `${tableName}-local`;

export const localStateTableDefinition = (tableName: string) =>
  tableDefinition(localStateTable(tableName), { stream: false });

/** Due times as zero-padded epoch milliseconds, so the index orders them as instants. */
export function sortableMillis(instant: string | Date | number): string {
  const ms =
    typeof instant === 'number'
      ? instant
      : typeof instant === 'string'
        ? Date.parse(instant)
        : instant.getTime();
  return String(Math.max(0, ms)).padStart(16, '0');
}

/**
 * Items of one GSI1 partition of the local state table, in time order: all of them, or those due
 * by `until` (GSI1SK starts with `sortableMillis`), or only the first `limit`.
 */
export async function dueItems<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  options: { readonly until?: Date; readonly limit?: number } = {},
): Promise<T[]> {
  const { until, limit } = options;
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: until ? 'GSI1PK = :p AND GSI1SK <= :until' : 'GSI1PK = :p',
        ExpressionAttributeValues: {
          ':p': partition,
          ...(until ? { ':until': `${sortableMillis(until)}#\uffff` } : {}),
        },
        ...(limit ? { Limit: limit } : {}),
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = limit ? undefined : page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
