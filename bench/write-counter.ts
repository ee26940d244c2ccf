import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Items written and requests made through one DynamoDB client, by what each command wrote. */
export interface WriteCounts {
  /** Items created, replaced, updated or deleted by commands that succeeded. */
  items: number;
  /** Requests by operation (PutItem, TransactWriteItems, GetItem, ...); failed ones as `X (failed)`. */
  readonly requests: Map<string, number>;
}

const SINGLE_ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/**
 * Counts, on the wire, what each successful command wrote: TransactWriteItems writes its Put,
 * Update and Delete items (a ConditionCheck writes nothing), PutItem/UpdateItem/DeleteItem one item
 * each, BatchWriteItem its requests. Read from the serialized request (the operation in the
 * X-Amz-Target header, the items in the JSON body), so whatever the adapters build is what is
 * counted. A failed command (a cancelled transaction, a failed condition) writes nothing.
 */
export function countWrites(client: DynamoDBDocumentClient): WriteCounts {
  const counts: WriteCounts = { items: 0, requests: new Map() };
  client.middlewareStack.add(
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware types are generic over any input/output.
    (next: (args: any) => Promise<any>) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const operation =
        String(request.headers?.['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const count = (key: string) => counts.requests.set(key, (counts.requests.get(key) ?? 0) + 1);
      try {
        const result = await next(args);
        count(operation);
        counts.items += itemsWritten(operation, request.body);
        return result;
      } catch (error) {
        count(`${operation} (failed)`);
        throw error;
      }
    },
    // After serialization (the request exists) and before retries (one count per command).
    { step: 'build', name: 'rapportBenchCountWrites' },
  );
  return counts;
}

function itemsWritten(operation: string, body: unknown): number {
  if (SINGLE_ITEM_WRITES.has(operation)) return 1;
  if (operation !== 'TransactWriteItems' && operation !== 'BatchWriteItem') return 0;
  // The SDK serializes JSON bodies to bytes (a Uint8Array); older versions to a string.
  const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body ?? '{}');
  const input = JSON.parse(text) as {
    TransactItems?: Record<string, unknown>[];
    RequestItems?: Record<string, unknown[]>;
  };
  if (operation === 'BatchWriteItem') {
    return Object.values(input.RequestItems ?? {}).reduce((sum, list) => sum + list.length, 0);
  }
  return (input.TransactItems ?? []).filter(
    (item) => 'Put' in item || 'Update' in item || 'Delete' in item,
  ).length;
}
