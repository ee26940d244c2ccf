import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoLocal, LOCAL_AWS, startDynamoLocal } from './dynamodb-local.ts';
import { assertPortFree } from './processes.ts';
import type { LocalRuntimeOptions } from './runtime.ts';
import { type SesLocal, startSesLocal } from './ses-local.ts';

/** The local services the runtime needs: given (tests share one per run) or started here. */
export async function streamArn(endpoint: string, tableName: string): Promise<string> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn) {
      throw new Error(
        `table ${tableName} has no stream; it was created by an older Rapport: start with --fresh`,
      );
    }
    return Table.LatestStreamArn;
  } finally {
    client.destroy();
  }
}

export async function dynamoService(options: LocalRuntimeOptions): Promise<DynamoLocal> {
  if (options.dynamoEndpoint)
    return { endpoint: options.dynamoEndpoint, pid: undefined, stop: async () => undefined };
  await assertPortFree(options.dynamoPort, 'DynamoDB Local', '--dynamo-port');
  return startDynamoLocal(options.dynamoPort, options.dataDir && join(options.dataDir, 'dynamodb'));
}

export async function sesService(options: LocalRuntimeOptions): Promise<SesLocal> {
  if (options.sesUrl) return { url: options.sesUrl, stop: async () => undefined };
  await assertPortFree(options.sesPort, 'the local SES', '--ses-port');
  return startSesLocal(options.sesPort);
}
