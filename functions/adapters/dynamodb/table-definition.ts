import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GSI1 } from './keys.ts';

/**
 * The table as the local runtime and tests create it. infra/constructs/rapport-table.ts declares the
 * same keys for AWS; test/infra checks that the two agree.
 */
export function tableDefinition(
  tableName: string,
  options: { readonly stream?: boolean } = { stream: true },
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    // The outbox: new images of event items are carried to the bus by the stream consumer.
    ...(options.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const } }
      : {}),
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1,
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
