import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { EVENT_ENTITY, keys } from '../../functions/adapters/dynamodb/keys.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';

/** Item writes per command, as DynamoDB bills them (a ConditionCheck writes nothing). */
function itemsWritten(command: string, input: Record<string, unknown>): number {
  if (command === 'TransactWriteItemsCommand') {
    const items = (input.TransactItems ?? []) as Record<string, unknown>[];
    return items.filter((item) => item.Put || item.Update || item.Delete).length;
  }
  return ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(command) ? 1 : 0;
}

describe('the transactional outbox', () => {
  let counting = false;
  let writes = 0;
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api, runtime }) => {
      expect((await api.post('/customers', anaInput())).status).toBe(201);
      await runtime.settle();
    },
    {
      wrap: {
        dynamo: (client) => {
          client.middlewareStack.add(
            (next, context) => async (args) => {
              if (counting)
                writes += itemsWritten(
                  context.commandName ?? '',
                  args.input as Record<string, unknown>,
                );
              return next(args);
            },
            { step: 'initialize', name: 'countItemWrites' },
          );
          return client;
        },
      },
    },
  );

  it('records an interaction with three item writes: key, timeline entry, event', async () => {
    counting = true;
    const response = await local.api.post('/interactions', { ...visitInput(), id: 'counted' });
    counting = false;

    expect(response.status).toBe(201);
    expect(writes).toBe(3);
  });

  it('publishes what the stream carries, and dead-letters a malformed event item on its own', async () => {
    const { runtime } = local;
    const db = documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint });
    await db.send(
      new PutCommand({
        TableName: runtime.tableName,
        Item: { ...keys.event('broken'), entity: EVENT_ENTITY, event: { id: 'broken' } },
      }),
    );
    expect(
      (await local.api.post('/interactions', { ...visitInput(), id: 'after-broken' })).status,
    ).toBe(201);

    await runtime.settle();

    expect(runtime.bus.recent.map((event) => event.id)).toContain(
      'interaction.recorded:after-broken',
    );
    expect(runtime.stream.deadLetters).toHaveLength(1);
    expect(runtime.stream.deadLetters[0]?.sequenceNumbers).toHaveLength(1);
  });
});
